using System.Text;

namespace CallCenter.Gateway.Sip.Message;

/// <summary>CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16); the number is 32-bit (§8.1.1.5).</summary>
public readonly record struct CSeq(uint Number, string Method)
{
    public override string ToString() => $"{Number} {Method}";
}

/// <summary>Contact value (RFC 3261 §20.10): either "*" (only in a REGISTER that removes all bindings) or a list.</summary>
public sealed record ContactHeader(bool IsStar, IReadOnlyList<NameAddress> Addresses)
{
    public static readonly ContactHeader Star = new(true, []);
}

/// <summary>
/// Credentials or a challenge (RFC 3261 §20.7, §20.27, §20.44, §22): an auth scheme with generic auth-params
/// (values kept as written), or a token68 blob when the scheme uses one. Digest logic lives in a later layer.
/// </summary>
public sealed record SipAuthHeader(string Scheme, SipParameters Parameters, string? Token68 = null)
{
    public override string ToString()
    {
        if (Token68 is not null)
        {
            return $"{Scheme} {Token68}";
        }

        var sb = new StringBuilder(Scheme).Append(' ');
        var first = true;
        foreach (var p in Parameters.Items)
        {
            sb.Append(first ? string.Empty : ", ").Append(p.Name).Append('=').Append(p.Value);
            first = false;
        }

        return sb.ToString();
    }
}

/// <summary>media-type = m-type SLASH m-subtype *(SEMI m-parameter) (RFC 3261 §20.15).</summary>
public sealed record MediaType(string Type, string Subtype, SipParameters Parameters)
{
    public static readonly MediaType Sdp = new("application", "sdp", SipParameters.Empty);

    public bool Is(string type, string subtype) =>
        Type.Equals(type, StringComparison.OrdinalIgnoreCase) && Subtype.Equals(subtype, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Type}/{Subtype}{Parameters}";
}
