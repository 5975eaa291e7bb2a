using CallCenter.Gateway.Media.Rtcp;

namespace CallCenter.Gateway.Media.Rtp;

/// <summary>A stream the gateway itself sends, as an RTP source of its own (RFC 3550 §6.4.1): what its SR says.</summary>
public interface IRtpSender
{
    /// <summary>The stream's synchronisation source.</summary>
    uint Ssrc { get; }

    /// <summary>
    /// The sender info of an SR sent at <paramref name="now"/>: that wallclock instant in NTP format, the same instant
    /// on the stream's RTP clock (not the last packet's timestamp), and the packets and payload octets sent so far.
    /// </summary>
    RtcpSenderInfo SenderInfo(DateTimeOffset now);
}
