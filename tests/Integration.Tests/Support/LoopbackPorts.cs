using System.Net;
using System.Net.Sockets;

namespace CallCenter.Integration.Tests.Support;

/// <summary>
/// Ports for the nodes, PostgreSQL servers and remoting the tests start. Asking the kernel for port 0 and closing the
/// socket is not enough: the kernel may give the same port again to the next caller (two nodes of one cluster got the
/// same port for HTTP and remoting in a CI run), and a port from the ephemeral range (32768-60999) may be taken by any
/// outgoing connection or by a node's own port-0 remoting before the node that was given it binds it. These come from
/// 12000-19999 (below the ephemeral range and below the nodes' RTP range, 20000-29999), are free on 127.0.0.1 for TCP
/// and UDP when handed out, and are never handed out twice in one test run.
/// </summary>
public static class LoopbackPorts
{
    private const int First = 12000;
    private const int Count = 8000;
    private static readonly HashSet<int> HandedOut = [];
    private static int _next = First + Random.Shared.Next(Count);

    /// <summary>A port free for TCP and UDP on 127.0.0.1, not handed out before in this process.</summary>
    public static int Take()
    {
        lock (HandedOut)
        {
            for (var tried = 0; tried < Count; tried++)
            {
                var port = _next;
                _next = _next + 1 == First + Count ? First : _next + 1;
                if (HandedOut.Contains(port) || !IsFree(port))
                    continue;
                HandedOut.Add(port);
                return port;
            }
        }
        throw new InvalidOperationException($"no free port left in {First}-{First + Count - 1} on 127.0.0.1");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var tcp = new TcpListener(IPAddress.Loopback, port);
            tcp.Start();
            using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
