using CallCenter.Gateway.Media.Dtmf;

namespace CallCenter.Gateway.Tests.Media.Dtmf;

public sealed class DtmfSenderSpecs
{
    [Fact]
    public void Sender_should_emit_start_updates_and_three_end_packets()
    {
        IReadOnlyList<TelephoneEventPacket> packets = DtmfSender.CreatePackets('5', TimeSpan.FromMilliseconds(100));

        Assert.Equal([160, 320, 480, 640, 800, 800, 800], packets.Select(p => (int)p.Payload.Duration));
        Assert.Equal([false, false, false, false, true, true, true], packets.Select(p => p.Payload.End));
        Assert.Equal([true, false, false, false, false, false, false], packets.Select(p => p.Marker));
        Assert.All(packets, p => Assert.Equal(5, p.Payload.Event));
        Assert.Equal(Enumerable.Range(0, 7).Select(i => TimeSpan.FromMilliseconds(20 * i)), packets.Select(p => p.SendAfter));
    }

    [Fact]
    public void Sender_should_mark_the_first_end_packet_of_a_one_interval_event()
    {
        IReadOnlyList<TelephoneEventPacket> packets = DtmfSender.CreatePackets('#', TimeSpan.FromMilliseconds(20));
        Assert.Equal(3, packets.Count);
        Assert.True(packets[0].Marker);
        Assert.All(packets, p => Assert.Equal(new TelephoneEvent(11, true, 10, 160), p.Payload));
    }

    [Fact]
    public void Sender_should_refuse_what_is_not_a_digit_or_too_long_to_fit_the_duration_field()
    {
        Assert.Throws<ArgumentException>(() => DtmfSender.CreatePackets('x', DtmfSender.DefaultDuration));
        Assert.Throws<ArgumentOutOfRangeException>(() => DtmfSender.CreatePackets('1', TimeSpan.FromSeconds(9)));
    }
}
