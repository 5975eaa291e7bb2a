namespace CallCenter.Gateway.Sip.Message;

/// <summary>
/// A SIP request or response (RFC 3261 §7): header lines in order, a body, and typed views of the headers
/// a SIP element works with (§20), parsed on first use and cached (the parser has already parsed the core ones).
/// </summary>
public abstract class SipMessage
{
    private IReadOnlyList<SipVia>? _vias;
    private NameAddress? _from, _to;
    private string? _callId;
    private CSeq? _cseq;
    private ContactHeader? _contact;
    private MediaType? _contentType;
    private bool _fromDone, _toDone, _callIdDone, _cseqDone, _contactDone, _contentTypeDone;

    protected SipMessage(SipHeaderList headers, ReadOnlyMemory<byte> body)
    {
        Headers = headers;
        Body = body;
    }

    public SipHeaderList Headers { get; }

    public ReadOnlyMemory<byte> Body { get; }

    public abstract bool IsRequest { get; }

    /// <summary>All Via values in order, from every Via line (RFC 3261 §7.3.1); values that do not parse are left out.</summary>
    public IReadOnlyList<SipVia> Vias => _vias ??= ParseList<SipVia>(HeaderNames.Via, ViaParser.TryParseList);

    public SipVia? TopVia => Vias.Count > 0 ? Vias[0] : null;

    public NameAddress? From => Cached(ref _from, ref _fromDone, HeaderNames.From);

    public NameAddress? To => Cached(ref _to, ref _toDone, HeaderNames.To);

    public string? CallId
    {
        get
        {
            if (!_callIdDone)
            {
                var i = Headers.IndexOf(HeaderNames.CallId);
                _callId = i < 0 ? null : SipGrammar.Text(SipGrammar.Trim(Headers[i].Value.Span));
                _callIdDone = true;
            }

            return _callId;
        }
    }

    public CSeq? CSeq
    {
        get
        {
            if (!_cseqDone)
            {
                _cseq = Header(HeaderNames.CSeq) is { } v && HeaderValueParsers.TryParseCSeq(v.Span, out var c) ? c : null;
                _cseqDone = true;
            }

            return _cseq;
        }
    }

    public int? MaxForwards => Number(HeaderNames.MaxForwards, 255) is { } n ? (int)n : null;

    public int? ContentLength => Number(HeaderNames.ContentLength, int.MaxValue) is { } n ? (int)n : null;

    /// <summary>Expires in seconds (RFC 3261 §20.19); an overlarge value is clamped to 2^32-1.</summary>
    public long? Expires => Header(HeaderNames.Expires) is { } v && SipGrammar.Trim(v.Span) is var s && s.Length > 0 && s.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0
        ? (HeaderValueParsers.TryParseNumber(s, uint.MaxValue, out var e) ? (long)e : uint.MaxValue)
        : null;

    public ContactHeader? Contact
    {
        get
        {
            if (!_contactDone)
            {
                var list = new List<NameAddress>();
                var star = false;
                foreach (var h in Headers.AsSpan())
                {
                    if (string.Equals(h.Name, HeaderNames.Contact, StringComparison.OrdinalIgnoreCase) && HeaderValueParsers.TryParseContact(h.Value.Span, out var c))
                    {
                        star |= c!.IsStar;
                        list.AddRange(c.Addresses);
                    }
                }

                _contact = star ? ContactHeader.Star : list.Count > 0 ? new ContactHeader(false, list) : null;
                _contactDone = true;
            }

            return _contact;
        }
    }

    public IReadOnlyList<NameAddress> Routes => ParseList<NameAddress>(HeaderNames.Route, NameAddressParser.TryParseList);

    public IReadOnlyList<NameAddress> RecordRoutes => ParseList<NameAddress>(HeaderNames.RecordRoute, NameAddressParser.TryParseList);

    public MediaType? ContentType
    {
        get
        {
            if (!_contentTypeDone)
            {
                _contentType = Header(HeaderNames.ContentType) is { } v && HeaderValueParsers.TryParseMediaType(v.Span, out var m) ? m : null;
                _contentTypeDone = true;
            }

            return _contentType;
        }
    }

    public IReadOnlyList<string> Require => ParseList<string>(HeaderNames.Require, HeaderValueParsers.TryParseTokenList);

    public IReadOnlyList<string> ProxyRequire => ParseList<string>(HeaderNames.ProxyRequire, HeaderValueParsers.TryParseTokenList);

    public IReadOnlyList<string> Supported => ParseList<string>(HeaderNames.Supported, HeaderValueParsers.TryParseTokenList);

    public IReadOnlyList<string> Unsupported => ParseList<string>(HeaderNames.Unsupported, HeaderValueParsers.TryParseTokenList);

    public IReadOnlyList<string> Allow => ParseList<string>(HeaderNames.Allow, HeaderValueParsers.TryParseTokenList);

    public IReadOnlyList<SipAuthHeader> Authorization => Auth(HeaderNames.Authorization);

    public IReadOnlyList<SipAuthHeader> ProxyAuthorization => Auth(HeaderNames.ProxyAuthorization);

    public IReadOnlyList<SipAuthHeader> WwwAuthenticate => Auth(HeaderNames.WwwAuthenticate);

    public IReadOnlyList<SipAuthHeader> ProxyAuthenticate => Auth(HeaderNames.ProxyAuthenticate);

    /// <summary>Lets the parser hand over what it already parsed, so the typed views cost nothing more.</summary>
    internal void Prime(IReadOnlyList<SipVia> vias, NameAddress? from, NameAddress? to, CSeq? cseq)
    {
        _vias = vias;
        (_from, _fromDone) = (from, true);
        (_to, _toDone) = (to, true);
        (_cseq, _cseqDone) = (cseq, true);
    }

    private ReadOnlyMemory<byte>? Header(string name) => Headers.IndexOf(name) is var i and >= 0 ? Headers[i].Value : null;

    private ulong? Number(string name, ulong max) =>
        Header(name) is { } v && HeaderValueParsers.TryParseNumber(v.Span, max, out var n) ? n : null;

    private NameAddress? Cached(ref NameAddress? field, ref bool done, string name)
    {
        if (!done)
        {
            field = Header(name) is { } v && NameAddressParser.TryParse(v.Span, out var a) ? a : null;
            done = true;
        }

        return field;
    }

    private delegate bool ListParser<T>(ReadOnlySpan<byte> value, List<T> into);

    private List<T> ParseList<T>(string name, ListParser<T> parse)
    {
        var list = new List<T>();
        foreach (var h in Headers.AsSpan())
        {
            if (string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                var one = new List<T>();
                if (parse(h.Value.Span, one))
                {
                    list.AddRange(one);
                }
            }
        }

        return list;
    }

    private List<SipAuthHeader> Auth(string name)
    {
        var list = new List<SipAuthHeader>();
        foreach (var h in Headers.GetAll(name))
        {
            if (HeaderValueParsers.TryParseAuth(h.Value.Span, out var a))
            {
                list.Add(a!);
            }
        }

        return list;
    }
}
