using System.Buffers.Binary;
using System.Text;

namespace CallCenter.Gateway.Media.Rtcp;

/// <summary>
/// Builds and parses the RTCP packets a gateway needs for loss and jitter reporting: SR, RR and the
/// SDES CNAME every compound packet carries (RFC 3550 §6.1, §6.4, §6.5). Writers return false when the
/// destination is too small; the parser returns false on anything malformed and never throws.
/// </summary>
public static class RtcpPacket
{
    /// <summary>PT of a sender report (RFC 3550 §6.4.1).</summary>
    public const byte SenderReportType = 200;

    /// <summary>PT of a receiver report (RFC 3550 §6.4.2).</summary>
    public const byte ReceiverReportType = 201;

    /// <summary>PT of a source description (RFC 3550 §6.5).</summary>
    public const byte SourceDescriptionType = 202;

    /// <summary>The RC field is five bits wide.</summary>
    public const int MaxReportBlocks = 31;

    private const int CommonHeaderLength = 4;
    private const byte CnameItem = 1;

    /// <summary>Writes an SR: sender info plus up to 31 report blocks.</summary>
    public static bool TryWriteSenderReport(Span<byte> destination, uint ssrc, in RtcpSenderInfo senderInfo, ReadOnlySpan<RtcpReportBlock> blocks, out int written)
    {
        written = 0;
        int length = CommonHeaderLength + 4 + RtcpSenderInfo.Length + (blocks.Length * RtcpReportBlock.Length);
        if (blocks.Length > MaxReportBlocks || length > destination.Length)
        {
            return false;
        }

        WriteHeader(destination, blocks.Length, SenderReportType, length, ssrc);
        Span<byte> info = destination[8..];
        BinaryPrimitives.WriteUInt64BigEndian(info, senderInfo.NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(info[8..], senderInfo.RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(info[12..], senderInfo.PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(info[16..], senderInfo.OctetCount);
        WriteBlocks(destination[(8 + RtcpSenderInfo.Length)..], blocks);
        written = length;
        return true;
    }

    /// <summary>Writes an RR; an empty one is still sent when there is nothing to report (RFC 3550 §6.4.2).</summary>
    public static bool TryWriteReceiverReport(Span<byte> destination, uint ssrc, ReadOnlySpan<RtcpReportBlock> blocks, out int written)
    {
        written = 0;
        int length = CommonHeaderLength + 4 + (blocks.Length * RtcpReportBlock.Length);
        if (blocks.Length > MaxReportBlocks || length > destination.Length)
        {
            return false;
        }

        WriteHeader(destination, blocks.Length, ReceiverReportType, length, ssrc);
        WriteBlocks(destination[8..], blocks);
        written = length;
        return true;
    }

    /// <summary>Writes an SDES chunk with the CNAME item alone (RFC 3550 §6.5.1), to follow an SR or RR.</summary>
    public static bool TryWriteSourceDescription(Span<byte> destination, uint ssrc, string cname, out int written)
    {
        written = 0;
        int nameLength = Encoding.UTF8.GetByteCount(cname);
        // SSRC, item type, item length, the text, then at least one null octet ending the item list, padded to 32 bits.
        int chunkLength = (4 + 2 + nameLength + 1 + 3) & ~3;
        int length = CommonHeaderLength + chunkLength;
        if (nameLength > byte.MaxValue || length > destination.Length)
        {
            return false;
        }

        WriteHeader(destination, 1, SourceDescriptionType, length, ssrc);
        destination[8] = CnameItem;
        destination[9] = (byte)nameLength;
        Encoding.UTF8.GetBytes(cname, destination[10..]);
        destination[(10 + nameLength)..length].Clear();
        written = length;
        return true;
    }

    /// <summary>
    /// Finds the first SR or RR in a compound packet (RFC 3550 §6.1), skipping other packet types.
    /// Returns false when there is none or the compound is malformed.
    /// </summary>
    public static bool TryParseReport(ReadOnlySpan<byte> compound, out RtcpReport? report)
    {
        report = null;
        while (compound.Length >= CommonHeaderLength)
        {
            if (compound[0] >> 6 != 2)
            {
                return false;
            }

            int length = (BinaryPrimitives.ReadUInt16BigEndian(compound[2..]) + 1) * 4;
            if (length > compound.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> packet = compound[..length];
            byte type = packet[1];
            if (type is SenderReportType or ReceiverReportType)
            {
                return TryParseReport(packet, type == SenderReportType, out report);
            }

            compound = compound[length..];
        }

        return false;
    }

    private static bool TryParseReport(ReadOnlySpan<byte> packet, bool isSender, out RtcpReport? report)
    {
        report = null;
        int count = packet[0] & 0x1F;
        bool hasPadding = (packet[0] & 0x20) != 0;
        int paddingLength = hasPadding ? packet[^1] : 0;
        int blocksAt = 8 + (isSender ? RtcpSenderInfo.Length : 0);
        if (blocksAt + (count * RtcpReportBlock.Length) + paddingLength > packet.Length)
        {
            return false;
        }

        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        RtcpSenderInfo? senderInfo = null;
        if (isSender)
        {
            senderInfo = new RtcpSenderInfo(
                BinaryPrimitives.ReadUInt64BigEndian(packet[8..]),
                BinaryPrimitives.ReadUInt32BigEndian(packet[16..]),
                BinaryPrimitives.ReadUInt32BigEndian(packet[20..]),
                BinaryPrimitives.ReadUInt32BigEndian(packet[24..]));
        }

        var blocks = new RtcpReportBlock[count];
        for (int i = 0; i < count; i++)
        {
            blocks[i] = RtcpReportBlock.Read(packet[(blocksAt + (i * RtcpReportBlock.Length))..]);
        }

        report = new RtcpReport(ssrc, senderInfo, blocks);
        return true;
    }

    private static void WriteHeader(Span<byte> destination, int count, byte type, int length, uint ssrc)
    {
        destination[0] = (byte)((2 << 6) | count);
        destination[1] = type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((length / 4) - 1));
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
    }

    private static void WriteBlocks(Span<byte> destination, ReadOnlySpan<RtcpReportBlock> blocks)
    {
        for (int i = 0; i < blocks.Length; i++)
        {
            blocks[i].Write(destination[(i * RtcpReportBlock.Length)..]);
        }
    }
}
