namespace CallCenter.Gateway.Sip.Message;

/// <summary>How the bytes were framed: a datagram may omit Content-Length (RFC 3261 §18.3), a stream frame may not.</summary>
public enum SipFraming
{
    Datagram,
    Stream,
}

/// <summary>
/// Parses one SIP message (RFC 3261 §7, §20, §25). Never throws: the result is a message, or an error carrying the
/// status to answer and the header lines salvaged to answer it. Header values stay slices of the input where no
/// unfolding is needed, so the input must not be reused while the message lives.
/// </summary>
public static class SipParser
{
    public static SipParseResult Parse(ReadOnlySpan<byte> data, SipParserOptions? options = null, SipFraming framing = SipFraming.Datagram) =>
        Parse(new ReadOnlyMemory<byte>(data.ToArray()), options, framing);

    public static SipParseResult Parse(ReadOnlyMemory<byte> data, SipParserOptions? options = null, SipFraming framing = SipFraming.Datagram)
    {
        try
        {
            return ParseCore(data, options ?? SipParserOptions.Default, framing);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A parser bug must not take a listener down; it becomes a 400 like any other bad message.
            return SipParseResult.Failure(new SipParseError(SipStatus.BadRequest, "unparseable message", false, []));
        }
    }

    private static SipParseResult ParseCore(ReadOnlyMemory<byte> data, SipParserOptions options, SipFraming framing)
    {
        var span = data.Span;
        var pos = 0;

        // §7.5: CRLFs before the start line are ignored.
        while (pos < span.Length && span[pos] is (byte)'\r' or (byte)'\n')
        {
            pos++;
        }

        var lineEnd = span[pos..].IndexOf((byte)'\n');
        if (lineEnd < 0)
        {
            return Fail(SipStatus.BadRequest, "no start line", LooksLikeResponse(span[pos..]), []);
        }

        var startLine = TrimCr(span.Slice(pos, lineEnd));
        pos += lineEnd + 1;
        var start = StartLineParser.Parse(startLine);
        var error = start.Error;
        var isResponse = start.IsResponse;
        if (error is null && data.Length > options.MaxMessageSize)
        {
            error = (SipStatus.RequestEntityTooLarge, $"message larger than {options.MaxMessageSize} bytes");
        }

        var headers = new List<SipHeader>(16);
        var complete = false;
        while (pos < span.Length)
        {
            var rest = span[pos..];
            var nl = rest.IndexOf((byte)'\n');
            var line = TrimCr(nl < 0 ? rest : rest[..nl]);
            var next = nl < 0 ? span.Length : pos + nl + 1;
            if (line.IsEmpty)
            {
                pos = next;
                complete = nl >= 0;
                break;
            }

            var colon = line.IndexOf((byte)':');
            var name = colon < 0 ? default : SipGrammar.Trim(line[..colon]);
            if (colon < 0 || !SipGrammar.IsToken(name) || SipGrammar.IsWhitespace(line[0]))
            {
                error ??= (SipStatus.BadRequest, "malformed header line");
                pos = next;
                continue;
            }

            // Folding (§7.3.1): following lines that start with SP/HTAB continue this value.
            var valueStart = pos + colon + 1;
            var end = next;
            var folded = false;
            while (end < span.Length && SipGrammar.IsWhitespace(span[end]))
            {
                var more = span[end..].IndexOf((byte)'\n');
                end = more < 0 ? span.Length : end + more + 1;
                folded = true;
            }

            var value = folded ? Unfold(span[valueStart..end]) : TrimSlice(data, valueStart, nl < 0 ? span.Length : pos + nl);
            if (headers.Count < options.MaxHeaders)
            {
                headers.Add(new SipHeader(HeaderNames.Canonicalize(name), value));
            }
            else
            {
                error ??= (SipStatus.BadRequest, "too many header lines");
            }

            pos = end;
        }

        if (!complete)
        {
            error ??= (SipStatus.BadRequest, "no empty line after the headers");
        }

        var list = new SipHeaderList(headers.ToArray(), owned: true);
        var body = ReadOnlyMemory<byte>.Empty;
        var consumed = pos;
        if (error is null)
        {
            error = FrameBody(data, pos, list, framing, out body, out consumed);
        }

        SipMessage? message = null;
        if (error is null)
        {
            message = start.IsResponse
                ? new SipResponse(start.StatusCode, start.Reason!, list, body)
                : new SipRequest(start.Method!, start.Uri!, list, body);
            error = CoreHeaderValidator.Validate(message, list);
        }

        return error is { } e
            ? Fail(e.Status, e.Detail, isResponse, list)
            : SipParseResult.Success(message!, consumed);
    }

    /// <summary>Content-Length framing (§18.3, §20.14): a body shorter than announced is an error; extra bytes are ignored.</summary>
    private static (int Status, string Detail)? FrameBody(
        ReadOnlyMemory<byte> data, int bodyStart, SipHeaderList headers, SipFraming framing, out ReadOnlyMemory<byte> body, out int consumed)
    {
        body = ReadOnlyMemory<byte>.Empty;
        consumed = bodyStart;
        var available = data.Length - bodyStart;
        var index = -1;
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Name == HeaderNames.ContentLength)
            {
                if (index >= 0)
                {
                    return (SipStatus.BadRequest, "more than one Content-Length");
                }

                index = i;
            }
        }

        if (index < 0)
        {
            if (framing == SipFraming.Stream)
            {
                return (SipStatus.BadRequest, "missing Content-Length");
            }

            body = data[bodyStart..];
            consumed = data.Length;
            return null;
        }

        if (!HeaderValueParsers.TryParseNumber(headers[index].Value.Span, int.MaxValue, out var length))
        {
            return (SipStatus.BadRequest, "bad Content-Length");
        }

        if ((long)length > available)
        {
            return (SipStatus.BadRequest, "Content-Length larger than the body");
        }

        body = data.Slice(bodyStart, (int)length);
        consumed = bodyStart + (int)length;
        return null;
    }

    private static SipParseResult Fail(int status, string detail, bool isResponse, IReadOnlyList<SipHeader> headers)
    {
        var salvaged = new List<SipHeader>();
        foreach (var h in headers)
        {
            if (h.Name is HeaderNames.Via or HeaderNames.From or HeaderNames.To or HeaderNames.CallId or HeaderNames.CSeq)
            {
                salvaged.Add(h);
            }
        }

        return SipParseResult.Failure(new SipParseError(status, detail, isResponse, salvaged));
    }

    private static bool LooksLikeResponse(ReadOnlySpan<byte> s) => s.StartsWith("SIP/"u8);

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;

    private static ReadOnlyMemory<byte> TrimSlice(ReadOnlyMemory<byte> data, int from, int to)
    {
        var s = data.Span;
        if (to > from && s[to - 1] == '\r')
        {
            to--;
        }

        while (from < to && SipGrammar.IsWhitespace(s[from]))
        {
            from++;
        }

        while (to > from && SipGrammar.IsWhitespace(s[to - 1]))
        {
            to--;
        }

        return data[from..to];
    }

    /// <summary>Replaces each CRLF + leading whitespace with one SP and trims the ends (§7.3.1).</summary>
    private static byte[] Unfold(ReadOnlySpan<byte> raw)
    {
        var result = new List<byte>(raw.Length);
        foreach (var range in raw.Split((byte)'\n'))
        {
            var part = SipGrammar.Trim(TrimCr(raw[range]));
            if (part.IsEmpty)
            {
                continue;
            }

            if (result.Count > 0)
            {
                result.Add((byte)' ');
            }

            result.AddRange(part);
        }

        return [.. result];
    }
}
