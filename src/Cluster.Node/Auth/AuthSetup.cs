using CallCenter.Node.Api;
using CallCenter.Node.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace CallCenter.Node.Auth;

/// <summary>
/// Authentication (session cookie or API key), the signed-in policy, antiforgery, the sign-in throttle, and the
/// Data Protection key ring and signed-out sessions that all web nodes share (<see cref="SignInStateStore"/>).
/// </summary>
public static class AuthSetup
{
    /// <summary>Authenticated by either scheme; what the caller may do is then <see cref="AccessRules"/>' to say.</summary>
    public const string SignedInPolicy = "signed-in";

    /// <summary>A shift: the cookie lasts this long after the last request (sliding).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// Data Protection's application name: keys are shared only between nodes with the same name (and the antiforgery
    /// cookie's name derives from it), so it is fixed rather than the default, the content root path.
    /// </summary>
    public const string DataProtectionApplicationName = "CallCenter";

    public static WebApplicationBuilder AddCallCenterAuth(this WebApplicationBuilder builder, PersistenceOptions persistence)
    {
        builder.Services.AddSingleton<AccessRules>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton(_ =>
        {
            var store = SignInStateStore.For(persistence);
            store.EnsureCreated();
            return store;
        });
        builder.Services.AddSingleton<SignedOutSessions>();
        builder.Services.AddSingleton<DataProtectionKeyTable>();
        builder.Services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<DataProtectionKeyTable>((o, keys) => o.XmlRepository = keys);
        builder.Services.AddHostedService<KeyRingStartup>();
        builder.Services.AddAntiforgery(o => o.HeaderName = AuthSchemes.CsrfHeader);
        builder.Services.AddAuthentication(AuthSchemes.Default)
            .AddPolicyScheme(AuthSchemes.Default, "Session cookie or API key", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(AuthSchemes.ApiKeyHeader) ? AuthSchemes.ApiKey : AuthSchemes.Cookie)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(AuthSchemes.ApiKey, null)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = AuthSchemes.SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = SessionLifetime;
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    // An API answers with problem documents; the pages decide where to go.
                    OnRedirectToLogin = c => Problems.SignInRequired("Sign in with POST /api/session, or send X-Api-Key.").ExecuteAsync(c.HttpContext),
                    OnRedirectToAccessDenied = c => Problems.Forbidden("This request is not allowed.").ExecuteAsync(c.HttpContext),
                    OnValidatePrincipal = RejectEndedSessions,
                };
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(SignedInPolicy, p => p.AddAuthenticationSchemes(AuthSchemes.Default).RequireAuthenticatedUser());
        return builder;
    }

    public static WebApplication UseCallCenterAuth(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>A session signed out, or of an agent removed from the definition, ends at its next request.</summary>
    private static async Task RejectEndedSessions(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        if (context.Principal is { } user
            && (http.RequestServices.GetRequiredService<AccessRules>().Who(user) is null
                || await http.RequestServices.GetRequiredService<SignedOutSessions>().HasEndedAsync(user, http.RequestAborted)))
            context.RejectPrincipal();
    }
}
