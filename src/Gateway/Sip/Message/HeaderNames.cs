namespace CallCenter.Gateway.Sip.Message;

/// <summary>Canonical header names (RFC 3261 §20) and the compact forms of §7.3.3 and later RFCs, mapped on parse.</summary>
public static class HeaderNames
{
    public const string Accept = "Accept";
    public const string Allow = "Allow";
    public const string Authorization = "Authorization";
    public const string CallId = "Call-ID";
    public const string Contact = "Contact";
    public const string ContentEncoding = "Content-Encoding";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string CSeq = "CSeq";
    public const string Date = "Date";
    public const string Expires = "Expires";
    public const string From = "From";
    public const string MaxForwards = "Max-Forwards";
    public const string MinExpires = "Min-Expires";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string ProxyRequire = "Proxy-Require";
    public const string RecordRoute = "Record-Route";
    public const string Require = "Require";
    public const string Route = "Route";
    public const string Server = "Server";
    public const string Subject = "Subject";
    public const string Supported = "Supported";
    public const string To = "To";
    public const string Unsupported = "Unsupported";
    public const string UserAgent = "User-Agent";
    public const string Via = "Via";
    public const string WwwAuthenticate = "WWW-Authenticate";

    private static readonly Dictionary<string, string> Canonical = Build();

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Canonical.GetAlternateLookup<ReadOnlySpan<char>>();

    private static Dictionary<string, string> Build()
    {
        string[] longNames =
        [
            Accept, "Accept-Encoding", "Accept-Language", "Alert-Info", Allow, "Allow-Events", "Authentication-Info",
            Authorization, CallId, "Call-Info", Contact, "Content-Disposition", ContentEncoding, "Content-Language",
            ContentLength, ContentType, CSeq, Date, "Error-Info", "Event", Expires, From, "In-Reply-To", MaxForwards,
            MinExpires, "MIME-Version", "Min-SE", "Organization", "Path", "P-Asserted-Identity", "Priority",
            ProxyAuthenticate, ProxyAuthorization, ProxyRequire, "RAck", RecordRoute, "Refer-To", "Referred-By",
            "Reply-To", Require, "Retry-After", Route, "RSeq", Server, "Session-Expires", Subject,
            "Subscription-State", Supported, "Timestamp", To, Unsupported, UserAgent, Via, "Warning", WwwAuthenticate,
            "Identity", "Identity-Info", "Accept-Contact", "Reject-Contact", "Request-Disposition",
        ];
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in longNames)
        {
            map[name] = name;
        }

        (string Compact, string Long)[] compact =
        [
            ("i", CallId), ("m", Contact), ("e", ContentEncoding), ("l", ContentLength), ("c", ContentType),
            ("f", From), ("s", Subject), ("k", Supported), ("t", To), ("v", Via), ("o", "Event"), ("r", "Refer-To"),
            ("b", "Referred-By"), ("u", "Allow-Events"), ("a", "Accept-Contact"), ("j", "Reject-Contact"),
            ("d", "Request-Disposition"), ("x", "Session-Expires"), ("y", "Identity"), ("n", "Identity-Info"),
        ];
        foreach (var (c, l) in compact)
        {
            map[c] = l;
        }

        return map;
    }

    /// <summary>The canonical long name for a header name (compact forms expanded); unknown names keep their spelling.</summary>
    internal static string Canonicalize(ReadOnlySpan<byte> name)
    {
        if (name.Length <= 32)
        {
            Span<char> chars = stackalloc char[name.Length];
            for (var i = 0; i < name.Length; i++)
            {
                chars[i] = (char)name[i];
            }

            if (Lookup.TryGetValue(chars, out var canonical))
            {
                return canonical;
            }
        }

        return SipGrammar.Text(name);
    }

    /// <summary>The canonical name for a string, so built messages compare like parsed ones.</summary>
    public static string Canonicalize(string name) => Canonical.TryGetValue(name, out var canonical) ? canonical : name;
}
