using System.Net;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Transport;

/// <summary>
/// The transport layer (RFC 3261 §18) over a set of channels: stamps the top Via of received requests, sends
/// responses where §18.2.2 / RFC 3581 say, and requests over the chosen channel (reusing stream connections).
/// </summary>
public sealed class SipTransport : IAsyncDisposable
{
    private readonly List<ISipChannel> _channels;

    public SipTransport(IEnumerable<ISipChannel> channels)
    {
        _channels = [.. channels];
        Gateway = _channels.Count > 0 ? _channels[0].LocalEndPoint.ToString() : "none";
    }

    public IReadOnlyList<ISipChannel> Channels => _channels;

    /// <summary>The gateway's name in telemetry: its first channel's address (host:port), as the SIP stack reports it.</summary>
    public string Gateway { get; }

    /// <summary>Opens UDP and TCP channels on each endpoint (default 127.0.0.1:5060); port 0 gives both the same free port.</summary>
    public static SipTransport Open(SipChannelOptions options, params IPEndPoint[] endPoints)
    {
        var channels = new List<ISipChannel>();
        foreach (var endPoint in endPoints.Length == 0 ? [options.EndPoint] : endPoints)
        {
            var udp = new UdpChannel(options with { EndPoint = endPoint });
            channels.Add(udp);
            channels.Add(new TcpChannel(options with { EndPoint = udp.LocalEndPoint }));
        }

        return new SipTransport(channels);
    }

    public ISipChannel? Channel(SipTransportKind kind) => _channels.FirstOrDefault(c => c.Kind == kind);

    public void Start(SipInboundHandler onInbound)
    {
        foreach (var channel in _channels)
        {
            channel.Start(inbound => onInbound(StampVia(inbound)));
        }
    }

    /// <summary>Sends a response back along the request's flow (§18.2.2): on the connection for streams, to received/rport otherwise.</summary>
    public ValueTask<bool> SendResponseAsync(SipResponse response, SipFlow requestFlow, CancellationToken cancellationToken = default)
    {
        var destination = response.TopVia is { } via ? ResponseRouting.Destination(via, requestFlow.Remote) : null;
        destination ??= requestFlow.Remote;

        return requestFlow.Channel.SendAsync(destination, SipMessageWriter.ToBytes(response, Gateway), requestFlow.ConnectionId, cancellationToken);
    }

    /// <summary>Sends a request to <paramref name="destination"/> over the first channel of <paramref name="kind"/>.</summary>
    public ValueTask<bool> SendRequestAsync(SipRequest request, IPEndPoint destination, SipTransportKind kind, CancellationToken cancellationToken = default) =>
        Channel(kind) is { } channel
            ? channel.SendAsync(destination, SipMessageWriter.ToBytes(request, Gateway), 0, cancellationToken)
            : ValueTask.FromResult(false);

    private static SipInbound StampVia(SipInbound inbound) =>
        inbound.Result.Message is SipRequest request
            ? inbound with { Result = SipParseResult.Success(ResponseRouting.Stamp(request, inbound.Flow.Remote), inbound.Result.Consumed) }
            : inbound;

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            await channel.DisposeAsync();
        }
    }
}
