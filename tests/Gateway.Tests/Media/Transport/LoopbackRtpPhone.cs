using System.Net;
using System.Net.Sockets;

namespace CallCenter.Gateway.Tests.Media.Transport;

/// <summary>
/// A phone with its RTP and RTCP on an even port and the odd one above it (RFC 3550 §11), as UdpClients on loopback:
/// where a gateway sends RTCP before it has heard any from the phone.
/// </summary>
internal sealed class LoopbackRtpPhone : IDisposable
{
    // A range no other spec binds (Open skips pairs held elsewhere, and so does this).
    private const int FirstPort = 48000;
    private const int LastPort = 48998;
    private static int _next = FirstPort;

    public LoopbackRtpPhone()
    {
        for (var attempt = 0; attempt < (LastPort - FirstPort) / 2; attempt++)
        {
            var port = FirstPort + ((Interlocked.Add(ref _next, 2) - FirstPort) % (LastPort - FirstPort));
            UdpClient? rtp = null;
            try
            {
                rtp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                Rtcp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port + 1));
                Rtp = rtp;
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                rtp?.Dispose();
            }
        }

        throw new InvalidOperationException($"No free port pair on loopback between {FirstPort} and {LastPort}.");
    }

    public UdpClient Rtp { get; } = null!;

    public UdpClient Rtcp { get; } = null!;

    /// <summary>Where the phone's SDP says its RTP is.</summary>
    public IPEndPoint RtpEndPoint => (IPEndPoint)Rtp.Client.LocalEndPoint!;

    public static async Task<byte[]> ReceiveAsync(UdpClient client)
    {
        using var timeout = new CancellationTokenSource(LoopbackPhone.Timeout);
        return (await client.ReceiveAsync(timeout.Token)).Buffer;
    }

    public void Dispose()
    {
        Rtp.Dispose();
        Rtcp.Dispose();
    }
}
