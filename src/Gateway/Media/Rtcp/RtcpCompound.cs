using System.Buffers.Binary;

namespace CallCenter.Gateway.Media.Rtcp;

/// <summary>
/// Whole RTCP compound packets (RFC 3550 §6.1): the check a translator makes before passing one on, finding one
/// packet in a compound, and writing the compound the gateway sends as a participant of its own. Never allocates.
/// </summary>
public static class RtcpCompound
{
    /// <summary>
    /// The longest compound <see cref="TryWrite"/> produces: an SR with one report block, an SDES with a CNAME of up to
    /// 255 octets, and a BYE.
    /// </summary>
    public const int MaxLength = 8 + RtcpSenderInfo.Length + RtcpReportBlock.Length + (4 + 264) + 8;

    private const int HeaderLength = 4;

    /// <summary>
    /// True when every packet of the datagram says version 2 and their lengths add up to the datagram's (the
    /// structural part of RFC 3550 Appendix A.2). The first packet need not be an SR or RR, so the reduced-size
    /// compounds of RFC 5506 that phones may have agreed between themselves pass too: the translator checks shape,
    /// not content.
    /// </summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < HeaderLength)
        {
            return false;
        }

        while (!datagram.IsEmpty)
        {
            if (!TryTakePacket(ref datagram, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first packet of type <paramref name="type"/> in <paramref name="compound"/>; false when there is none before the compound ends or breaks.</summary>
    public static bool TryFind(ReadOnlySpan<byte> compound, byte type, out ReadOnlySpan<byte> packet) => TryFind(compound, type, type, out packet);

    /// <summary>The first packet of either type in <paramref name="compound"/>.</summary>
    public static bool TryFind(ReadOnlySpan<byte> compound, byte type, byte otherType, out ReadOnlySpan<byte> packet)
    {
        while (TryTakePacket(ref compound, out packet))
        {
            if (packet[1] == type || packet[1] == otherType)
            {
                return true;
            }
        }

        packet = default;
        return false;
    }

    /// <summary>
    /// Writes the gateway's compound for one reporting interval: an SR when <paramref name="senderInfo"/> is given, else
    /// an RR; the reception report <paramref name="block"/> if any; the SDES CNAME every compound carries; and with
    /// <paramref name="bye"/> a BYE for <paramref name="ssrc"/> last (RFC 3550 §6.1, §6.6).
    /// </summary>
    public static bool TryWrite(Span<byte> destination, uint ssrc, RtcpSenderInfo? senderInfo, RtcpReportBlock? block, string cname, bool bye, out int written)
    {
        written = 0;
        RtcpReportBlock reported = block.GetValueOrDefault();
        ReadOnlySpan<RtcpReportBlock> blocks = block is null ? default : new ReadOnlySpan<RtcpReportBlock>(in reported);
        bool wroteReport = senderInfo is { } info
            ? RtcpPacket.TryWriteSenderReport(destination, ssrc, info, blocks, out int report)
            : RtcpPacket.TryWriteReceiverReport(destination, ssrc, blocks, out report);
        if (!wroteReport || !RtcpPacket.TryWriteSourceDescription(destination[report..], ssrc, cname, out int sdes))
        {
            return false;
        }

        int goodbye = 0;
        if (bye && !RtcpPacket.TryWriteBye(destination[(report + sdes)..], ssrc, out goodbye))
        {
            return false;
        }

        written = report + sdes + goodbye;
        return true;
    }

    private static bool TryTakePacket(scoped ref ReadOnlySpan<byte> compound, out ReadOnlySpan<byte> packet)
    {
        packet = default;
        if (compound.Length < HeaderLength || compound[0] >> 6 != 2)
        {
            return false;
        }

        int length = (BinaryPrimitives.ReadUInt16BigEndian(compound[2..]) + 1) * 4;
        if (length > compound.Length)
        {
            return false;
        }

        packet = compound[..length];
        compound = compound[length..];
        return true;
    }
}
