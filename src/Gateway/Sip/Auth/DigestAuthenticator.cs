using System.Globalization;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Auth;

/// <summary>Digest settings of a server (registrar, or the UAS for INVITE). Defaults: SHA-256 then MD5 (RFC 8760 §2.4 order of preference), 5 min nonces.</summary>
public sealed record DigestOptions
{
    public string Realm { get; init; } = "callcenter";

    /// <summary>
    /// Algorithms offered, one challenge each, in order of preference (a UAC answers the topmost it supports). Measured:
    /// sipp 3.6.1 fails when SHA-256 is listed first (it reads the first challenge); baresip 1.0 (libre) fails whenever a
    /// non-MD5 challenge is present at all. Deployments with such phones list MD5 first, or offer MD5 alone.
    /// </summary>
    public IReadOnlyList<DigestAlgorithm> Algorithms { get; init; } = [DigestAlgorithm.Sha256, DigestAlgorithm.Md5];

    /// <summary>A nonce older than this gets a new challenge with stale=true.</summary>
    public TimeSpan NonceLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>HMAC key of the nonces: share it between nodes that must accept each other's nonces; random if null.</summary>
    public byte[]? NonceKey { get; init; }

    public override string ToString() => $"DigestOptions {{ Realm = {Realm}, Algorithms = {string.Join(",", Algorithms)}, NonceLifetime = {NonceLifetime} }}";
}

public enum DigestOutcome
{
    /// <summary>The response is right: the request comes from <see cref="DigestVerdict.Username"/>.</summary>
    Authenticated,

    /// <summary>No usable credentials (none, another realm, an unknown nonce or algorithm, a replayed nc): challenge (401/407).</summary>
    Challenge,

    /// <summary>Right in every way but the nonce is too old: challenge with stale=true.</summary>
    Stale,

    /// <summary>Well-formed credentials with a wrong response or an unknown user: 403.</summary>
    Forbidden,

    /// <summary>Credentials missing a required parameter: 400.</summary>
    BadRequest,
}

public sealed record DigestVerdict(DigestOutcome Outcome, string? Username = null, string? Reason = null);

/// <summary>
/// The server side of SIP digest authentication (RFC 3261 §22.1/§22.3 with RFC 7616 and RFC 8760): builds the
/// challenges and verifies Authorization (or Proxy-Authorization) against the credential provider, in constant time.
/// Passwords never leave the provider except to compute H(A1).
/// </summary>
public sealed class DigestAuthenticator
{
    private readonly ISipCredentialProvider _credentials;
    private readonly DigestOptions _options;

    public DigestAuthenticator(ISipCredentialProvider credentials, DigestOptions? options = null, TimeProvider? time = null)
    {
        _credentials = credentials;
        _options = options ?? new DigestOptions();
        Nonces = new DigestNonces(_options.Realm, _options.NonceLifetime, time, _options.NonceKey);
    }

    public string Realm => _options.Realm;

    public DigestNonces Nonces { get; }

    /// <summary>One WWW-Authenticate (or Proxy-Authenticate) per algorithm, all with qop="auth" and the same fresh nonce.</summary>
    public IReadOnlyList<SipHeader> Challenge(bool stale = false, bool proxy = false)
    {
        var nonce = Nonces.Create();
        var name = proxy ? HeaderNames.ProxyAuthenticate : HeaderNames.WwwAuthenticate;
        return [.. _options.Algorithms.Select(a => SipHeader.Create(name,
            $"Digest realm={Digest.Quote(Realm)}, nonce={Digest.Quote(nonce)}, algorithm={Digest.Name(a)}, qop=\"auth\"" + (stale ? ", stale=true" : string.Empty)))];
    }

    public async ValueTask<DigestVerdict> VerifyAsync(SipRequest request, bool proxy = false, CancellationToken cancellationToken = default)
    {
        var credentials = (proxy ? request.ProxyAuthorization : request.Authorization)
            .FirstOrDefault(h => h.Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase) && Digest.Unquote(h.Parameters["realm"]) == Realm);
        if (credentials is null)
        {
            return new DigestVerdict(DigestOutcome.Challenge, Reason: "no credentials for the realm");
        }

        var p = credentials.Parameters;
        string? Value(string name) => Digest.Unquote(p[name]);
        var (username, nonce, uri, response, qop, nc, cnonce) = (Value("username"), Value("nonce"), Value("uri"), Value("response"), Value("qop"), Value("nc"), Value("cnonce"));
        if (username is null || nonce is null || uri is null || response is null)
        {
            return new DigestVerdict(DigestOutcome.BadRequest, Reason: "incomplete credentials");
        }

        if (Digest.Parse(Value("algorithm")) is not { } algorithm || !_options.Algorithms.Contains(algorithm))
        {
            return new DigestVerdict(DigestOutcome.Challenge, username, "algorithm not offered");
        }

        // We offer qop=auth only (RFC 8760 §2.4 requires qop); its nc and cnonce then are mandatory.
        if (qop != "auth" || nc is null || cnonce is null || !uint.TryParse(nc, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var count))
        {
            return new DigestVerdict(DigestOutcome.BadRequest, username, "qop=auth with nc and cnonce required");
        }

        var validity = Nonces.Check(nonce);
        if (validity == NonceValidity.Invalid)
        {
            return new DigestVerdict(DigestOutcome.Challenge, username, "unknown nonce");
        }

        var credential = await _credentials.FindAsync(username, Realm, cancellationToken);
        var expected = credential is null
            ? string.Empty
            : Digest.Response(algorithm, Digest.Ha1(algorithm, username, Realm, credential.Password), nonce, nc, cnonce, qop, Digest.Ha2(algorithm, request.Method, uri));
        if (credential is null || !Digest.FixedTimeEquals(expected, response))
        {
            return new DigestVerdict(DigestOutcome.Forbidden, username, credential is null ? "unknown user" : "wrong response");
        }

        if (validity == NonceValidity.Stale)
        {
            return new DigestVerdict(DigestOutcome.Stale, username, "stale nonce");
        }

        return Nonces.TryAcceptCount(nonce, count)
            ? new DigestVerdict(DigestOutcome.Authenticated, username)
            : new DigestVerdict(DigestOutcome.Challenge, username, "replayed nonce count");
    }
}
