using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Tests.Sip.Transport;

/// <summary>Raw socket peers for transport specs: they send bytes and read whole SIP messages back, with a deadline.</summary>
public static class TestPeers
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public static string Options(string viaHostPort, string transport = "UDP", string callId = "opt-1", string viaParams = "") =>
        $"OPTIONS sip:gateway@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/{transport} {viaHostPort};branch=z9hG4bK{Guid.NewGuid():N}{viaParams}\r\n" +
        $"Max-Forwards: 70\r\nFrom: <sip:probe@example.com>;tag=77\r\nTo: <sip:gateway@127.0.0.1>\r\nCall-ID: {callId}\r\n" +
        "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";

    /// <summary>The next datagram as text: answers to malformed requests echo the bad headers, so they may not parse.</summary>
    public static async Task<string> ReceiveUdpTextAsync(UdpClient client) =>
        Encoding.UTF8.GetString((await client.ReceiveAsync().WaitAsync(Deadline)).Buffer);

    public static async Task<SipResponse> ReceiveUdpAsync(UdpClient client)
    {
        var received = await client.ReceiveAsync().WaitAsync(Deadline);
        return Assert.IsType<SipResponse>(SipParser.Parse(received.Buffer).Message);
    }

    /// <summary>A TCP client that frames what it reads like the server does.</summary>
    public sealed class TcpPeer : IAsyncDisposable
    {
        private readonly TcpClient _client = new(AddressFamily.InterNetwork);
        private readonly List<byte> _pending = [];

        public static async Task<TcpPeer> ConnectAsync(int port)
        {
            var peer = new TcpPeer();
            await peer._client.ConnectAsync(IPAddress.Loopback, port);
            return peer;
        }

        public IPEndPoint LocalEndPoint => (IPEndPoint)_client.Client.LocalEndPoint!;

        public Task SendAsync(string text) => _client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

        /// <summary>The next message, or null when the server closed the connection.</summary>
        public async Task<SipMessage?> ReceiveAsync()
        {
            using var timeout = new CancellationTokenSource(Deadline);
            var buffer = new byte[8192];
            while (true)
            {
                var frame = SipStreamFramer.Next(_pending.ToArray(), 65536);
                if (frame.Kind is SipFrameKind.Message or SipFrameKind.Skip)
                {
                    var bytes = _pending.Take(frame.Length).ToArray();
                    _pending.RemoveRange(0, frame.Length);
                    if (frame.Kind == SipFrameKind.Message)
                    {
                        return SipParser.Parse(bytes).Message;
                    }

                    continue;
                }

                var n = await _client.GetStream().ReadAsync(buffer, timeout.Token);
                if (n == 0)
                {
                    return null;
                }

                _pending.AddRange(buffer.AsSpan(0, n).ToArray());
            }
        }

        public ValueTask DisposeAsync()
        {
            _client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
