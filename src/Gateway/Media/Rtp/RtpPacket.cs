using System.Buffers.Binary;

namespace CallCenter.Gateway.Media.Rtp;

/// <summary>
/// A parsed view over one RTP datagram (RFC 3550 §5.1): nothing is copied, so it lives on the stack
/// for as long as the receive buffer it points into.
/// </summary>
public readonly ref struct RtpPacket
{
    /// <summary>The only RTP version in use (RFC 3550 §5.1, V field).</summary>
    public const int Version = 2;

    /// <summary>The length of the fixed header before any CSRC.</summary>
    public const int FixedHeaderLength = 12;

    /// <summary>The CC field is four bits wide.</summary>
    public const int MaxCsrcCount = 15;

    private readonly ReadOnlySpan<byte> _csrcs;

    private RtpPacket(
        ReadOnlySpan<byte> datagram,
        RtpHeader header,
        ReadOnlySpan<byte> csrcs,
        bool hasExtension,
        ushort extensionProfile,
        ReadOnlySpan<byte> extensionData,
        ReadOnlySpan<byte> payload,
        int paddingLength)
    {
        Datagram = datagram;
        Header = header;
        _csrcs = csrcs;
        HasExtension = hasExtension;
        ExtensionProfile = extensionProfile;
        ExtensionData = extensionData;
        Payload = payload;
        PaddingLength = paddingLength;
    }

    /// <summary>The whole datagram, for relaying it unchanged.</summary>
    public ReadOnlySpan<byte> Datagram { get; }

    /// <summary>Payload type, marker, sequence number, timestamp and SSRC.</summary>
    public RtpHeader Header { get; }

    /// <summary>The P bit: the payload is followed by <see cref="PaddingLength"/> octets of padding.</summary>
    public bool HasPadding => PaddingLength > 0;

    /// <summary>Octets of padding at the end, the count octet included (RFC 3550 §5.1, P field).</summary>
    public int PaddingLength { get; }

    /// <summary>The number of contributing sources (CC field).</summary>
    public int CsrcCount => _csrcs.Length / 4;

    /// <summary>The X bit: a header extension follows the CSRC list (RFC 3550 §5.3.1).</summary>
    public bool HasExtension { get; }

    /// <summary>The profile-defined 16 bits that start the header extension.</summary>
    public ushort ExtensionProfile { get; }

    /// <summary>The header extension's body, a multiple of four octets.</summary>
    public ReadOnlySpan<byte> ExtensionData { get; }

    /// <summary>The payload, without padding.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>The contributing source at <paramref name="index"/> (0 ≤ index &lt; <see cref="CsrcCount"/>).</summary>
    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_csrcs.Slice(index * 4, 4));
    }

    /// <summary>
    /// Parses a datagram; returns false for anything that is not a well-formed RTP version 2 packet
    /// (short, wrong version, a CSRC list, extension or padding that overruns it). Never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, out RtpPacket packet)
    {
        packet = default;
        if (datagram.Length < FixedHeaderLength || datagram[0] >> 6 != Version)
        {
            return false;
        }

        bool padding = (datagram[0] & 0x20) != 0;
        bool extension = (datagram[0] & 0x10) != 0;
        int csrcCount = datagram[0] & 0x0F;
        var header = new RtpHeader(
            PayloadType: (byte)(datagram[1] & 0x7F),
            SequenceNumber: BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]),
            Timestamp: BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]),
            Ssrc: BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]),
            Marker: (datagram[1] & 0x80) != 0);

        int offset = FixedHeaderLength + (csrcCount * 4);
        if (offset > datagram.Length)
        {
            return false;
        }

        ReadOnlySpan<byte> csrcs = datagram[FixedHeaderLength..offset];
        ushort profile = 0;
        ReadOnlySpan<byte> extensionData = default;
        if (extension)
        {
            if (offset + 4 > datagram.Length)
            {
                return false;
            }

            profile = BinaryPrimitives.ReadUInt16BigEndian(datagram[offset..]);
            int extensionLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]) * 4;
            offset += 4;
            if (offset + extensionLength > datagram.Length)
            {
                return false;
            }

            extensionData = datagram.Slice(offset, extensionLength);
            offset += extensionLength;
        }

        int paddingLength = 0;
        if (padding)
        {
            // The last octet counts the padding, itself included, so zero is malformed (RFC 3550 §5.1).
            paddingLength = datagram[^1];
            if (paddingLength == 0 || offset + paddingLength > datagram.Length)
            {
                return false;
            }
        }

        ReadOnlySpan<byte> payload = datagram[offset..(datagram.Length - paddingLength)];
        packet = new RtpPacket(datagram, header, csrcs, extension, profile, extensionData, payload, paddingLength);
        return true;
    }

    /// <summary>The size of a packet with these parts, for sizing a buffer.</summary>
    public static int MeasureLength(int payloadLength, in RtpPacketOptions options = default) =>
        FixedHeaderLength + (options.Csrcs.Length * 4) + (options.HasExtension ? 4 + options.ExtensionData.Length : 0)
        + payloadLength + options.PaddingLength;

    /// <summary>Writes a packet with the fixed header only; returns false when it does not fit or a field is out of range.</summary>
    public static bool TryWrite(Span<byte> destination, in RtpHeader header, ReadOnlySpan<byte> payload, out int written) =>
        TryWrite(destination, header, payload, default, out written);

    /// <summary>
    /// Writes a packet with optional CSRC list, header extension and padding (RFC 3550 §5.1, §5.3.1);
    /// returns false when it does not fit or a field is out of range (payload type above 127, more than
    /// 15 CSRCs, an extension that is not whole 32-bit words).
    /// </summary>
    public static bool TryWrite(
        Span<byte> destination,
        in RtpHeader header,
        ReadOnlySpan<byte> payload,
        in RtpPacketOptions options,
        out int written)
    {
        written = 0;
        int length = MeasureLength(payload.Length, options);
        if (header.PayloadType > 0x7F
            || options.Csrcs.Length > MaxCsrcCount
            || options.ExtensionData.Length % 4 != 0
            || options.ExtensionData.Length / 4 > ushort.MaxValue
            || (!options.HasExtension && !options.ExtensionData.IsEmpty)
            || length > destination.Length)
        {
            return false;
        }

        destination[0] = (byte)((Version << 6)
            | (options.PaddingLength > 0 ? 0x20 : 0)
            | (options.HasExtension ? 0x10 : 0)
            | options.Csrcs.Length);
        destination[1] = (byte)((header.Marker ? 0x80 : 0) | header.PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], header.SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], header.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], header.Ssrc);
        int offset = FixedHeaderLength;
        foreach (uint csrc in options.Csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], csrc);
            offset += 4;
        }

        if (options.HasExtension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], options.ExtensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(options.ExtensionData.Length / 4));
            options.ExtensionData.CopyTo(destination[(offset + 4)..]);
            offset += 4 + options.ExtensionData.Length;
        }

        payload.CopyTo(destination[offset..]);
        offset += payload.Length;
        if (options.PaddingLength > 0)
        {
            destination.Slice(offset, options.PaddingLength - 1).Clear();
            offset += options.PaddingLength;
            destination[offset - 1] = options.PaddingLength;
        }

        written = offset;
        return true;
    }
}
