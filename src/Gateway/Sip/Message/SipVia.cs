using System.Text;

namespace CallCenter.Gateway.Sip.Message;

/// <summary>
/// One via-parm (RFC 3261 §20.42, §25.1): sent-protocol, sent-by and via-params, with typed access to branch,
/// received, rport (RFC 3581), maddr and ttl.
/// </summary>
public sealed record SipVia(string Protocol, string Transport, string Host, int? Port, SipParameters Parameters)
{
    /// <summary>The RFC 3261 magic cookie that marks a branch as globally unique (§8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    public string? Branch => Parameters["branch"];

    public string? Received => Parameters["received"];

    public string? Maddr => Parameters["maddr"];

    public int? Ttl => int.TryParse(Parameters["ttl"], out var t) && t is >= 0 and <= 255 ? t : null;

    /// <summary>True when the rport parameter is present, with or without a value (RFC 3581 §3).</summary>
    public bool HasRport => Parameters.Contains("rport");

    public int? Rport => int.TryParse(Parameters["rport"], out var p) && p is > 0 and <= 65535 ? p : null;

    /// <summary>sent-by host without IPv6 brackets.</summary>
    public string HostAddress => Host.StartsWith('[') ? Host[1..^1] : Host;

    /// <summary>Parses one Via line (via-parm *(COMMA via-parm)); null when it is malformed.</summary>
    public static IReadOnlyList<SipVia>? ParseList(ReadOnlySpan<byte> value)
    {
        var list = new List<SipVia>(1);
        return ViaParser.TryParseList(value, list) ? list : null;
    }

    public SipVia WithParameter(string name, string? value) => this with { Parameters = Parameters.With(name, value) };

    public static SipVia Create(string transport, string host, int? port, string branch) =>
        new("SIP/2.0", transport, host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host, port, SipParameters.Empty.With("branch", branch));

    public override string ToString()
    {
        var sb = new StringBuilder(64);
        sb.Append(Protocol).Append('/').Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port);
        }

        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}

/// <summary>Parses Via values: via-parm *(COMMA via-parm).</summary>
internal static class ViaParser
{
    public static bool TryParseList(ReadOnlySpan<byte> value, List<SipVia> into) => SipReader.TryParseList(value, into, TryRead);

    /// <summary>sent-protocol = protocol-name SLASH protocol-version SLASH transport; then LWS sent-by *( SEMI via-params ).</summary>
    private static bool TryRead(ref SipReader r, out SipVia? via)
    {
        via = null;
        var name = r.Token();
        if (name.IsEmpty || !r.Separator((byte)'/'))
        {
            return false;
        }

        var version = r.Token();
        if (version.IsEmpty || !r.Separator((byte)'/'))
        {
            return false;
        }

        var transport = r.Token();
        if (transport.IsEmpty || !SipGrammar.IsWhitespace(r.Peek))
        {
            return false;
        }

        r.SkipWs();
        var rest = r.Rest;
        var before = rest.Length;
        if (!UriParser.TryParseHostPort(ref rest, out var host, out var port))
        {
            return false;
        }

        r.Advance(before - rest.Length);
        if (port is null && r.Separator((byte)':'))
        {
            // COLON = SWS ":" SWS: a port may stand apart from its host.
            var digits = r.Token();
            if (!SipGrammar.TryParseDigits(digits, 65535, out var p))
            {
                return false;
            }

            port = (int)p;
        }

        if (!r.Parameters(out var parameters))
        {
            return false;
        }

        var protocol = Ascii.EqualsIgnoreCase(name, "SIP"u8) && version.SequenceEqual("2.0"u8)
            ? "SIP/2.0"
            : SipGrammar.Text(name) + "/" + SipGrammar.Text(version);
        via = new SipVia(protocol, TransportName(transport), host, port, parameters);
        return true;
    }

    private static string TransportName(ReadOnlySpan<byte> t) =>
        Ascii.EqualsIgnoreCase(t, "UDP"u8) ? "UDP"
        : Ascii.EqualsIgnoreCase(t, "TCP"u8) ? "TCP"
        : Ascii.EqualsIgnoreCase(t, "TLS"u8) ? "TLS"
        : Encoding.ASCII.GetString(t).ToUpperInvariant();
}

