using CallCenter.Gateway.Media.Rtp;

namespace CallCenter.Gateway.Media.Transport;

/// <summary>
/// Bridges two call legs: every packet from one endpoint is sent unchanged — SSRC, sequence number and
/// timestamp passed through — out of the other, with counters per direction. An optional observer sees
/// each packet first (for recording or DTMF detection while bridged). Disposing unbridges both legs.
/// </summary>
public sealed class RtpRelay : IDisposable
{
    private readonly RtpPacketHandler _fromA;
    private readonly RtpPacketHandler _fromB;
    private long _forwardedAToB;
    private long _forwardedBToA;
    private long _dropped;
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
        legA.PacketHandler = _fromA;
        legB.PacketHandler = _fromB;
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
}
