using System.Net;
using System.Net.Sockets;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Transport;

/// <summary>
/// SIP over UDP (RFC 3261 §18.1.1, §18.2.1): one datagram is one message; bytes after Content-Length are ignored (§18.3).
/// Receives on a dedicated thread with blocking reads and sends synchronously: measured under sipp load, the async
/// socket path cost a thread-pool hop per datagram, several times the stack's own work per call (bench/Sip/RESULTS.md).
/// </summary>
public sealed class UdpChannel : ISipChannel
{
    /// <summary>How often the receive thread wakes up to see whether the channel was closed.</summary>
    private static readonly TimeSpan StopCheck = TimeSpan.FromMilliseconds(250);

    private readonly Socket _socket;
    private readonly SipChannelOptions _options;
    private volatile bool _stopped;
    private Thread? _thread;

    public UdpChannel(SipChannelOptions options)
    {
        _options = options;
        _socket = new Socket(options.EndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp)
        {
            ReceiveBufferSize = options.UdpSocketBufferBytes,
            SendBufferSize = options.UdpSocketBufferBytes,
            ReceiveTimeout = (int)StopCheck.TotalMilliseconds,
        };
        _socket.Bind(options.EndPoint);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public SipTransportKind Kind => SipTransportKind.Udp;

    public bool IsReliable => false;

    public IPEndPoint LocalEndPoint { get; }

    public void Start(SipInboundHandler onInbound)
    {
        _thread = new Thread(() => ReceiveLoop(onInbound)) { IsBackground = true, Name = $"sip-udp {LocalEndPoint}" };
        _thread.Start();
    }

    /// <summary>A UDP send does not wait for the peer: it is done synchronously (no allocation, no thread hop).</summary>
    public ValueTask<bool> SendAsync(IPEndPoint remote, ReadOnlyMemory<byte> data, long connectionId = 0, CancellationToken cancellationToken = default)
    {
        try
        {
            _socket.SendTo(data.Span, SocketFlags.None, remote);
            return ValueTask.FromResult(true);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return ValueTask.FromResult(false);
        }
    }

    private void ReceiveLoop(SipInboundHandler onInbound)
    {
        var buffer = new byte[65536];
        var any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stopped)
        {
            try
            {
                EndPoint from = any;
                var received = _socket.ReceiveFrom(buffer, SocketFlags.None, ref from);
                var datagram = buffer.AsSpan(0, received).ToArray();
                var result = SipParser.Parse(new ReadOnlyMemory<byte>(datagram), _options.Parser);
                var handled = onInbound(new SipInbound(result, new SipFlow(this, (IPEndPoint)from)));
                if (!handled.IsCompletedSuccessfully)
                {
                    handled.AsTask().GetAwaiter().GetResult(); // this thread is ours: waiting keeps datagrams in order
                }
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                // the periodic wake-up to check _stopped
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (Exception)
            {
                // ICMP errors, oversize datagrams or a handler fault: this datagram is lost, the listener goes on.
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopped = true;
        _socket.Dispose();
        _thread?.Join(StopCheck * 4);
        return ValueTask.CompletedTask;
    }
}
