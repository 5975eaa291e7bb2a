using System.Buffers.Binary;
using System.Text;

namespace CallCenter.Gateway.Media.Rtcp;

/// <summary>
/// Builds and parses the RTCP packets a gateway needs for loss and jitter reporting: SR, RR, the SDES CNAME
/// every compound packet carries and the BYE of a source that leaves (RFC 3550 §6.1, §6.4-§6.6). Writers return
/// false when the destination is too small; parsers return false on anything malformed and never throw.
/// </summary>
public static class RtcpPacket
{
    /// <summary>PT of a sender report (RFC 3550 §6.4.1).</summary>
    public const byte SenderReportType = 200;

    /// <summary>PT of a receiver report (RFC 3550 §6.4.2).</summary>
    public const byte ReceiverReportType = 201;

    /// <summary>PT of a source description (RFC 3550 §6.5).</summary>
    public const byte SourceDescriptionType = 202;

    /// <summary>PT of a goodbye (RFC 3550 §6.6).</summary>
    public const byte ByeType = 203;

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

    /// <summary>Writes a BYE for one source, without a reason (RFC 3550 §6.6): the last packet of a compound.</summary>
    public static bool TryWriteBye(Span<byte> destination, uint ssrc, out int written)
    {
        written = 0;
        const int length = CommonHeaderLength + 4;
        if (length > destination.Length)
        {
            return false;
        }

        WriteHeader(destination, 1, ByeType, length, ssrc);
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
        if (!TryFindReport(compound, out ReadOnlySpan<byte> packet, out int count, out bool isSender))
        {
            return false;
        }

        var blocks = new RtcpReportBlock[count];
        for (int i = 0; i < count; i++)
        {
            blocks[i] = ReadBlock(packet, isSender, i);
        }

        report = new RtcpReport(ReadSsrc(packet), isSender ? ReadSenderInfo(packet) : null, blocks);
        return true;
    }

    /// <summary>
    /// Reads the first SR or RR of a compound without allocating (for the receive loop): the reporter's SSRC, its
    /// sender info when it is an SR, and its first report block when it has one — a phone hears one source.
    /// </summary>
    public static bool TryReadFirstReport(ReadOnlySpan<byte> compound, out uint reporterSsrc, out RtcpSenderInfo? senderInfo, out RtcpReportBlock? firstBlock)
    {
        reporterSsrc = 0;
        senderInfo = null;
        firstBlock = null;
        if (!TryFindReport(compound, out ReadOnlySpan<byte> packet, out int count, out bool isSender))
        {
            return false;
        }

        reporterSsrc = ReadSsrc(packet);
        senderInfo = isSender ? ReadSenderInfo(packet) : null;
        firstBlock = count > 0 ? ReadBlock(packet, isSender, 0) : null;
        return true;
    }

    /// <summary>Reads the CNAME of the first chunk of an SDES packet found in <paramref name="compound"/> (RFC 3550 §6.5.1).</summary>
    public static bool TryParseCname(ReadOnlySpan<byte> compound, out uint ssrc, out string? cname)
    {
        ssrc = 0;
        cname = null;
        if (!RtcpCompound.TryFind(compound, SourceDescriptionType, out ReadOnlySpan<byte> packet) || (packet[0] & 0x1F) == 0 || packet.Length < 8)
        {
            return false;
        }

        ssrc = ReadSsrc(packet);
        // Items follow the chunk's SSRC: type, length, text; a zero type ends the list.
        ReadOnlySpan<byte> items = packet[8..];
        while (items.Length >= 2 && items[0] != 0)
        {
            int itemLength = items[1];
            if (2 + itemLength > items.Length)
            {
                return false;
            }

            if (items[0] == CnameItem)
            {
                cname = Encoding.UTF8.GetString(items.Slice(2, itemLength));
                return true;
            }

            items = items[(2 + itemLength)..];
        }

        return false;
    }

    /// <summary>The SSRC of the first source a BYE in <paramref name="compound"/> says goodbye for.</summary>
    public static bool TryParseBye(ReadOnlySpan<byte> compound, out uint ssrc)
    {
        ssrc = 0;
        if (!RtcpCompound.TryFind(compound, ByeType, out ReadOnlySpan<byte> packet) || (packet[0] & 0x1F) == 0 || packet.Length < 8)
        {
            return false;
        }

        ssrc = ReadSsrc(packet);
        return true;
    }

    private static bool TryFindReport(ReadOnlySpan<byte> compound, out ReadOnlySpan<byte> packet, out int count, out bool isSender)
    {
        count = 0;
        isSender = false;
        if (!RtcpCompound.TryFind(compound, SenderReportType, ReceiverReportType, out packet))
        {
            return false;
        }

        count = packet[0] & 0x1F;
        isSender = packet[1] == SenderReportType;
        bool hasPadding = (packet[0] & 0x20) != 0;
        int paddingLength = hasPadding ? packet[^1] : 0;
        return BlocksAt(isSender) + (count * RtcpReportBlock.Length) + paddingLength <= packet.Length;
    }

    private static int BlocksAt(bool isSender) => 8 + (isSender ? RtcpSenderInfo.Length : 0);

    private static uint ReadSsrc(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);

    private static RtcpSenderInfo ReadSenderInfo(ReadOnlySpan<byte> packet) => new(
        BinaryPrimitives.ReadUInt64BigEndian(packet[8..]),
        BinaryPrimitives.ReadUInt32BigEndian(packet[16..]),
        BinaryPrimitives.ReadUInt32BigEndian(packet[20..]),
        BinaryPrimitives.ReadUInt32BigEndian(packet[24..]));

    private static RtcpReportBlock ReadBlock(ReadOnlySpan<byte> packet, bool isSender, int index) =>
        RtcpReportBlock.Read(packet[(BlocksAt(isSender) + (index * RtcpReportBlock.Length))..]);

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
