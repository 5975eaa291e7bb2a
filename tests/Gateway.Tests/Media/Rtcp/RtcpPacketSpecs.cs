using CallCenter.Gateway.Media.Rtcp;

namespace CallCenter.Gateway.Tests.Media.Rtcp;

public sealed class RtcpPacketSpecs
{
    private static readonly RtcpReportBlock Block = new(0x11223344, 25, 1234, 0x0001FFFF, 87, 0xAABBCCDD, 65536);

    [Fact]
    public void Sender_report_should_round_trip_sender_info_and_blocks()
    {
        var info = new RtcpSenderInfo(RtcpSenderInfo.ToNtpTimestamp(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero)), 160_000, 1000, 160_000);
        var buffer = new byte[200];
        Assert.True(RtcpPacket.TryWriteSenderReport(buffer, 0xCAFE, info, [Block, Block with { Ssrc = 5, CumulativeLost = -3 }], out int written));
        Assert.Equal(28 + (2 * 24), written);

        Assert.True(RtcpPacket.TryParseReport(buffer.AsSpan(0, written), out RtcpReport? report));
        Assert.True(report!.IsSenderReport);
        Assert.Equal(0xCAFEu, report.Ssrc);
        Assert.Equal(info, report.SenderInfo);
        Assert.Equal([Block, Block with { Ssrc = 5, CumulativeLost = -3 }], report.Blocks);
    }

    [Fact]
    public void Receiver_report_should_lay_out_the_header_as_RFC_3550_section_6_4_2()
    {
        var buffer = new byte[100];
        Assert.True(RtcpPacket.TryWriteReceiverReport(buffer, 0x01020304, [Block], out int written));
        Assert.Equal(32, written);
        // V=2, RC=1; PT=201; length 7 words minus one; reporter SSRC.
        Assert.Equal(new byte[] { 0x81, 201, 0x00, 0x07, 0x01, 0x02, 0x03, 0x04 }, buffer[..8]);
        // Fraction lost 25 then cumulative lost 1234 in 24 bits.
        Assert.Equal(new byte[] { 25, 0x00, 0x04, 0xD2 }, buffer[12..16]);

        Assert.True(RtcpPacket.TryParseReport(buffer.AsSpan(0, written), out RtcpReport? report));
        Assert.False(report!.IsSenderReport);
        Assert.Equal([Block], report.Blocks);
    }

    [Fact]
    public void Report_block_should_clamp_and_sign_extend_the_24_bit_cumulative_loss()
    {
        var buffer = new byte[100];
        RtcpPacket.TryWriteReceiverReport(buffer, 1, [Block with { CumulativeLost = int.MinValue }, Block with { CumulativeLost = -1 }], out int written);
        RtcpPacket.TryParseReport(buffer.AsSpan(0, written), out RtcpReport? report);
        Assert.Equal(RtcpReportBlock.MinCumulativeLost, report!.Blocks[0].CumulativeLost);
        Assert.Equal(-1, report.Blocks[1].CumulativeLost);
    }

    [Fact]
    public void Parser_should_find_the_report_in_a_compound_packet_after_other_types()
    {
        var buffer = new byte[200];
        RtcpPacket.TryWriteSourceDescription(buffer, 9, "gateway@callcenter", out int sdes);
        Assert.Equal(0, sdes % 4);
        RtcpPacket.TryWriteReceiverReport(buffer.AsSpan(sdes), 9, [Block], out int rr);

        Assert.True(RtcpPacket.TryParseReport(buffer.AsSpan(0, sdes + rr), out RtcpReport? report));
        Assert.Equal([Block], report!.Blocks);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x80, 202, 0x00, 0x00 })] // SDES alone
    [InlineData(new byte[] { 0x40, 201, 0x00, 0x01, 0, 0, 0, 1 })] // version 1
    [InlineData(new byte[] { 0x81, 201, 0x00, 0x01, 0, 0, 0, 1 })] // one block announced, none present
    [InlineData(new byte[] { 0x80, 200, 0x00, 0x09, 0, 0, 0, 1 })] // length beyond the datagram
    public void Parser_should_refuse_compounds_without_a_well_formed_report(byte[] datagram)
    {
        Assert.False(RtcpPacket.TryParseReport(datagram, out _));
    }

    [Fact]
    public void Ntp_timestamp_should_count_seconds_since_1900_with_a_binary_fraction()
    {
        ulong ntp = RtcpSenderInfo.ToNtpTimestamp(new DateTimeOffset(1970, 1, 1, 0, 0, 0, 500, TimeSpan.Zero));
        Assert.Equal(2_208_988_800UL, ntp >> 32);
        Assert.Equal(0x80000000UL, ntp & 0xFFFFFFFF);
        Assert.Equal((uint)(ntp >> 16), new RtcpSenderInfo(ntp, 0, 0, 0).CompactNtpTimestamp);
    }
}
