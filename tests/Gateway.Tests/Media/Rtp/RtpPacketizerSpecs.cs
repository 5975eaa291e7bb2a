using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Rtp;

namespace CallCenter.Gateway.Tests.Media.Rtp;

public sealed class RtpPacketizerSpecs
{
    [Fact]
    public void Packetizer_should_advance_timestamp_by_160_and_sequence_by_1_per_20ms_frame()
    {
        var packetizer = new RtpPacketizer(G711.PcmuPayloadType, ssrc: 42, firstSequenceNumber: 65535, firstTimestamp: uint.MaxValue - 100);
        var frame = new byte[G711.SamplesPerFrame];
        var buffer = new byte[RtpPacketizer.PacketLength(frame.Length)];
        var headers = new List<RtpHeader>();
        for (int i = 0; i < 3; i++)
        {
            int length = packetizer.WriteFrame(frame, buffer);
            Assert.Equal(172, length);
            Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, length), out RtpPacket packet));
            Assert.Equal(160, packet.Payload.Length);
            headers.Add(packet.Header);
        }

        Assert.Equal([65535, 0, 1], headers.Select(h => (int)h.SequenceNumber));
        Assert.Equal([uint.MaxValue - 100, 59u, 219u], headers.Select(h => h.Timestamp));
        Assert.All(headers, h => Assert.Equal(42u, h.Ssrc));
        Assert.Equal([true, false, false], headers.Select(h => h.Marker));
        Assert.Equal(3u, packetizer.PacketCount);
        Assert.Equal(480u, packetizer.OctetCount);
    }

    [Fact]
    public void Packetizer_should_pick_a_random_ssrc_per_stream()
    {
        var ssrcs = Enumerable.Range(0, 8).Select(_ => new RtpPacketizer(G711.PcmuPayloadType).Ssrc).ToHashSet();
        Assert.True(ssrcs.Count > 1);
    }

    [Fact]
    public void Event_packets_should_share_the_sequence_space_but_not_move_the_audio_clock()
    {
        var packetizer = new RtpPacketizer(G711.PcmuPayloadType, ssrc: 1, firstSequenceNumber: 10, firstTimestamp: 1000);
        var buffer = new byte[200];
        packetizer.WriteFrame(new byte[160], buffer);
        int length = packetizer.WriteEvent(101, 1160, marker: true, [1, 0, 0, 0], buffer);
        Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, length), out RtpPacket packet));
        Assert.Equal(new RtpHeader(101, 11, 1160, 1, true), packet.Header);
        Assert.Equal(1160u, packetizer.Timestamp);
        packetizer.AdvanceTimestamp(800);
        Assert.Equal(1960u, packetizer.Timestamp);
        Assert.Equal(12, packetizer.SequenceNumber);
    }
}
