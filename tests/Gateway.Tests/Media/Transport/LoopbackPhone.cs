using System.Net;
using System.Net.Sockets;

namespace CallCenter.Gateway.Tests.Media.Transport;

/// <summary>A UDP socket on an ephemeral loopback port standing in for a phone or a carrier.</summary>
internal sealed class LoopbackPhone : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public LoopbackPhone()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint EndPoint { get; }

    public void SendTo(IPEndPoint destination, byte[] datagram) => _socket.SendTo(datagram, destination);

    public async Task<byte[]> ReceiveAsync()
    {
        var buffer = new byte[2048];
        using var timeout = new CancellationTokenSource(Timeout);
        SocketReceiveFromResult result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
        return buffer[..result.ReceivedBytes];
    }

    public void Dispose() => _socket.Dispose();
}
