using CallCenter.Node.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CallCenter.Node.Auth;

/// <summary>Authentication (session cookie or API key), the signed-in policy, antiforgery and the sign-in throttle.</summary>
public static class AuthSetup
{
    /// <summary>Authenticated by either scheme; what the caller may do is then <see cref="AccessRules"/>' to say.</summary>
    public const string SignedInPolicy = "signed-in";

    /// <summary>A shift: the cookie lasts this long after the last request (sliding).</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);

    public static WebApplicationBuilder AddCallCenterAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AccessRules>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton<SignedOutSessions>();
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
    private static Task RejectEndedSessions(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        if (context.Principal is { } user
            && (services.GetRequiredService<AccessRules>().Who(user) is null || services.GetRequiredService<SignedOutSessions>().HasEnded(user)))
            context.RejectPrincipal();
        return Task.CompletedTask;
    }
}
