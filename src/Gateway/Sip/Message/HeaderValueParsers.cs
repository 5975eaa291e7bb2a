using System.Globalization;

namespace CallCenter.Gateway.Sip.Message;

/// <summary>Parsers for the typed header values of RFC 3261 §20, each returning false on a syntax error.</summary>
internal static class HeaderValueParsers
{
    public static bool TryParseCSeq(ReadOnlySpan<byte> v, out CSeq cseq)
    {
        cseq = default;
        var r = new SipReader(v);
        r.SkipWs();
        var start = r.Position;
        while (SipGrammar.IsDigit(r.Peek))
        {
            r.Advance(1);
        }

        if (!SipGrammar.TryParseDigits(r.Slice(start), uint.MaxValue, out var number) || !SipGrammar.IsWhitespace(r.Peek))
        {
            return false;
        }

        r.SkipWs();
        var method = r.Token();
        r.SkipWs();
        if (method.IsEmpty || !r.End)
        {
            return false;
        }

        cseq = new CSeq((uint)number, SipMethods.Intern(method));
        return true;
    }

    /// <summary>A bounded 1*DIGIT header (Max-Forwards, Content-Length, Expires, Min-Expires).</summary>
    public static bool TryParseNumber(ReadOnlySpan<byte> v, ulong max, out ulong value) =>
        SipGrammar.TryParseDigits(SipGrammar.Trim(v), max, out value);

    /// <summary>1#option-tag (Require, Proxy-Require, Supported, Unsupported) or 1#Method (Allow); Supported may be empty.</summary>
    public static bool TryParseTokenList(ReadOnlySpan<byte> v, List<string> into)
    {
        var r = new SipReader(v);
        r.SkipWs();
        if (r.End)
        {
            return true;
        }

        do
        {
            var token = r.Token();
            if (token.IsEmpty)
            {
                return false;
            }

            into.Add(SipGrammar.Text(token));
        }
        while (r.Separator((byte)','));

        r.SkipWs();
        return r.End;
    }

    public static bool TryParseContact(ReadOnlySpan<byte> v, out ContactHeader? contact)
    {
        contact = null;
        if (SipGrammar.Trim(v) is [(byte)'*'])
        {
            contact = ContactHeader.Star;
            return true;
        }

        var list = new List<NameAddress>(1);
        if (!NameAddressParser.TryParseList(v, list))
        {
            return false;
        }

        contact = new ContactHeader(false, list);
        return true;
    }

    public static bool TryParseMediaType(ReadOnlySpan<byte> v, out MediaType? media)
    {
        media = null;
        var r = new SipReader(v);
        r.SkipWs();
        var type = r.Token();
        if (type.IsEmpty || !r.Separator((byte)'/'))
        {
            return false;
        }

        var subtype = r.Token();
        if (subtype.IsEmpty || !r.Parameters(out var parameters))
        {
            return false;
        }

        r.SkipWs();
        if (!r.End)
        {
            return false;
        }

        media = new MediaType(SipGrammar.Text(type), SipGrammar.Text(subtype), parameters);
        return true;
    }

    /// <summary>credentials / challenge = auth-scheme LWS auth-param *(COMMA auth-param), or a token68 (RFC 7235 §2.1).</summary>
    public static bool TryParseAuth(ReadOnlySpan<byte> v, out SipAuthHeader? auth)
    {
        auth = null;
        var r = new SipReader(v);
        r.SkipWs();
        var scheme = r.Token();
        if (scheme.IsEmpty)
        {
            return false;
        }

        r.SkipWs();
        var paramsStart = r.Position;
        var list = new List<SipParameter>();
        while (!r.End)
        {
            var name = r.Token();
            if (name.IsEmpty || !r.Separator((byte)'=') || !r.GenericValue(out var value))
            {
                var rest = SipGrammar.Trim(v[paramsStart..]);
                auth = new SipAuthHeader(SipGrammar.Text(scheme), SipParameters.Empty, SipGrammar.Text(rest));
                return !rest.IsEmpty && rest.IndexOfAny("\r\n"u8) < 0;
            }

            list.Add(new SipParameter(SipGrammar.Text(name), SipGrammar.Text(value)));
            if (!r.Separator((byte)','))
            {
                r.SkipWs();
                if (!r.End)
                {
                    return false;
                }
            }
        }

        auth = new SipAuthHeader(SipGrammar.Text(scheme), new SipParameters(list));
        return true;
    }

    /// <summary>rfc1123-date in GMT (RFC 3261 §20.17): anything else is a syntax error.</summary>
    public static bool IsValidDate(ReadOnlySpan<byte> v) =>
        DateTime.TryParseExact(SipGrammar.Text(SipGrammar.Trim(v)), "r", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>Removes the quotes and quoted-pair escapes of a quoted-string (RFC 3261 §25.1); other text is returned as is.</summary>
    public static string Unquote(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"')
        {
            return text;
        }

        var sb = new System.Text.StringBuilder(text.Length);
        for (var i = 1; i < text.Length - 1; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length - 1)
            {
                i++;
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }
}
