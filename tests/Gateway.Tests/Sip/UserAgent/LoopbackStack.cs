using System.Net;
using CallCenter.Gateway.Sip.Server;
using CallCenter.Gateway.Sip.Transaction;
using CallCenter.Gateway.Sip.Transport;
using CallCenter.Gateway.Sip.UserAgent;

namespace CallCenter.Gateway.Tests.Sip.UserAgent;

/// <summary>A whole stack (front, transaction layer, user agent) on a loopback channel: messages really are written and parsed.</summary>
public sealed class LoopbackStack
{
    public LoopbackStack(LoopbackNetwork network, string address, TimeProvider time, SipUserAgentOptions? options = null)
    {
        EndPoint = new IPEndPoint(IPAddress.Parse(address), 5060);
        var transport = new SipTransport([network.Bind(EndPoint)]);
        Layer = new SipTransactionLayer(new TransportWire(transport), new SipTransactionOptions { Time = time });
        Agent = new SipUserAgent(Layer, options);
        new SipServerFront(transport, Layer, Layer).Start();
    }

    public IPEndPoint EndPoint { get; }

    public SipTransactionLayer Layer { get; }

    public SipUserAgent Agent { get; }

    public SipTarget Target => new(EndPoint);
}
