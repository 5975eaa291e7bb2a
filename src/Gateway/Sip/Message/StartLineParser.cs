namespace CallCenter.Gateway.Sip.Message;

/// <summary>The parsed start line, or why it is wrong.</summary>
internal readonly record struct StartLine(
    bool IsResponse, string? Method, UriReference? Uri, int StatusCode, string? Reason, (int Status, string Detail)? Error);

/// <summary>Request-Line and Status-Line (RFC 3261 §7.1, §7.2, §25.1): single SP separators, SIP/2.0 only.</summary>
internal static class StartLineParser
{
    public static StartLine Parse(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("SIP/"u8))
        {
            return ParseStatusLine(line);
        }

        // Request-Line = Method SP Request-URI SP SIP-Version CRLF: exactly two single spaces (RFC 4475 §3.1.2.9/10).
        var sp1 = line.IndexOf((byte)' ');
        var sp2 = sp1 < 0 ? -1 : line[(sp1 + 1)..].IndexOf((byte)' ');
        if (sp1 <= 0 || sp2 < 0)
        {
            return Bad("malformed request line");
        }

        sp2 += sp1 + 1;
        var method = line[..sp1];
        var uriText = line[(sp1 + 1)..sp2];
        var version = line[(sp2 + 1)..];
        if (!IsSip20(version))
        {
            return IsSipVersion(version)
                ? new StartLine(false, null, null, 0, null, (SipStatus.VersionNotSupported, "SIP version not supported"))
                : Bad("malformed request line");
        }

        if (!SipGrammar.IsToken(method))
        {
            return Bad("bad method");
        }

        if (uriText.IsEmpty || !UriParser.TryParse(uriText, out var uri))
        {
            return Bad("bad Request-URI");
        }

        return new StartLine(false, SipMethods.Intern(method), uri, 0, null, null);
    }

    /// <summary>Status-Line = SIP-Version SP Status-Code SP Reason-Phrase; Status-Code = 3DIGIT (100-699).</summary>
    private static StartLine ParseStatusLine(ReadOnlySpan<byte> line)
    {
        var sp = line.IndexOf((byte)' ');
        if (sp < 0 || !IsSip20(line[..sp]))
        {
            return new StartLine(true, null, null, 0, null, (SipStatus.VersionNotSupported, "SIP version not supported"));
        }

        var rest = line[(sp + 1)..];
        if (rest.Length < 3 || !SipGrammar.TryParseDigits(rest[..3], 699, out var code) || code < 100 || (rest.Length > 3 && rest[3] != ' '))
        {
            return new StartLine(true, null, null, 0, null, (SipStatus.BadRequest, "bad status code"));
        }

        var reason = rest.Length > 4 ? SipGrammar.Text(rest[4..]) : string.Empty;
        return new StartLine(true, null, null, (int)code, reason, null);
    }

    private static bool IsSip20(ReadOnlySpan<byte> v) => v.Length == 7 && System.Text.Ascii.EqualsIgnoreCase(v, "SIP/2.0"u8);

    /// <summary>"SIP" "/" 1*DIGIT "." 1*DIGIT: a version we can name as unsupported (505) rather than garbage (400).</summary>
    private static bool IsSipVersion(ReadOnlySpan<byte> v)
    {
        if (v.Length < 7 || !System.Text.Ascii.EqualsIgnoreCase(v[..4], "SIP/"u8))
        {
            return false;
        }

        var dot = v.IndexOf((byte)'.');
        return dot > 4 && SipGrammar.TryParseDigits(v[4..dot], 999, out _) && SipGrammar.TryParseDigits(v[(dot + 1)..], 999, out _);
    }

    private static StartLine Bad(string detail) => new(false, null, null, 0, null, (SipStatus.BadRequest, detail));
}
