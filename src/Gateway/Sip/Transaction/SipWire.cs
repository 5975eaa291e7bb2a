using System.Net;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Sip.Transaction;

/// <summary>Where a request is sent: an address and the transport to use (DNS/RFC 3263 is not done here).</summary>
public sealed record SipTarget(IPEndPoint EndPoint, SipTransportKind Transport = SipTransportKind.Udp)
{
    public override string ToString() => $"{Transport} {EndPoint}";
}

/// <summary>Where the bytes go: a channel (or the first of a kind), the peer and, for streams, the connection.</summary>
public readonly record struct SipDestination(SipTransportKind Kind, IPEndPoint Remote, long ConnectionId = 0, ISipChannel? Channel = null)
{
    /// <summary>Where responses to a request received on <paramref name="flow"/> go (RFC 3261 §18.2.2, RFC 3581 §4).</summary>
    public static SipDestination ForResponse(Message.SipRequest request, SipFlow flow) =>
        new(flow.Channel.Kind, request.TopVia is { } via ? ResponseRouting.Destination(via, flow.Remote) ?? flow.Remote : flow.Remote, flow.ConnectionId, flow.Channel);
}

/// <summary>What the transaction layer needs from the transport below it (RFC 3261 §18): send bytes, know reliability and our address.</summary>
public interface ISipWire
{
    bool IsReliable(SipTransportKind kind);

    /// <summary>Our address on that transport, for the sent-by of the Via we add (§18.1.1); null when there is none.</summary>
    IPEndPoint? LocalEndPoint(SipTransportKind kind);

    ValueTask<bool> SendAsync(ReadOnlyMemory<byte> bytes, SipDestination destination);

    /// <summary>The gateway's name in telemetry (its SIP address); a wire that is no gateway's has none.</summary>
    string Gateway => "none";
}

/// <summary>The wire over a real <see cref="SipTransport"/>; a loopback channel stands in for UDP (tests run whole stacks on it).</summary>
public sealed class TransportWire(SipTransport transport) : ISipWire
{
    public string Gateway => transport.Gateway;

    public bool IsReliable(SipTransportKind kind) => Find(kind)?.IsReliable ?? false;

    public IPEndPoint? LocalEndPoint(SipTransportKind kind) => Find(kind)?.LocalEndPoint;

    public ValueTask<bool> SendAsync(ReadOnlyMemory<byte> bytes, SipDestination destination) =>
        (destination.Channel ?? Find(destination.Kind)) is { } channel
            ? channel.SendAsync(destination.Remote, bytes, destination.ConnectionId)
            : ValueTask.FromResult(false);

    private ISipChannel? Find(SipTransportKind kind) =>
        transport.Channel(kind) ?? (kind == SipTransportKind.Udp ? transport.Channel(SipTransportKind.Loopback) : null);
}
