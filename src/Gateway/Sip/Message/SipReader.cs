namespace CallCenter.Gateway.Sip.Message;

/// <summary>
/// A cursor over one unfolded header value (RFC 3261 §7.3.1: folding is already replaced by SP),
/// with the separators of §25.1 (SEMI, COMMA, EQUAL, SLASH, LAQUOT, RAQUOT all allow SWS around them).
/// </summary>
internal ref struct SipReader
{
    public delegate bool ElementReader<T>(ref SipReader reader, out T? element);

    /// <summary>1#element: elements separated by COMMA; an empty element (",,") or trailing text is an error.</summary>
    public static bool TryParseList<T>(ReadOnlySpan<byte> value, List<T> into, ElementReader<T> read)
    {
        var r = new SipReader(value);
        r.SkipWs();
        do
        {
            if (!read(ref r, out var element))
            {
                return false;
            }

            into.Add(element!);
        }
        while (r.Separator((byte)','));

        r.SkipWs();
        return r.End;
    }

    private readonly ReadOnlySpan<byte> _s;
    private int _pos;

    public SipReader(ReadOnlySpan<byte> s)
    {
        _s = s;
        _pos = 0;
    }

    public readonly bool End => _pos >= _s.Length;

    public readonly int Position => _pos;

    public readonly byte Peek => _pos < _s.Length ? _s[_pos] : (byte)0;

    public readonly ReadOnlySpan<byte> Rest => _s[_pos..];

    public readonly ReadOnlySpan<byte> Slice(int from) => _s[from.._pos];

    public void Advance(int n) => _pos += n;

    public void SkipWs()
    {
        while (_pos < _s.Length && SipGrammar.IsWhitespace(_s[_pos]))
        {
            _pos++;
        }
    }

    /// <summary>Skips SWS, then <paramref name="c"/>, then SWS; false (nothing consumed) if the next byte is not <paramref name="c"/>.</summary>
    public bool Separator(byte c)
    {
        var save = _pos;
        SkipWs();
        if (_pos < _s.Length && _s[_pos] == c)
        {
            _pos++;
            SkipWs();
            return true;
        }

        _pos = save;
        return false;
    }

    public bool Take(byte c)
    {
        if (_pos < _s.Length && _s[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    public ReadOnlySpan<byte> Token()
    {
        var start = _pos;
        while (_pos < _s.Length && SipGrammar.IsToken(_s[_pos]))
        {
            _pos++;
        }

        return _s[start.._pos];
    }

    /// <summary>Reads bytes up to (not including) any of <paramref name="stops"/> or the end.</summary>
    public ReadOnlySpan<byte> Until(ReadOnlySpan<byte> stops)
    {
        var rest = _s[_pos..];
        var i = rest.IndexOfAny(stops);
        var n = i < 0 ? rest.Length : i;
        _pos += n;
        return rest[..n];
    }

    /// <summary>quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE; returns it with its quotes.</summary>
    public bool QuotedString(out ReadOnlySpan<byte> quoted)
    {
        quoted = default;
        if (!Take((byte)'"'))
        {
            return false;
        }

        var start = _pos - 1;
        while (_pos < _s.Length)
        {
            var b = _s[_pos];
            if (b == '\\')
            {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                if (_pos + 1 >= _s.Length || _s[_pos + 1] is (byte)'\r' or (byte)'\n' or > 0x7F)
                {
                    return false;
                }

                _pos += 2;
                continue;
            }

            _pos++;
            if (b == '"')
            {
                quoted = _s[start.._pos];
                return true;
            }

            if (b is (byte)'\r' or (byte)'\n')
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// gen-value = token / host / quoted-string (RFC 3261 §25.1); hosts include IPv6 references, and a bare IPv6
    /// address is tolerated in received (RFC 5118 §4.5).
    /// </summary>
    public bool GenericValue(out ReadOnlySpan<byte> value)
    {
        if (Peek == '"')
        {
            return QuotedString(out value);
        }

        var start = _pos;
        while (_pos < _s.Length && (SipGrammar.IsToken(_s[_pos]) || _s[_pos] is (byte)':' or (byte)'[' or (byte)']'))
        {
            _pos++;
        }

        value = _s[start.._pos];
        return !value.IsEmpty;
    }

    /// <summary>*( SEMI generic-param ); an empty parameter (";;") is an error.</summary>
    public bool Parameters(out SipParameters parameters)
    {
        parameters = SipParameters.Empty;
        List<SipParameter>? list = null;
        while (Separator((byte)';'))
        {
            var name = Token();
            if (name.IsEmpty)
            {
                return false;
            }

            string? value = null;
            if (Separator((byte)'='))
            {
                if (!GenericValue(out var v))
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

        return true;
    }
}
