using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace CallCenter.Gateway.Media.Transport;

/// <summary>Handles one received datagram; the span and address are only valid during the call.</summary>
internal delegate void DatagramHandler(ReadOnlySpan<byte> datagram, SocketAddress source);

/// <summary>
/// The receive loop of one UDP socket: one pooled buffer and one <see cref="SocketAddress"/> reused for
/// every datagram, so the steady state allocates nothing per packet. Ends when the socket is closed.
/// </summary>
internal static class DatagramReceiver
{
    // Larger than any Ethernet-MTU RTP packet; jumbo datagrams are truncated and then fail to parse.
    public const int BufferSize = 2048;

    public static async Task RunAsync(Socket socket, DatagramHandler handler, Action<Exception> onHandlerError, CancellationToken cancellation)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var source = new SocketAddress(socket.AddressFamily);
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = await socket.ReceiveFromAsync(buffer.AsMemory(0, BufferSize), SocketFlags.None, source, cancellation).ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.MessageSize)
                {
                    // An ICMP error for an earlier send, or an oversized datagram: the socket is still good.
                    continue;
                }

                Deliver(handler, onHandlerError, buffer.AsSpan(0, length), source);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException
            || (e is SocketException s && s.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted))
        {
            // Closed: the endpoint is being disposed.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Deliver(DatagramHandler handler, Action<Exception> onHandlerError, ReadOnlySpan<byte> datagram, SocketAddress source)
    {
        try
        {
            handler(datagram, source);
        }
        catch (Exception e)
        {
            // A fault in one packet's handling must not stop the leg's media.
            onHandlerError(e);
        }
    }
}
