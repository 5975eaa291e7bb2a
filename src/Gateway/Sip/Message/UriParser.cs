using System.Text;

namespace CallCenter.Gateway.Sip.Message;

/// <summary>Parses SIP/SIPS (RFC 3261 §19.1.1, §25.1), tel (RFC 3966) and other absolute URIs, with IPv6 references (RFC 5118).</summary>
internal static class UriParser
{
    public static bool TryParse(ReadOnlySpan<byte> s, out UriReference? uri)
    {
        uri = null;
        var colon = s.IndexOf((byte)':');
        if (colon <= 0 || !SipGrammar.IsScheme(s[..colon]))
        {
            return false;
        }

        var scheme = s[..colon];
        var rest = s[(colon + 1)..];
        if (scheme.Length == 3 && Ascii.EqualsIgnoreCase(scheme, "sip"u8))
        {
            return TryParseSip("sip", rest, out uri);
        }

        if (scheme.Length == 4 && Ascii.EqualsIgnoreCase(scheme, "sips"u8))
        {
            return TryParseSip("sips", rest, out uri);
        }

        if (scheme.Length == 3 && Ascii.EqualsIgnoreCase(scheme, "tel"u8))
        {
            return TryParseTel(rest, out uri);
        }

        if (rest.IsEmpty)
        {
            return false;
        }

        foreach (var b in rest)
        {
            if (b <= 0x20 || b >= 0x7F || b is (byte)'<' or (byte)'>' or (byte)'"')
            {
                return false;
            }
        }

        uri = new AbsoluteUri(SipGrammar.Text(scheme), SipGrammar.Text(rest));
        return true;
    }

    private static bool TryParseSip(string scheme, ReadOnlySpan<byte> s, out UriReference? uri)
    {
        uri = null;
        string? user = null, password = null;

        // userinfo cannot hold an unescaped "@", and nothing after the host may either (§25.1).
        var at = s.IndexOf((byte)'@');
        if (at >= 0)
        {
            var userinfo = s[..at];
            var pw = userinfo.IndexOf((byte)':');
            var userPart = pw < 0 ? userinfo : userinfo[..pw];
            if (userPart.IsEmpty || !SipGrammar.IsEscapedRun(userPart, SipGrammar.UserClass))
            {
                return false;
            }

            user = SipGrammar.Text(userPart);
            if (pw >= 0)
            {
                var pass = userinfo[(pw + 1)..];
                if (!SipGrammar.IsEscapedRun(pass, SipGrammar.PasswordClass))
                {
                    return false;
                }

                password = SipGrammar.Text(pass);
            }

            s = s[(at + 1)..];
        }

        if (!TryParseHostPort(ref s, out var host, out var port))
        {
            return false;
        }

        var parameters = SipParameters.Empty;
        List<SipParameter>? list = null;
        while (!s.IsEmpty && s[0] == ';')
        {
            s = s[1..];
            var end = s.IndexOfAny((byte)';', (byte)'?');
            var p = end < 0 ? s : s[..end];
            s = end < 0 ? default : s[end..];
            var eq = p.IndexOf((byte)'=');
            var name = eq < 0 ? p : p[..eq];
            if (name.IsEmpty || !SipGrammar.IsEscapedRun(name, SipGrammar.ParamClass))
            {
                return false;
            }

            string? value = null;
            if (eq >= 0)
            {
                var v = p[(eq + 1)..];
                if (v.IsEmpty || !SipGrammar.IsEscapedRun(v, SipGrammar.ParamClass))
                {
                    return false;
                }

                value = SipGrammar.Text(v);
            }

            (list ??= []).Add(new SipParameter(SipGrammar.Text(name), value));
        }

        if (list is not null)
        {
            parameters = new SipParameters(list);
        }

        List<SipParameter>? headers = null;
        if (!s.IsEmpty)
        {
            if (s[0] != '?' || !TryParseHeaders(s[1..], out headers))
            {
                return false;
            }
        }

        uri = new SipUri(scheme, user, password, host, port, parameters, (IReadOnlyList<SipParameter>?)headers ?? []);
        return true;
    }

    /// <summary>headers = "?" header *( "&amp;" header ); header = hname "=" hvalue (hvalue may be empty).</summary>
    private static bool TryParseHeaders(ReadOnlySpan<byte> s, out List<SipParameter>? headers)
    {
        headers = [];
        foreach (var range in s.Split((byte)'&'))
        {
            var h = s[range];
            var eq = h.IndexOf((byte)'=');
            if (eq <= 0 || !SipGrammar.IsEscapedRun(h[..eq], SipGrammar.HeaderClass) || !SipGrammar.IsEscapedRun(h[(eq + 1)..], SipGrammar.HeaderClass))
            {
                return false;
            }

            headers.Add(new SipParameter(SipGrammar.Text(h[..eq]), SipGrammar.Text(h[(eq + 1)..])));
        }

        return true;
    }

    /// <summary>hostport = host [ ":" port ]; host = hostname / IPv4address / IPv6reference (RFC 5118 tolerates "::" slips).</summary>
    public static bool TryParseHostPort(ref ReadOnlySpan<byte> s, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        int hostLength;
        if (!s.IsEmpty && s[0] == '[')
        {
            var close = s.IndexOf((byte)']');
            if (close < 3 || !IsIPv6Literal(s[1..close]))
            {
                return false;
            }

            hostLength = close + 1;
        }
        else
        {
            hostLength = 0;
            while (hostLength < s.Length && SipGrammar.IsHostChar(s[hostLength]))
            {
                hostLength++;
            }

            if (hostLength == 0 || s[0] is (byte)'.' or (byte)'-')
            {
                return false;
            }
        }

        host = SipGrammar.Text(s[..hostLength]);
        s = s[hostLength..];
        if (!s.IsEmpty && s[0] == ':')
        {
            var digits = 1;
            while (digits < s.Length && SipGrammar.IsDigit(s[digits]))
            {
                digits++;
            }

            if (!SipGrammar.TryParseDigits(s[1..digits], 65535, out var p))
            {
                return false;
            }

            port = (int)p;
            s = s[digits..];
        }

        return true;
    }

    internal static bool IsIPv6Literal(ReadOnlySpan<byte> s)
    {
        if (s.IndexOf((byte)':') < 0)
        {
            return false;
        }

        foreach (var b in s)
        {
            if (!(SipGrammar.IsHex(b) || b is (byte)':' or (byte)'.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>telephone-subscriber (RFC 3966 §3), checked for its character set: digits, hex, * # + and visual separators.</summary>
    private static bool TryParseTel(ReadOnlySpan<byte> s, out UriReference? uri)
    {
        uri = null;
        var semi = s.IndexOf((byte)';');
        var number = semi < 0 ? s : s[..semi];
        if (number.IsEmpty)
        {
            return false;
        }

        foreach (var b in number)
        {
            if (!(SipGrammar.IsHex(b) || b is (byte)'*' or (byte)'#' or (byte)'+' or (byte)'-' or (byte)'.' or (byte)'(' or (byte)')'))
            {
                return false;
            }
        }

        var parameters = SipParameters.Empty;
        if (semi >= 0)
        {
            var reader = new SipReader(s[semi..]);
            if (!reader.Parameters(out parameters) || !reader.End)
            {
                return false;
            }
        }

        uri = new TelUri(SipGrammar.Text(number), parameters);
        return true;
    }
}
