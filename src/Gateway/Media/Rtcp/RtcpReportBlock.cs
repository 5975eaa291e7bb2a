using System.Buffers.Binary;

namespace CallCenter.Gateway.Media.Rtcp;

/// <summary>One reception report block of an SR or RR (RFC 3550 §6.4.1): how one source reaches us.</summary>
/// <param name="Ssrc">The source this block reports on.</param>
/// <param name="FractionLost">Packets lost in the last interval, as a fixed-point fraction of 256.</param>
/// <param name="CumulativeLost">Packets lost since reception began; 24-bit signed on the wire.</param>
/// <param name="ExtendedHighestSequence">Highest sequence number received, with wrap count in the high 16 bits.</param>
/// <param name="Jitter">Interarrival jitter in timestamp units (RFC 3550 §6.4.1, A.8).</param>
/// <param name="LastSenderReport">Middle 32 bits of the NTP timestamp of the source's last SR, or 0.</param>
/// <param name="DelaySinceLastSenderReport">Time since that SR in units of 1/65536 s, or 0.</param>
public readonly record struct RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    /// <summary>Octets of one block on the wire.</summary>
    public const int Length = 24;

    /// <summary>The smallest value the 24-bit signed cumulative-loss field holds.</summary>
    public const int MinCumulativeLost = -0x800000;

    /// <summary>The largest value the 24-bit signed cumulative-loss field holds.</summary>
    public const int MaxCumulativeLost = 0x7FFFFF;

    /// <summary>The fraction lost as a ratio between 0 and 1.</summary>
    public double LossRatio => FractionLost / 256.0;

    internal void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        int lost = Math.Clamp(CumulativeLost, MinCumulativeLost, MaxCumulativeLost);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ((uint)FractionLost << 24) | ((uint)lost & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
    }

    internal static RtcpReportBlock Read(ReadOnlySpan<byte> source)
    {
        uint lossWord = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
        // Sign-extend the 24-bit field by shifting it to the top and back.
        int cumulativeLost = (int)(lossWord << 8) >> 8;
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(source),
            (byte)(lossWord >> 24),
            cumulativeLost,
            BinaryPrimitives.ReadUInt32BigEndian(source[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[20..]));
    }
}
