using System.Net;
using System.Net.Sockets;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Transport;

/// <summary>
/// One TCP connection (RFC 3261 §18.3): frames the byte stream by Content-Length, hands each message up, and
/// answers a stream it cannot frame (bad or missing Content-Length, over the limits) before closing it.
/// </summary>
internal sealed class TcpConnection
{
    private readonly Socket _socket;
    private readonly SipChannelOptions _options;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private long _lastActivity;

    public TcpConnection(long id, Socket socket, SipChannelOptions options)
    {
        Id = id;
        _socket = socket;
        _options = options;
        Remote = (IPEndPoint)socket.RemoteEndPoint!;
        Touch();
    }

    public long Id { get; }

    public IPEndPoint Remote { get; }

    public bool IsOpen => !_closed.IsCancellationRequested;

    public DateTimeOffset LastActivity => new(Interlocked.Read(ref _lastActivity), TimeSpan.Zero);

    public async Task ReadLoop(Func<SipParseResult, ValueTask> deliver)
    {
        var buffer = new byte[Math.Min(4096, _options.MaxBufferedBytes)];
        var count = 0;
        try
        {
            while (IsOpen)
            {
                if (count == buffer.Length)
                {
                    if (buffer.Length >= _options.MaxBufferedBytes)
                    {
                        await Reject(buffer.AsMemory(0, count), SipStatus.RequestEntityTooLarge, "too many buffered bytes");
                        return;
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, _options.MaxBufferedBytes));
                }

                var n = await _socket.ReceiveAsync(buffer.AsMemory(count), SocketFlags.None, _closed.Token);
                if (n == 0)
                {
                    return;
                }

                Touch();
                count += n;
                while (count > 0)
                {
                    var frame = SipStreamFramer.Next(buffer.AsSpan(0, count), _options.MaxMessageSize);
                    if (frame.Kind == SipFrameKind.Incomplete)
                    {
                        break;
                    }

                    if (frame.Kind == SipFrameKind.Error)
                    {
                        await Reject(buffer.AsMemory(0, count), frame.Status, frame.Detail!);
                        return;
                    }

                    if (frame.Kind == SipFrameKind.Message)
                    {
                        var bytes = buffer.AsSpan(0, frame.Length).ToArray();
                        await deliver(SipParser.Parse(new ReadOnlyMemory<byte>(bytes), _options.Parser, SipFraming.Stream));
                    }

                    buffer.AsSpan(frame.Length, count - frame.Length).CopyTo(buffer);
                    count -= frame.Length;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The peer went away or we closed it: nothing to answer.
        }
        finally
        {
            Close();
        }
    }

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (!IsOpen)
        {
            return false;
        }

        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            while (!data.IsEmpty)
            {
                var n = await _socket.SendAsync(data, SocketFlags.None, cancellationToken);
                data = data[n..];
            }

            Touch();
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Close();
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public void Close()
    {
        if (IsOpen)
        {
            _closed.Cancel();
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // already gone
            }

            _socket.Dispose();
        }
    }

    /// <summary>Answers a stream that cannot be framed with the error, from whatever headers arrived (§18.3), then closes.</summary>
    private async Task Reject(ReadOnlyMemory<byte> pending, int status, string detail)
    {
        var salvage = SipParser.Parse(pending, _options.Parser);
        var headers = salvage.Message?.Headers ?? salvage.Error!.Salvaged;
        var isResponse = salvage.Message is SipResponse || salvage.Error?.IsResponse == true;
        if (SipResponseFactory.FromError(new SipParseError(status, detail, isResponse, [.. headers])) is { } response)
        {
            await SendAsync(SipMessageWriter.ToBytes(response, _options.EndPoint.ToString()), CancellationToken.None);
        }

        Close();
    }

    private void Touch() => Interlocked.Exchange(ref _lastActivity, _options.Time.GetUtcNow().UtcTicks);
}
