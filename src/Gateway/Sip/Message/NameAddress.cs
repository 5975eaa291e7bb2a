using System.Text;

namespace CallCenter.Gateway.Sip.Message;

/// <summary>
/// name-addr or addr-spec with header parameters (RFC 3261 §20.10, §20.20, §20.39): the value of From, To,
/// Contact, Route, Record-Route. The display name is kept as written (a quoted-string keeps its quotes).
/// </summary>
public sealed record NameAddress(string? DisplayName, UriReference Uri, SipParameters Parameters)
{
    /// <summary>The tag parameter of From/To (RFC 3261 §19.3).</summary>
    public string? Tag => Parameters["tag"];

    /// <summary>Contact expires parameter in seconds (RFC 3261 §20.10); null when absent or not a number.</summary>
    public long? Expires => SipGrammar.TryParseDigits(Encoding.ASCII.GetBytes(Parameters["expires"] ?? string.Empty), uint.MaxValue, out var v) ? (long)v : null;

    public NameAddress WithTag(string tag) => this with { Parameters = Parameters.With("tag", tag) };

    /// <summary>Always writes the name-addr form: angle brackets keep URI and header parameters apart (§20).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(96);
        if (DisplayName is not null)
        {
            sb.Append(DisplayName).Append(' ');
        }

        sb.Append('<').Append(Uri).Append('>');
        Parameters.AppendTo(sb);
        return sb.ToString();
    }
}

/// <summary>Parses name-addr / addr-spec values and comma-separated lists of them (RFC 3261 §25.1).</summary>
internal static class NameAddressParser
{
    public static bool TryParse(ReadOnlySpan<byte> value, out NameAddress? address)
    {
        var reader = new SipReader(value);
        reader.SkipWs();
        if (!TryRead(ref reader, out address))
        {
            return false;
        }

        reader.SkipWs();
        return reader.End;
    }

    /// <summary>1#(name-addr / addr-spec params): an empty element (",,") is an error.</summary>
    public static bool TryParseList(ReadOnlySpan<byte> value, List<NameAddress> into) => SipReader.TryParseList(value, into, TryRead);

    public static bool TryRead(ref SipReader r, out NameAddress? address)
    {
        address = null;
        string? display = null;
        var start = r.Position;
        if (r.Peek == '"')
        {
            if (!r.QuotedString(out var quoted))
            {
                return false;
            }

            display = SipGrammar.Text(quoted);
            r.SkipWs();
            if (r.Peek != '<')
            {
                return false;
            }
        }
        else if (r.Peek != '<')
        {
            // display-name = *(token LWS): tokens up to "<"; a token followed by ":" starts an addr-spec instead.
            var first = r.Token();
            if (!first.IsEmpty && r.Peek == ':')
            {
                r = Rewind(r, start);
                return TryReadAddrSpec(ref r, out address);
            }

            while (true)
            {
                r.SkipWs();
                if (r.Peek == '<')
                {
                    break;
                }

                if (r.Token().IsEmpty)
                {
                    return false;
                }
            }

            display = SipGrammar.Text(SipGrammar.Trim(r.Slice(start)));
            if (display.Length == 0)
            {
                display = null;
            }
        }

        r.Advance(1);
        var uriText = r.Until(">"u8);
        if (!r.Take((byte)'>') || !UriParser.TryParse(uriText, out var uri) || !r.Parameters(out var parameters))
        {
            return false;
        }

        address = new NameAddress(display, uri!, parameters);
        return true;
    }

    /// <summary>addr-spec without brackets: the URI ends at ";" , "," or LWS, and may not carry headers (§20).</summary>
    private static bool TryReadAddrSpec(ref SipReader r, out NameAddress? address)
    {
        address = null;
        var uriText = r.Until("; ,\t"u8);
        if (uriText.IndexOf((byte)'?') >= 0 || !UriParser.TryParse(uriText, out var uri) || !r.Parameters(out var parameters))
        {
            return false;
        }

        address = new NameAddress(null, uri!, parameters);
        return true;
    }

    private static SipReader Rewind(SipReader r, int position)
    {
        r.Advance(position - r.Position);
        return r;
    }
}
