using System.Globalization;
using System.Security.Cryptography;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Auth;

/// <summary>
/// The UAC side of digest (RFC 3261 §22.2, RFC 7616 §3.4, RFC 8760 §2.4): answers a 401/407 with Authorization or
/// Proxy-Authorization, answering the topmost challenge whose algorithm it supports (RFC 8760 §2.4) with qop=auth when offered.
/// </summary>
public static class DigestClient
{
    /// <summary>The header answering <paramref name="challenge"/> for <paramref name="request"/>; null when no challenge is usable.</summary>
    public static SipHeader? Authorize(SipResponse challenge, SipRequest request, SipCredential credential, uint nonceCount = 1, string? cnonce = null)
    {
        var proxy = challenge.StatusCode == 407;
        var offers = proxy ? challenge.ProxyAuthenticate : challenge.WwwAuthenticate;
        var best = offers
            .Where(h => h.Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Header: h, Algorithm: Digest.Parse(Digest.Unquote(h.Parameters["algorithm"]))))
            .FirstOrDefault(o => o.Algorithm is not null);
        if (best.Header is null)
        {
            return null;
        }

        var algorithm = best.Algorithm!.Value;
        var p = best.Header.Parameters;
        var realm = Digest.Unquote(p["realm"]) ?? string.Empty;
        var nonce = Digest.Unquote(p["nonce"]) ?? string.Empty;
        var qopOffered = Digest.Unquote(p["qop"])?.Split(',').Select(q => q.Trim()).Contains("auth") == true;
        var uri = request.RequestUri.ToString();
        var nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        cnonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var qop = qopOffered ? "auth" : null;
        var response = Digest.Response(algorithm, Digest.Ha1(algorithm, credential.Username, realm, credential.Password), nonce, nc, cnonce, qop, Digest.Ha2(algorithm, request.Method, uri));

        var value = $"Digest username={Digest.Quote(credential.Username)}, realm={Digest.Quote(realm)}, nonce={Digest.Quote(nonce)}, uri={Digest.Quote(uri)}, response={Digest.Quote(response)}, algorithm={Digest.Name(algorithm)}";
        if (qop is not null)
        {
            value += $", qop=auth, nc={nc}, cnonce={Digest.Quote(cnonce)}";
        }

        if (p["opaque"] is { } opaque)
        {
            value += $", opaque={opaque}";
        }

        return SipHeader.Create(proxy ? HeaderNames.ProxyAuthorization : HeaderNames.Authorization, value);
    }
}
