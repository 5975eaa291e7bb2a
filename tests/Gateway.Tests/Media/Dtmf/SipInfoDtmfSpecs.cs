using CallCenter.Gateway.Media.Dtmf;

namespace CallCenter.Gateway.Tests.Media.Dtmf;

public sealed class SipInfoDtmfSpecs
{
    [Fact]
    public void Dtmf_relay_body_should_give_the_signal_and_its_duration_in_milliseconds()
    {
        Assert.True(SipInfoDtmf.TryParse("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", out DtmfDigit digit));
        Assert.Equal(new DtmfDigit('5', TimeSpan.FromMilliseconds(160), DtmfTransport.SipInfo), digit);
    }

    [Theory]
    [InlineData("Signal=#\r\nDuration=250\r\n", '#')]
    [InlineData("Signal=*\nDuration=100\n", '*')]
    [InlineData("signal = 11\r\nduration = 100", '#')]
    [InlineData("Signal=10\r\n", '*')]
    [InlineData("Signal=a\r\n", 'A')]
    [InlineData("Duration=100\r\nSignal=0\r\n", '0')]
    public void Dtmf_relay_body_should_accept_the_variants_phones_send(string body, char expected)
    {
        Assert.True(SipInfoDtmf.TryParse("Application/DTMF-Relay", body, out DtmfDigit digit));
        Assert.Equal(expected, digit.Digit);
    }

    [Fact]
    public void Dtmf_relay_body_without_duration_should_get_the_default()
    {
        Assert.True(SipInfoDtmf.TryParse("application/dtmf-relay", "Signal=3", out DtmfDigit digit));
        Assert.Equal(SipInfoDtmf.DefaultDuration, digit.Duration);
    }

    [Theory]
    [InlineData("5", '5')]
    [InlineData("#\r\n", '#')]
    [InlineData("11", '#')]
    public void Dtmf_body_should_give_the_digit(string body, char expected)
    {
        Assert.True(SipInfoDtmf.TryParse("application/dtmf; charset=us-ascii", body, out DtmfDigit digit));
        Assert.Equal(expected, digit.Digit);
        Assert.Equal(DtmfTransport.SipInfo, digit.Transport);
    }

    [Theory]
    [InlineData("application/dtmf-relay", "Duration=160\r\n")]
    [InlineData("application/dtmf-relay", "Signal=X\r\nDuration=160\r\n")]
    [InlineData("application/dtmf-relay", "")]
    [InlineData("application/dtmf", "55")]
    [InlineData("application/dtmf", "!")]
    [InlineData("application/sdp", "Signal=5")]
    [InlineData(null, "Signal=5")]
    public void Bodies_without_a_recognisable_digit_should_be_refused(string? contentType, string body)
    {
        Assert.False(SipInfoDtmf.TryParse(contentType, body, out _));
    }
}
