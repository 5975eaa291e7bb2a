namespace CallCenter.Gateway.Media.Rtcp;

/// <summary>The sender information section of an SR (RFC 3550 §6.4.1).</summary>
/// <param name="NtpTimestamp">Wallclock time the report was sent, 64-bit NTP format (RFC 3550 §4).</param>
/// <param name="RtpTimestamp">The same instant in the stream's RTP timestamp units.</param>
/// <param name="PacketCount">RTP packets sent since the stream began.</param>
/// <param name="OctetCount">Payload octets sent since the stream began.</param>
public readonly record struct RtcpSenderInfo(ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    /// <summary>Octets of the section on the wire.</summary>
    public const int Length = 20;

    private static readonly DateTimeOffset NtpEpoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The middle 32 bits of <see cref="NtpTimestamp"/>: what a receiver echoes as LSR.</summary>
    public uint CompactNtpTimestamp => (uint)(NtpTimestamp >> 16);

    /// <summary>Converts a wallclock time to the 64-bit NTP format: seconds since 1900 and a 32-bit fraction.</summary>
    public static ulong ToNtpTimestamp(DateTimeOffset time)
    {
        TimeSpan sinceEpoch = time - NtpEpoch;
        ulong seconds = (ulong)(sinceEpoch.Ticks / TimeSpan.TicksPerSecond);
        ulong fraction = (ulong)(sinceEpoch.Ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }
}
