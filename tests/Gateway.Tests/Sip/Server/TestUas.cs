using System.Net;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Server;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Tests.Sip.Server;

/// <summary>A test user agent server: answers every request that reaches it 200 OK (never ACK).</summary>
public sealed class TestUas : ISipRequestHandler
{
    public ValueTask HandleAsync(SipServerRequest request, CancellationToken cancellationToken) =>
        request.Request.Method == SipMethods.Ack ? ValueTask.CompletedTask : Respond(request, cancellationToken);

    private static async ValueTask Respond(SipServerRequest request, CancellationToken cancellationToken) =>
        await request.RespondAsync(SipStatus.Ok, cancellationToken);

    /// <summary>A server front with this UAS on UDP and TCP at one free loopback port.</summary>
    public static async Task<(SipTransport Transport, int Port)> StartOnFreePortAsync(SipChannelOptions? options = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var transport = SipTransport.Open((options ?? new SipChannelOptions()) with { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
                new SipServerFront(transport, new TestUas()).Start();
                return (transport, transport.Channels[0].LocalEndPoint.Port);
            }
            catch (System.Net.Sockets.SocketException) when (attempt < 10)
            {
                await Task.Yield(); // the UDP port was free but its TCP twin was not: try another
            }
        }
    }
}
