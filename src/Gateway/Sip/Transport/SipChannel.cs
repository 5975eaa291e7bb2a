using System.Net;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Transport;

public enum SipTransportKind
{
    Udp,
    Tcp,
    Loopback,
}

/// <summary>Where a message came from, and so how to answer it: the channel, the peer, and for streams the connection.</summary>
public sealed record SipFlow(ISipChannel Channel, IPEndPoint Remote, long ConnectionId = 0)
{
    public bool IsReliable => Channel.IsReliable;

    public override string ToString() => $"{Channel.Kind} {Remote}" + (ConnectionId != 0 ? $" #{ConnectionId}" : string.Empty);
}

/// <summary>One received message, or the parse error that replaced it, with its flow.</summary>
public sealed record SipInbound(SipParseResult Result, SipFlow Flow);

public delegate ValueTask SipInboundHandler(SipInbound inbound);

/// <summary>
/// One transport channel (RFC 3261 §18): receives and frames messages and sends bytes. A channel never stops
/// because of what a peer sent; it reports parse errors upward as values.
/// </summary>
public interface ISipChannel : IAsyncDisposable
{
    SipTransportKind Kind { get; }

    /// <summary>Stream transports are reliable (RFC 3261 §18: responses go back on the connection).</summary>
    bool IsReliable { get; }

    /// <summary>The bound address (the real port when 0 was configured).</summary>
    IPEndPoint LocalEndPoint { get; }

    void Start(SipInboundHandler onInbound);

    /// <summary>
    /// Sends bytes to <paramref name="remote"/>. A stream channel prefers connection <paramref name="connectionId"/>,
    /// then any open connection to the peer, then opens one (connection reuse, RFC 3261 §18.1/§18.2.2).
    /// </summary>
    ValueTask<bool> SendAsync(IPEndPoint remote, ReadOnlyMemory<byte> data, long connectionId = 0, CancellationToken cancellationToken = default);
}

/// <summary>Limits and endpoints of a channel. Defaults: 127.0.0.1:5060 (DESIGN.md), 64 KiB messages, 5 min idle connections.</summary>
public sealed record SipChannelOptions
{
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 5060);

    public SipParserOptions Parser { get; init; } = SipParserOptions.Default;

    /// <summary>Bytes a stream connection may hold unframed before it is answered 413 and closed.</summary>
    public int MaxBufferedBytes { get; init; } = 128 * 1024;

    /// <summary>A stream connection with no traffic this long is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Most simultaneous stream connections; further ones are refused.</summary>
    public int MaxConnections { get; init; } = 1024;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>UDP socket buffers (the kernel caps them at net.core.rmem_max/wmem_max): a small buffer drops bursts under load (FACTS.md).</summary>
    public int UdpSocketBufferBytes { get; init; } = 4 * 1024 * 1024;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public int MaxMessageSize => Parser.MaxMessageSize;
}
