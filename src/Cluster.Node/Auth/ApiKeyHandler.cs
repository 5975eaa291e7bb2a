using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using CallCenter.Node.Api;
using CallCenter.Node.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CallCenter.Node.Auth;

/// <summary>
/// <c>X-Api-Key: &lt;key&gt;</c> authenticates as an admin named <see cref="AuthSchemes.ApiKeyUser"/>. With no key
/// configured every key is refused. Compared as SHA-256 digests in constant time, so that neither the
/// key's bytes nor its length leak through timing.
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, CallCenterOptions node)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private readonly byte[]? _expected = node.Api.Key is { } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AuthSchemes.ApiKeyHeader, out var values))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (_expected is null)
            return Task.FromResult(AuthenticateResult.Fail("no API key is configured on this node"));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(values.ToString()));
        if (!CryptographicOperations.FixedTimeEquals(given, _expected))
            return Task.FromResult(AuthenticateResult.Fail("wrong API key"));
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, AuthSchemes.ApiKeyUser),
                new Claim(ClaimTypes.Name, AuthSchemes.ApiKeyUser),
                new Claim(ClaimTypes.Role, AccessRules.AdminRole),
            ],
            AuthSchemes.ApiKey);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AuthSchemes.ApiKey)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.SignInRequired("The X-Api-Key header does not hold this node's key.").ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Forbidden("This request is not allowed.").ExecuteAsync(Context);
}
