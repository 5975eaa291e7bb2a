using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace CallCenter.Gateway.Sip.Message;

/// <summary>
/// Serializes messages (RFC 3261 §7): start line, header lines with their long names in order, and a
/// Content-Length that always states the real body length (§20.14), written where the message had it or last.
/// </summary>
public static class SipMessageWriter
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    /// <summary>
    /// A message's bytes, to be sent by <paramref name="gateway"/>: counted as sent here, the one place every outgoing
    /// message passes (retransmissions reuse the bytes).
    /// </summary>
    public static byte[] ToBytes(SipMessage message, string gateway)
    {
        Telemetry.SipTelemetry.Sent(message, gateway);
        return ToBytes(message);
    }

    /// <summary>A message's bytes, not counted as sent (to inspect or re-parse a message).</summary>
    public static byte[] ToBytes(SipMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + message.Body.Length);
        Write(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(SipMessage message, IBufferWriter<byte> output)
    {
        switch (message)
        {
            case SipRequest request:
                WriteText(output, request.Method);
                WriteByte(output, (byte)' ');
                WriteText(output, request.RequestUri.ToString());
                output.Write(" SIP/2.0\r\n"u8);
                break;
            case SipResponse response:
                output.Write("SIP/2.0 "u8);
                WriteNumber(output, response.StatusCode);
                WriteByte(output, (byte)' ');
                WriteText(output, response.ReasonPhrase);
                output.Write(Crlf);
                break;
        }

        var lengthWritten = false;
        foreach (var h in message.Headers)
        {
            if (h.Name == HeaderNames.ContentLength)
            {
                if (!lengthWritten)
                {
                    WriteContentLength(output, message.Body.Length);
                    lengthWritten = true;
                }

                continue;
            }

            WriteText(output, h.Name);
            output.Write(": "u8);
            output.Write(h.Value.Span);
            output.Write(Crlf);
        }

        if (!lengthWritten)
        {
            WriteContentLength(output, message.Body.Length);
        }

        output.Write(Crlf);
        output.Write(message.Body.Span);
    }

    private static void WriteContentLength(IBufferWriter<byte> output, int length)
    {
        output.Write("Content-Length: "u8);
        WriteNumber(output, length);
        output.Write(Crlf);
    }

    private static void WriteNumber(IBufferWriter<byte> output, int value)
    {
        var span = output.GetSpan(11);
        Utf8Formatter.TryFormat(value, span, out var written);
        output.Advance(written);
    }

    private static void WriteByte(IBufferWriter<byte> output, byte b)
    {
        output.GetSpan(1)[0] = b;
        output.Advance(1);
    }

    private static void WriteText(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
