using System.Net;
using System.Net.Sockets;
using CallCenter.Gateway.Sip.Server;
using CallCenter.Gateway.Sip.Transaction;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Sip.UserAgent;

/// <summary>Everything a SIP stack is configured with, layer by layer.</summary>
public sealed record SipStackOptions
{
    public SipChannelOptions Channel { get; init; } = new();

    public SipServerOptions Server { get; init; } = new();

    public SipTransactionOptions Transactions { get; init; } = new();

    public SipUserAgentOptions Agent { get; init; } = new();
}

/// <summary>
/// The assembled stack: UDP and TCP channels on one address (§18), the server front, the transaction layer and the
/// user agent. Port 0 picks a free port shared by UDP and TCP.
/// </summary>
public sealed class SipStack : IAsyncDisposable
{
    private SipStack(SipTransport transport, SipStackOptions options)
    {
        Transport = transport;
        Layer = new SipTransactionLayer(new TransportWire(transport), options.Transactions);
        Agent = new SipUserAgent(Layer, options.Agent);
        new SipServerFront(transport, Layer, Layer, options.Server).Start();
    }

    public SipTransport Transport { get; }

    public SipTransactionLayer Layer { get; }

    public SipUserAgent Agent { get; }

    /// <summary>The UDP address the stack listens on (TCP shares it).</summary>
    public IPEndPoint EndPoint => Transport.Channels[0].LocalEndPoint;

    public static SipStack Open(IPEndPoint endPoint, SipStackOptions? options = null)
    {
        options ??= new SipStackOptions();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new SipStack(SipTransport.Open(options.Channel with { Time = options.Transactions.Time }, endPoint), options);
            }
            catch (SocketException) when (endPoint.Port == 0 && attempt < 10)
            {
                // The free UDP port's TCP twin was taken: try another.
            }
        }
    }

    public ValueTask DisposeAsync() => Transport.DisposeAsync();
}
