using System.Text;

namespace CallCenter.Gateway.Sip.Message;

/// <summary>A URI as found in a Request-URI or a name-addr: SIP/SIPS (RFC 3261 §19.1), tel (RFC 3966) or any other absoluteURI.</summary>
public abstract record UriReference(string Scheme)
{
    /// <summary>Parses a URI; null when it is not one (RFC 3261 §25.1 Request-URI / addr-spec).</summary>
    public static UriReference? Parse(string text) => UriParser.TryParse(Encoding.UTF8.GetBytes(text), out var uri) ? uri : null;
}

/// <summary>sip: or sips: URI (RFC 3261 §19.1.1); user, password, host and values are kept as written (escapes intact).</summary>
public sealed record SipUri(
    string Scheme,
    string? User,
    string? Password,
    string Host,
    int? Port,
    SipParameters Parameters,
    IReadOnlyList<SipParameter> Headers) : UriReference(Scheme)
{
    public bool IsSecure => Scheme.Equals("sips", StringComparison.OrdinalIgnoreCase);

    /// <summary>The host as an address literal without IPv6 brackets (RFC 5118 §4).</summary>
    public string HostAddress => Host.StartsWith('[') ? Host[1..^1] : Host;

    public string? Transport => Parameters["transport"];

    public string? Maddr => Parameters["maddr"];

    public bool LooseRouting => Parameters.Contains("lr");

    public static SipUri Create(string host, int? port = null, string? user = null, string scheme = "sip") =>
        new(scheme, user, null, host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host, port, SipParameters.Empty, []);

    public SipUri WithParameter(string name, string? value) => this with { Parameters = Parameters.With(name, value) };

    public override string ToString()
    {
        var sb = new StringBuilder(64);
        sb.Append(Scheme).Append(':');
        if (User is not null)
        {
            sb.Append(User);
            if (Password is not null)
            {
                sb.Append(':').Append(Password);
            }

            sb.Append('@');
        }

        sb.Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port);
        }

        Parameters.AppendTo(sb);
        for (var i = 0; i < Headers.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&').Append(Headers[i].Name).Append('=').Append(Headers[i].Value);
        }

        return sb.ToString();
    }
}

/// <summary>tel: URI (RFC 3966 §3): a global (+...) or local number with its parameters (phone-context, ...).</summary>
public sealed record TelUri(string Number, SipParameters Parameters) : UriReference("tel")
{
    public bool IsGlobal => Number.StartsWith('+');

    public override string ToString() => $"tel:{Number}{Parameters}";
}

/// <summary>Any other absoluteURI (RFC 3261 §25.1): kept opaque; a SIP element answers 416 to it in a Request-URI.</summary>
public sealed record AbsoluteUri(string Scheme, string Rest) : UriReference(Scheme)
{
    public override string ToString() => $"{Scheme}:{Rest}";
}
