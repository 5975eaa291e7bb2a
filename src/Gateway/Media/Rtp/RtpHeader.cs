namespace CallCenter.Gateway.Media.Rtp;

/// <summary>The fields of the RTP fixed header a media stream sets per packet (RFC 3550 §5.1).</summary>
/// <param name="PayloadType">7-bit payload type (RFC 3551 §6 for the static ones).</param>
/// <param name="SequenceNumber">Increments by one per packet sent, wrapping at 2^16.</param>
/// <param name="Timestamp">Sampling instant of the first octet, in clock-rate units.</param>
/// <param name="Ssrc">The synchronisation source, random per stream (RFC 3550 §8.1).</param>
/// <param name="Marker">Profile-defined: the first packet of a talkspurt or of a DTMF event.</param>
public readonly record struct RtpHeader(byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc, bool Marker = false);
