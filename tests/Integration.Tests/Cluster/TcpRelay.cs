using System.Net;
using System.Net.Sockets;

namespace CallCenter.Integration.Tests.Cluster;

/// <summary>
/// A TCP relay: accepts on <c>listen:0</c> and copies each connection's bytes both ways to <c>target</c>. PostgreSQL
/// listens on loopback only; this lets a node in a <see cref="NetworkPartition"/>'s namespace reach it over the
/// database link. It keeps what clients sent (a test's few megabytes at most), so a test can tell which journal writer
/// ids came from the partitioned node, and notes when a client last sent anything.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly List<MemoryStream> _sent = [];
    private readonly Task _accepting;
    private long _lastClientBytesTicks;

    private TcpRelay(IPAddress listen, IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(listen, 0);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Listens on <paramref name="listenAddress"/> (a free port) and relays to <paramref name="targetHost"/> (an address or a name).</summary>
    public static TcpRelay Start(string listenAddress, string targetHost, int targetPort) =>
        new(IPAddress.Parse(listenAddress), new IPEndPoint(
            IPAddress.TryParse(targetHost, out var target) ? target
                : Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork),
            targetPort));

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>When a client last sent bytes to the target (UTC), or null if none ever did.</summary>
    public DateTimeOffset? LastClientBytesAt => Interlocked.Read(ref _lastClientBytesTicks) is var ticks and > 0
        ? new DateTimeOffset(ticks, TimeSpan.Zero)
        : null;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_pumps)
                _pumps.Add(RelayAsync(client));
        }
    }

    private async Task RelayAsync(Socket client)
    {
        using var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using (client)
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
                using var fromClient = new NetworkStream(client);
                using var toServer = new NetworkStream(server);
                // Either direction ending (or failing) ends the connection: closing both sockets stops the other copy.
                await Task.WhenAny(CopyAsync(fromClient, toServer, clientSide: true), CopyAsync(toServer, fromClient, clientSide: false));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException) { }
    }

    /// <summary>Whether any client connection's bytes contain <paramref name="text"/> (ASCII).</summary>
    public bool ClientSent(string text)
    {
        var needle = System.Text.Encoding.ASCII.GetBytes(text);
        lock (_sent)
            return _sent.Any(s => s.GetBuffer().AsSpan(0, (int)s.Length).IndexOf(needle) >= 0);
    }

    private async Task CopyAsync(Stream from, Stream to, bool clientSide)
    {
        var buffer = new byte[16 * 1024];
        var sent = new MemoryStream();
        if (clientSide)
            lock (_sent)
                _sent.Add(sent);
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (clientSide)
                {
                    Interlocked.Exchange(ref _lastClientBytesTicks, DateTimeOffset.UtcNow.UtcTicks);
                    lock (_sent)
                        sent.Write(buffer, 0, read);
                }
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] pumps;
        lock (_pumps)
            pumps = [.. _pumps];
        await Task.WhenAll(pumps).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
