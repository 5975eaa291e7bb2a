using CallCenter.Node.Api;
using Microsoft.AspNetCore.Antiforgery;

namespace CallCenter.Node.Auth;

/// <summary>
/// A cookie-authenticated POST, PUT, PATCH or DELETE must carry <c>X-CSRF-Token</c> with the token of
/// <c>/api/session</c> (ASP.NET Core antiforgery: the token is bound to the signed-in agent and to the
/// antiforgery cookie); else 403. Key-authenticated requests are not sent by browsers and need none.
/// </summary>
public sealed class CsrfFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (NeedsToken(http) && !await antiforgery.IsRequestValidAsync(http))
            return Problems.Forbidden($"Send the {AuthSchemes.CsrfHeader} header with the csrfToken of GET /api/session.");
        return await next(context);
    }

    private static bool NeedsToken(HttpContext http) =>
        !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
        && http.User.Identity is { IsAuthenticated: true, AuthenticationType: AuthSchemes.Cookie };
}
