using CallCenter.Gateway.Media.Dtmf;

namespace CallCenter.Gateway.Tests.Media.Dtmf;

public sealed class TelephoneEventSpecs
{
    [Fact]
    public void TelephoneEvent_should_parse_the_RFC_4733_payload_layout()
    {
        // Event 11 (#), E bit, volume 10, duration 800.
        Assert.True(TelephoneEvent.TryParse([11, 0x8A, 0x03, 0x20], out TelephoneEvent parsed));
        Assert.Equal(new TelephoneEvent(11, End: true, Volume: 10, Duration: 800), parsed);
    }

    [Fact]
    public void TelephoneEvent_should_ignore_the_reserved_bit_and_write_it_as_zero()
    {
        Assert.True(TelephoneEvent.TryParse([5, 0x4A, 0x00, 0xA0], out TelephoneEvent parsed));
        Assert.Equal(new TelephoneEvent(5, false, 10, 160), parsed);

        var written = new byte[4];
        parsed.Write(written);
        Assert.Equal(new byte[] { 5, 0x0A, 0x00, 0xA0 }, written);
    }

    [Fact]
    public void TelephoneEvent_should_refuse_a_short_payload()
    {
        Assert.False(TelephoneEvent.TryParse([5, 0x0A, 0x00], out _));
    }

    [Theory]
    [InlineData(0, '0')]
    [InlineData(9, '9')]
    [InlineData(10, '*')]
    [InlineData(11, '#')]
    [InlineData(12, 'A')]
    [InlineData(15, 'D')]
    [InlineData(16, '!')]
    public void Event_codes_should_map_to_digits_as_RFC_4733_section_3_2(int code, char digit)
    {
        Assert.True(DtmfDigit.TryFromEventCode(code, out char mapped));
        Assert.Equal(digit, mapped);
        Assert.True(DtmfDigit.TryToEventCode(digit, out byte back));
        Assert.Equal(code, back);
    }

    [Fact]
    public void Unknown_event_codes_should_not_map_to_a_digit()
    {
        Assert.False(DtmfDigit.TryFromEventCode(17, out _));
        Assert.False(DtmfDigit.TryToEventCode('x', out _));
    }
}
