using System.Collections.Concurrent;
using System.Net;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Transport;

/// <summary>An in-memory network of loopback channels: what one sends, the channel bound to the destination receives.</summary>
public sealed class LoopbackNetwork
{
    private readonly ConcurrentDictionary<IPEndPoint, LoopbackChannel> _channels = new();

    /// <summary>Every send, as wire bytes (from, to, bytes): a tap for tests, like a packet capture.</summary>
    public event Action<IPEndPoint, IPEndPoint, ReadOnlyMemory<byte>>? Sent;

    public LoopbackChannel Bind(IPEndPoint endPoint, SipParserOptions? parser = null)
    {
        var channel = new LoopbackChannel(this, endPoint, parser ?? SipParserOptions.Default);
        if (!_channels.TryAdd(endPoint, channel))
        {
            throw new InvalidOperationException($"{endPoint} is already bound");
        }

        return channel;
    }

    internal void OnSent(IPEndPoint from, IPEndPoint to, ReadOnlyMemory<byte> data) => Sent?.Invoke(from, to, data);

    internal bool TryGet(IPEndPoint endPoint, out LoopbackChannel? channel) => _channels.TryGetValue(endPoint, out channel);

    internal void Unbind(IPEndPoint endPoint) => _channels.TryRemove(endPoint, out _);
}

/// <summary>A datagram-like channel for tests: no sockets, delivery on send, same parsing as UDP.</summary>
public sealed class LoopbackChannel : ISipChannel
{
    private readonly LoopbackNetwork _network;
    private readonly SipParserOptions _parser;
    private SipInboundHandler? _onInbound;

    internal LoopbackChannel(LoopbackNetwork network, IPEndPoint endPoint, SipParserOptions parser)
    {
        _network = network;
        _parser = parser;
        LocalEndPoint = endPoint;
    }

    public SipTransportKind Kind => SipTransportKind.Loopback;

    public bool IsReliable => false;

    public IPEndPoint LocalEndPoint { get; }

    public void Start(SipInboundHandler onInbound) => _onInbound = onInbound;

    public async ValueTask<bool> SendAsync(IPEndPoint remote, ReadOnlyMemory<byte> data, long connectionId = 0, CancellationToken cancellationToken = default)
    {
        _network.OnSent(LocalEndPoint, remote, data);
        if (!_network.TryGet(remote, out var target) || target!._onInbound is not { } deliver)
        {
            return false;
        }

        var copy = data.ToArray();
        await deliver(new SipInbound(SipParser.Parse(new ReadOnlyMemory<byte>(copy), target._parser), new SipFlow(target, LocalEndPoint)));
        return true;
    }

    public ValueTask DisposeAsync()
    {
        _network.Unbind(LocalEndPoint);
        return ValueTask.CompletedTask;
    }
}
