using CallCenter.Gateway.Media.Rtp;

namespace CallCenter.Gateway.Media.Transport;

/// <summary>
/// Bridges two call legs: every packet from one endpoint is sent unchanged — SSRC, sequence number and
/// timestamp passed through — out of the other, with counters per direction. An optional observer sees
/// each packet first (for recording or DTMF detection while bridged). Disposing unbridges both legs.
/// </summary>
/// <remarks>
/// The gateway is then an RTP translator that changes nothing (RFC 3550 §7.1-7.2): each phone's RTCP compounds are
/// forwarded as they came to the other leg's RTCP address too, so each phone's reports reach the source they describe.
/// Neither direction allocates per packet.
/// </remarks>
public sealed class RtpRelay : IDisposable
{
    private readonly RtpPacketHandler _fromA;
    private readonly RtpPacketHandler _fromB;
    private readonly RtcpCompoundHandler _rtcpFromA;
    private readonly RtcpCompoundHandler _rtcpFromB;
    private long _forwardedAToB;
    private long _forwardedBToA;
    private long _dropped;
    private long _rtcpForwardedAToB;
    private long _rtcpForwardedBToA;
    private long _rtcpDropped;
    private int _disposed;

    /// <summary>Bridges <paramref name="legA"/> and <paramref name="legB"/>, replacing their packet handlers.</summary>
    public RtpRelay(RtpEndpoint legA, RtpEndpoint legB, RtpPacketHandler? observer = null)
    {
        ArgumentNullException.ThrowIfNull(legA);
        ArgumentNullException.ThrowIfNull(legB);
        if (ReferenceEquals(legA, legB))
        {
            throw new ArgumentException("A leg cannot be bridged to itself.", nameof(legB));
        }

        LegA = legA;
        LegB = legB;
        _fromA = (RtpEndpoint from, in RtpPacket packet) => Forward(from, packet, LegB, ref _forwardedAToB, observer);
        _fromB = (RtpEndpoint from, in RtpPacket packet) => Forward(from, packet, LegA, ref _forwardedBToA, observer);
        _rtcpFromA = (_, compound) => ForwardRtcp(compound, LegB, ref _rtcpForwardedAToB);
        _rtcpFromB = (_, compound) => ForwardRtcp(compound, LegA, ref _rtcpForwardedBToA);
        legA.PacketHandler = _fromA;
        legB.PacketHandler = _fromB;
        legA.RtcpHandler = _rtcpFromA;
        legB.RtcpHandler = _rtcpFromB;
    }

    /// <summary>One leg (by convention the caller).</summary>
    public RtpEndpoint LegA { get; }

    /// <summary>The other leg (by convention the agent).</summary>
    public RtpEndpoint LegB { get; }

    /// <summary>Packets relayed from A to B.</summary>
    public long ForwardedAToB => Interlocked.Read(ref _forwardedAToB);

    /// <summary>Packets relayed from B to A.</summary>
    public long ForwardedBToA => Interlocked.Read(ref _forwardedBToA);

    /// <summary>Packets that could not be sent on (no remote yet, send failed).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>RTCP compounds relayed from A to B.</summary>
    public long RtcpForwardedAToB => Interlocked.Read(ref _rtcpForwardedAToB);

    /// <summary>RTCP compounds relayed from B to A.</summary>
    public long RtcpForwardedBToA => Interlocked.Read(ref _rtcpForwardedBToA);

    /// <summary>RTCP compounds that could not be sent on.</summary>
    public long RtcpDropped => Interlocked.Read(ref _rtcpDropped);

    /// <summary>Stops relaying; each leg's handler is cleared if it is still this relay's.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (LegA.PacketHandler == _fromA)
        {
            LegA.PacketHandler = null;
        }

        if (LegB.PacketHandler == _fromB)
        {
            LegB.PacketHandler = null;
        }

        if (LegA.RtcpHandler == _rtcpFromA)
        {
            LegA.RtcpHandler = null;
        }

        if (LegB.RtcpHandler == _rtcpFromB)
        {
            LegB.RtcpHandler = null;
        }
    }

    private void Forward(RtpEndpoint from, in RtpPacket packet, RtpEndpoint to, ref long forwarded, RtpPacketHandler? observer)
    {
        if (_disposed != 0)
        {
            return;
        }

        observer?.Invoke(from, packet);
        if (to.Send(packet.Datagram))
        {
            Interlocked.Increment(ref forwarded);
        }
        else
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private void ForwardRtcp(ReadOnlySpan<byte> compound, RtpEndpoint to, ref long forwarded)
    {
        if (_disposed != 0)
        {
            return;
        }

        if (to.SendRtcp(compound))
        {
            Interlocked.Increment(ref forwarded);
        }
        else
        {
            Interlocked.Increment(ref _rtcpDropped);
        }
    }
}
