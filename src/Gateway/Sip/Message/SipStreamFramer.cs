namespace CallCenter.Gateway.Sip.Message;

public enum SipFrameKind
{
    /// <summary>More bytes are needed.</summary>
    Incomplete,

    /// <summary>A whole message of <see cref="SipFrame.Length"/> bytes.</summary>
    Message,

    /// <summary>CRLFs between messages (§7.5) or a keep-alive (RFC 5626 §3.5.1): skip <see cref="SipFrame.Length"/> bytes.</summary>
    Skip,

    /// <summary>The stream cannot be framed: answer <see cref="SipFrame.Status"/> and close (RFC 3261 §18.3).</summary>
    Error,
}

public readonly record struct SipFrame(SipFrameKind Kind, int Length, int Status = 0, string? Detail = null);

/// <summary>
/// Finds message boundaries in a stream (RFC 3261 §18.3): the header section ends at the first empty line and the
/// body is exactly Content-Length bytes, which a stream message must carry.
/// </summary>
public static class SipStreamFramer
{
    public static SipFrame Next(ReadOnlySpan<byte> buffer, int maxMessageSize)
    {
        var crlf = 0;
        while (crlf < buffer.Length && buffer[crlf] is (byte)'\r' or (byte)'\n')
        {
            crlf++;
        }

        if (crlf > 0)
        {
            return new SipFrame(SipFrameKind.Skip, crlf);
        }

        var headerEnd = buffer.IndexOf("\r\n\r\n"u8);
        var separator = 4;
        var lf = buffer.IndexOf("\n\n"u8);
        if (lf >= 0 && (headerEnd < 0 || lf < headerEnd))
        {
            (headerEnd, separator) = (lf, 2);
        }

        if (headerEnd < 0)
        {
            return buffer.Length > maxMessageSize
                ? new SipFrame(SipFrameKind.Error, 0, SipStatus.RequestEntityTooLarge, "header section too large")
                : new SipFrame(SipFrameKind.Incomplete, 0);
        }

        var head = buffer[..(headerEnd + separator)];
        long? length = null;
        foreach (var range in head.Split((byte)'\n'))
        {
            var line = head[range];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || SipGrammar.IsWhitespace(line[0]))
            {
                continue;
            }

            var name = SipGrammar.Trim(line[..colon]);
            if (!(name is [(byte)'l' or (byte)'L'] || System.Text.Ascii.EqualsIgnoreCase(name, "Content-Length"u8)))
            {
                continue;
            }

            var value = SipGrammar.Trim(line[(colon + 1)..].TrimEnd((byte)'\r'));
            if (length is not null)
            {
                return new SipFrame(SipFrameKind.Error, 0, SipStatus.BadRequest, "more than one Content-Length");
            }

            if (!SipGrammar.TryParseDigits(value, int.MaxValue, out var n))
            {
                return new SipFrame(SipFrameKind.Error, 0, SipStatus.BadRequest, "bad Content-Length");
            }

            length = (long)n;
        }

        if (length is null)
        {
            return new SipFrame(SipFrameKind.Error, 0, SipStatus.BadRequest, "missing Content-Length");
        }

        var total = head.Length + length.Value;
        if (total > maxMessageSize)
        {
            return new SipFrame(SipFrameKind.Error, 0, SipStatus.RequestEntityTooLarge, $"message larger than {maxMessageSize} bytes");
        }

        return buffer.Length < total ? new SipFrame(SipFrameKind.Incomplete, 0) : new SipFrame(SipFrameKind.Message, (int)total);
    }
}
