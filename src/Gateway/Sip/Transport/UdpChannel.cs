using System.Net;
using System.Net.Sockets;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Transport;

/// <summary>SIP over UDP (RFC 3261 §18.1.1, §18.2.1): one datagram is one message; bytes after Content-Length are ignored (§18.3).</summary>
public sealed class UdpChannel : ISipChannel
{
    private readonly Socket _socket;
    private readonly SipChannelOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public UdpChannel(SipChannelOptions options)
    {
        _options = options;
        _socket = new Socket(options.EndPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(options.EndPoint);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public SipTransportKind Kind => SipTransportKind.Udp;

    public bool IsReliable => false;

    public IPEndPoint LocalEndPoint { get; }

    public void Start(SipInboundHandler onInbound) => _loop = Task.Run(() => ReceiveLoop(onInbound));

    public async ValueTask<bool> SendAsync(IPEndPoint remote, ReadOnlyMemory<byte> data, long connectionId = 0, CancellationToken cancellationToken = default)
    {
        try
        {
            await _socket.SendToAsync(data, SocketFlags.None, remote, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ReceiveLoop(SipInboundHandler onInbound)
    {
        var buffer = new byte[65536];
        var any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                var datagram = buffer.AsSpan(0, received.ReceivedBytes).ToArray();
                var result = SipParser.Parse(new ReadOnlyMemory<byte>(datagram), _options.Parser);
                await onInbound(new SipInbound(result, new SipFlow(this, (IPEndPoint)received.RemoteEndPoint)));
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Dispose();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
