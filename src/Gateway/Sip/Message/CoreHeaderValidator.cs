namespace CallCenter.Gateway.Sip.Message;

/// <summary>
/// Syntax checks of the headers every SIP element relies on (RFC 3261 §8.1.1, §20): present once where the
/// grammar says so, and well formed. Semantics (schemes, extensions, hop counts) belong to the server front.
/// </summary>
internal static class CoreHeaderValidator
{
    public static (int Status, string Detail)? Validate(SipMessage message, SipHeaderList headers)
    {
        var counts = new HeaderCounts();
        var vias = new List<SipVia>(2);
        ReadOnlySpan<byte> from = default, to = default, callId = default, cseq = default, maxForwards = default;
        foreach (var h in headers.AsSpan())
        {
            var v = h.Value.Span;
            switch (h.Name)
            {
                case HeaderNames.Via:
                    if (!ViaParser.TryParseList(v, vias))
                    {
                        return Bad("bad Via");
                    }

                    break;
                case HeaderNames.From: counts.From++; from = v; break;
                case HeaderNames.To: counts.To++; to = v; break;
                case HeaderNames.CallId: counts.CallId++; callId = v; break;
                case HeaderNames.CSeq: counts.CSeq++; cseq = v; break;
                case HeaderNames.MaxForwards: counts.MaxForwards++; maxForwards = v; break;
                case HeaderNames.ContentType:
                    if (++counts.ContentType > 1 || !HeaderValueParsers.TryParseMediaType(v, out _))
                    {
                        return Bad("bad Content-Type");
                    }

                    break;
                case HeaderNames.Contact:
                    if (!HeaderValueParsers.TryParseContact(v, out _))
                    {
                        return Bad("bad Contact");
                    }

                    break;
                case HeaderNames.Route or HeaderNames.RecordRoute:
                    if (!NameAddressParser.TryParseList(v, new List<NameAddress>(1)))
                    {
                        return Bad("bad " + h.Name);
                    }

                    break;
                case HeaderNames.Require or HeaderNames.ProxyRequire or HeaderNames.Supported or HeaderNames.Unsupported:
                    if (!HeaderValueParsers.TryParseTokenList(v, []))
                    {
                        return Bad("bad " + h.Name);
                    }

                    break;
                case HeaderNames.Expires or HeaderNames.MinExpires:
                    if (SipGrammar.Trim(v) is var e && (e.IsEmpty || e.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0))
                    {
                        return Bad("bad " + h.Name);
                    }

                    break;
                case HeaderNames.Date:
                    if (!HeaderValueParsers.IsValidDate(v))
                    {
                        return Bad("bad Date");
                    }

                    break;
            }
        }

        if (vias.Count == 0)
        {
            return Bad("missing Via");
        }

        if ((Once(counts.From, "From") ?? Once(counts.To, "To") ?? Once(counts.CallId, "Call-ID") ?? Once(counts.CSeq, "CSeq")) is { } missing)
        {
            return missing;
        }

        if (!NameAddressParser.TryParse(from, out var fromAddress))
        {
            return Bad("bad From");
        }

        if (!NameAddressParser.TryParse(to, out var toAddress))
        {
            return Bad("bad To");
        }

        if (!IsCallId(SipGrammar.Trim(callId)))
        {
            return Bad("bad Call-ID");
        }

        if (!HeaderValueParsers.TryParseCSeq(cseq, out var parsedCSeq))
        {
            return Bad("bad CSeq");
        }

        if (counts.MaxForwards > 1 || (counts.MaxForwards == 1 && !HeaderValueParsers.TryParseNumber(maxForwards, 255, out _)))
        {
            return Bad("bad Max-Forwards");
        }

        // §8.1.1.5: the CSeq method matches the request (RFC 4475 §3.1.2.17 answers a mismatch with 400).
        if (message is SipRequest request && !string.Equals(request.Method, parsedCSeq.Method, StringComparison.Ordinal))
        {
            return Bad("CSeq method does not match the request method");
        }

        message.Prime(vias, fromAddress, toAddress, parsedCSeq);
        return null;
    }

    /// <summary>callid = word [ "@" word ]: no whitespace, not empty.</summary>
    private static bool IsCallId(ReadOnlySpan<byte> v) => !v.IsEmpty && v.IndexOfAny(" \t"u8) < 0;

    private static (int, string)? Once(int count, string name) =>
        count == 1 ? null : Bad(count == 0 ? $"missing {name}" : $"more than one {name}");

    private static (int, string) Bad(string detail) => (SipStatus.BadRequest, detail);

    private struct HeaderCounts
    {
        public int From, To, CallId, CSeq, MaxForwards, ContentType;
    }
}
