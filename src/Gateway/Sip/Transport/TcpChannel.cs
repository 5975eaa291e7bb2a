using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CallCenter.Gateway.Sip.Transport;

/// <summary>
/// SIP over TCP (RFC 3261 §18): a listener plus a pool of connections keyed by peer, reused for responses and for
/// requests to the same peer; idle connections are closed on a timer from the injected clock.
/// </summary>
public sealed class TcpChannel : ISipChannel
{
    private readonly Socket _listener;
    private readonly SipChannelOptions _options;
    private readonly ConcurrentDictionary<long, TcpConnection> _byId = new();
    private readonly ConcurrentDictionary<IPEndPoint, TcpConnection> _byPeer = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _idleSweep;
    private SipInboundHandler _onInbound = _ => ValueTask.CompletedTask;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextId;

    public TcpChannel(SipChannelOptions options)
    {
        _options = options;
        _listener = new Socket(options.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(options.EndPoint);
        _listener.Listen(128);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        var period = options.IdleTimeout / 4;
        _idleSweep = options.Time.CreateTimer(_ => CloseIdle(), null, period, period);
    }

    public SipTransportKind Kind => SipTransportKind.Tcp;

    public bool IsReliable => true;

    public IPEndPoint LocalEndPoint { get; }

    public int ConnectionCount => _byId.Count;

    public void Start(SipInboundHandler onInbound)
    {
        _onInbound = onInbound;
        _acceptLoop = Task.Run(AcceptLoop);
    }

    public async ValueTask<bool> SendAsync(IPEndPoint remote, ReadOnlyMemory<byte> data, long connectionId = 0, CancellationToken cancellationToken = default)
    {
        if (connectionId != 0 && _byId.TryGetValue(connectionId, out var byId) && byId.IsOpen && await byId.SendAsync(data, cancellationToken))
        {
            return true;
        }

        remote = Normalize(remote);
        if (_byPeer.TryGetValue(remote, out var existing) && existing.IsOpen && await existing.SendAsync(data, cancellationToken))
        {
            return true;
        }

        var connection = await ConnectAsync(remote, cancellationToken);
        return connection is not null && await connection.SendAsync(data, cancellationToken);
    }

    /// <summary>Closes connections idle for longer than the configured timeout (called by the sweep timer).</summary>
    public void CloseIdle()
    {
        var now = _options.Time.GetUtcNow();
        foreach (var connection in _byId.Values)
        {
            if (now - connection.LastActivity >= _options.IdleTimeout)
            {
                connection.Close();
            }
        }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var socket = await _listener.AcceptAsync(_stop.Token);
                if (_byId.Count >= _options.MaxConnections)
                {
                    socket.Dispose();
                    continue;
                }

                Run(socket);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection that failed during accept; keep listening.
            }
        }
    }

    private async Task<TcpConnection?> ConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        timeout.CancelAfter(_options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(remote, timeout.Token);
            return Run(socket);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Dispose();
            return null;
        }
    }

    private TcpConnection Run(Socket socket)
    {
        socket.NoDelay = true;
        var connection = new TcpConnection(Interlocked.Increment(ref _nextId), socket, _options);
        _byId[connection.Id] = connection;
        _byPeer[Normalize(connection.Remote)] = connection;
        _ = Task.Run(async () =>
        {
            var flow = new SipFlow(this, connection.Remote, connection.Id);
            await connection.ReadLoop(result => Deliver(new SipInbound(result, flow)));
            _byId.TryRemove(connection.Id, out _);
            _byPeer.TryRemove(new KeyValuePair<IPEndPoint, TcpConnection>(Normalize(connection.Remote), connection));
        });
        return connection;
    }

    /// <summary>One key per peer whether a socket reports it as IPv4 or IPv4-mapped IPv6.</summary>
    private static IPEndPoint Normalize(IPEndPoint endPoint) =>
        endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    private async ValueTask Deliver(SipInbound inbound)
    {
        try
        {
            await _onInbound(inbound);
        }
        catch (Exception)
        {
            // A handler fault loses this message, never the connection or the listener.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _idleSweep.DisposeAsync();
        _listener.Dispose();
        foreach (var connection in _byId.Values)
        {
            connection.Close();
        }

        await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
