using CallCenter.Gateway.Media.Rtp;
using CsCheck;

namespace CallCenter.Gateway.Tests.Media.Rtp;

public sealed class RtpPacketSpecs
{
    // V=2, no P/X, CC=0, M=1, PT=0, seq 0x1234, ts 0x00ABCDEF, SSRC 0xDEADBEEF, payload 3 bytes.
    private static readonly byte[] SimplePacket =
        [0x80, 0x80, 0x12, 0x34, 0x00, 0xAB, 0xCD, 0xEF, 0xDE, 0xAD, 0xBE, 0xEF, 0xFF, 0x7F, 0x00];

    [Fact]
    public void RtpPacket_should_parse_every_fixed_header_field()
    {
        Assert.True(RtpPacket.TryParse(SimplePacket, out RtpPacket packet));
        Assert.Equal(new RtpHeader(0, 0x1234, 0x00ABCDEF, 0xDEADBEEF, Marker: true), packet.Header);
        Assert.False(packet.HasPadding);
        Assert.False(packet.HasExtension);
        Assert.Equal(0, packet.CsrcCount);
        Assert.Equal([0xFF, 0x7F, 0x00], packet.Payload.ToArray());
        Assert.Equal(SimplePacket.Length, packet.Datagram.Length);
    }

    [Fact]
    public void RtpPacket_should_parse_csrc_list_extension_and_padding()
    {
        byte[] datagram =
        [
            0xB2, 0x08, 0x00, 0x01, 0x00, 0x00, 0x00, 0xA0, 0x00, 0x00, 0x00, 0x07, // V=2 P X CC=2, PT 8
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, // CSRCs 1 and 2
            0xBE, 0xDE, 0x00, 0x01, 0x10, 0x20, 0x30, 0x40, // extension profile 0xBEDE, one word
            0xD5, 0xD5, // payload
            0x00, 0x00, 0x03, // padding of 3, count included
        ];

        Assert.True(RtpPacket.TryParse(datagram, out RtpPacket packet));
        Assert.Equal(8, packet.Header.PayloadType);
        Assert.False(packet.Header.Marker);
        Assert.Equal(2, packet.CsrcCount);
        Assert.Equal(1u, packet.GetCsrc(0));
        Assert.Equal(2u, packet.GetCsrc(1));
        Assert.True(packet.HasExtension);
        Assert.Equal(0xBEDE, packet.ExtensionProfile);
        Assert.Equal([0x10, 0x20, 0x30, 0x40], packet.ExtensionData.ToArray());
        Assert.Equal([0xD5, 0xD5], packet.Payload.ToArray());
        Assert.Equal(3, packet.PaddingLength);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x80, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0 })] // 11 bytes
    [InlineData(new byte[] { 0x40, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1 })] // version 1
    [InlineData(new byte[] { 0x81, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0 })] // CSRC cut short
    [InlineData(new byte[] { 0x90, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0 })] // extension header cut short
    [InlineData(new byte[] { 0x90, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2, 1, 2, 3, 4 })] // extension body cut short
    [InlineData(new byte[] { 0xA0, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 9, 0 })] // padding count 0
    [InlineData(new byte[] { 0xA0, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 9, 5 })] // padding longer than the rest
    public void RtpPacket_should_refuse_malformed_datagrams(byte[] datagram)
    {
        Assert.False(RtpPacket.TryParse(datagram, out _));
    }

    [Fact]
    public void RtpPacket_should_never_throw_on_garbage()
    {
        Gen.Byte.Array[0, 80].Sample(bytes =>
        {
            if (RtpPacket.TryParse(bytes, out RtpPacket packet))
            {
                Assert.True(packet.Payload.Length + packet.PaddingLength <= bytes.Length - RtpPacket.FixedHeaderLength);
            }
        });
    }

    [Fact]
    public void RtpPacket_should_round_trip_every_field()
    {
        Gen.Select(
                Gen.Byte[0, 127], Gen.UShort, Gen.UInt, Gen.UInt, Gen.Bool,
                Gen.UInt.Array[0, 15], Gen.Byte.Array[0, 200], Gen.Byte[0, 8])
            .Select(Gen.Bool, Gen.UShort, Gen.Int[0, 4], (fields, hasExtension, profile, words) => (fields, hasExtension, profile, words))
            .Sample(t =>
            {
                var (pt, seq, ts, ssrc, marker, csrcs, payload, padding) = t.fields;
                var header = new RtpHeader(pt, seq, ts, ssrc, marker);
                byte[] extension = t.hasExtension ? Enumerable.Range(1, t.words * 4).Select(i => (byte)i).ToArray() : [];
                var options = new RtpPacketOptions
                {
                    Csrcs = csrcs,
                    HasExtension = t.hasExtension,
                    ExtensionProfile = t.profile,
                    ExtensionData = extension,
                    PaddingLength = padding,
                };
                var buffer = new byte[RtpPacket.MeasureLength(payload.Length, options)];

                Assert.True(RtpPacket.TryWrite(buffer, header, payload, options, out int written));
                Assert.Equal(buffer.Length, written);
                Assert.True(RtpPacket.TryParse(buffer, out RtpPacket parsed));
                Assert.Equal(header, parsed.Header);
                Assert.Equal(csrcs.Length, parsed.CsrcCount);
                for (int i = 0; i < csrcs.Length; i++)
                {
                    Assert.Equal(csrcs[i], parsed.GetCsrc(i));
                }

                Assert.Equal(t.hasExtension, parsed.HasExtension);
                Assert.Equal(extension, parsed.ExtensionData.ToArray());
                Assert.Equal(payload, parsed.Payload.ToArray());
                Assert.Equal((int)padding, parsed.PaddingLength);
            });
    }

    [Fact]
    public void RtpPacket_should_refuse_to_write_fields_out_of_range()
    {
        var buffer = new byte[100];
        Assert.False(RtpPacket.TryWrite(buffer, new RtpHeader(128, 0, 0, 0), [], out _));
        Assert.False(RtpPacket.TryWrite(buffer, new RtpHeader(0, 0, 0, 0), new byte[89], out _));
        Assert.False(RtpPacket.TryWrite(buffer, new RtpHeader(0, 0, 0, 0), [], new RtpPacketOptions { Csrcs = new uint[16] }, out _));
        Assert.False(RtpPacket.TryWrite(buffer, new RtpHeader(0, 0, 0, 0), [], new RtpPacketOptions { HasExtension = true, ExtensionData = new byte[3] }, out _));
    }

    [Fact]
    public void RtpPacket_should_write_the_bytes_RFC_3550_lays_out()
    {
        var buffer = new byte[SimplePacket.Length];
        Assert.True(RtpPacket.TryWrite(buffer, new RtpHeader(0, 0x1234, 0x00ABCDEF, 0xDEADBEEF, Marker: true), SimplePacket.AsSpan(12), out int written));
        Assert.Equal(SimplePacket, buffer[..written]);
    }
}
