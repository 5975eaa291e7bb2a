using CallCenter.Gateway.Media.Rtcp;

namespace CallCenter.Gateway.Tests.Media.Rtcp;

public sealed class RtcpCompoundSpecs
{
    private static readonly RtcpReportBlock Block = new(0x11223344, 25, 1234, 0x0001FFFF, 87, 0xAABBCCDD, 65536);
    private static readonly RtcpSenderInfo Info = new(0x1234_5678_9ABC_DEF0, 160_000, 1000, 160_000);

    private static byte[] Write(RtcpSenderInfo? info, RtcpReportBlock? block, bool bye, string cname = "gateway@callcenter")
    {
        var buffer = new byte[RtcpCompound.MaxLength];
        Assert.True(RtcpCompound.TryWrite(buffer, 0xCAFE, info, block, cname, bye, out int written));
        return buffer[..written];
    }

    [Fact]
    public void Compound_of_a_sender_should_be_an_SR_with_its_block_then_SDES_CNAME()
    {
        byte[] compound = Write(Info, Block, bye: false);

        Assert.Equal([RtcpPacket.SenderReportType, RtcpPacket.SourceDescriptionType], PacketTypes(compound));
        Assert.True(RtcpPacket.TryParseReport(compound, out RtcpReport? report));
        Assert.Equal((0xCAFEu, Info), (report!.Ssrc, report.SenderInfo!.Value));
        Assert.Equal([Block], report.Blocks);
        Assert.True(RtcpPacket.TryParseCname(compound, out uint ssrc, out string? cname));
        Assert.Equal((0xCAFEu, "gateway@callcenter"), (ssrc, cname));
        Assert.False(RtcpPacket.TryParseBye(compound, out _));
    }

    [Fact]
    public void Compound_of_a_receiver_that_hears_nobody_should_be_an_empty_RR_then_SDES()
    {
        byte[] compound = Write(null, null, bye: false);

        Assert.Equal([RtcpPacket.ReceiverReportType, RtcpPacket.SourceDescriptionType], PacketTypes(compound));
        Assert.Equal(0x80, compound[0]); // V=2, RC=0
        Assert.True(RtcpPacket.TryParseReport(compound, out RtcpReport? report));
        Assert.Empty(report!.Blocks);
    }

    [Fact]
    public void Goodbye_compound_should_end_with_a_BYE_for_the_same_SSRC()
    {
        byte[] compound = Write(null, Block, bye: true);

        Assert.Equal([RtcpPacket.ReceiverReportType, RtcpPacket.SourceDescriptionType, RtcpPacket.ByeType], PacketTypes(compound));
        Assert.Equal(new byte[] { 0x81, RtcpPacket.ByeType, 0, 1, 0, 0, 0xCA, 0xFE }, compound[^8..]);
        Assert.True(RtcpPacket.TryParseBye(compound, out uint ssrc));
        Assert.Equal(0xCAFEu, ssrc);
        Assert.True(RtcpCompound.IsWellFormed(compound));
    }

    [Fact]
    public void Longest_compound_should_fit_MaxLength()
    {
        var buffer = new byte[RtcpCompound.MaxLength];
        Assert.True(RtcpCompound.TryWrite(buffer, 1, Info, Block, new string('c', 255), bye: true, out int written));
        Assert.Equal(RtcpCompound.MaxLength, written);
        Assert.False(RtcpCompound.TryWrite(buffer.AsSpan(0, written - 1), 1, Info, Block, new string('c', 255), bye: true, out _));
    }

    [Fact]
    public void First_report_should_be_read_without_allocating()
    {
        byte[] compound = Write(Info, Block, bye: false);
        RtcpPacket.TryReadFirstReport(compound, out _, out _, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool read = RtcpPacket.TryReadFirstReport(compound, out uint reporter, out RtcpSenderInfo? info, out RtcpReportBlock? block);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(read);
        Assert.Equal((0xCAFEu, Info, Block), (reporter, info!.Value, block!.Value));
        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 201, 0x00, 0x01, 0, 0, 0, 1 })] // an empty RR
    [InlineData(new byte[] { 0x81, 203, 0x00, 0x01, 0, 0, 0, 1 })] // a BYE alone
    [InlineData(new byte[] { 0x80, 205, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 2 })] // reduced-size feedback (RFC 5506)
    public void Translator_should_pass_version_2_packets_whose_lengths_add_up(byte[] datagram)
    {
        Assert.True(RtcpCompound.IsWellFormed(datagram));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x80, 201, 0x00 })] // shorter than a header
    [InlineData(new byte[] { 0x40, 201, 0x00, 0x01, 0, 0, 0, 1 })] // version 1
    [InlineData(new byte[] { 0x80, 201, 0x00, 0x02, 0, 0, 0, 1 })] // length beyond the datagram
    [InlineData(new byte[] { 0x80, 201, 0x00, 0x01, 0, 0, 0, 1, 0, 0 })] // trailing bytes
    [InlineData(new byte[] { 0x80, 201, 0x00, 0x01, 0, 0, 0, 1, 0x00, 202, 0x00, 0x00 })] // second packet not version 2
    public void Translator_should_refuse_datagrams_that_are_not_RTCP_compounds(byte[] datagram)
    {
        Assert.False(RtcpCompound.IsWellFormed(datagram));
    }

    /// <summary>The packet types of a compound, in order.</summary>
    internal static List<byte> PacketTypes(byte[] compound)
    {
        var types = new List<byte>();
        for (var at = 0; at + 4 <= compound.Length; at += ((compound[at + 2] << 8) | compound[at + 3]) * 4 + 4)
            types.Add(compound[at + 1]);
        return types;
    }
}
