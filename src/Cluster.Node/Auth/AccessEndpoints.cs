using System.Security.Claims;
using CallCenter.Node.Api;

namespace CallCenter.Node.Auth;

/// <summary>
/// One line per route or group: <c>.RequireSignIn()</c> on a group (401 without a session or the key, and
/// the CSRF check), then <c>.RequireAdmin()</c>, <c>.RequireAgentSelf()</c>, ... on the routes that need more
/// (403). Routes with <c>{id}</c> name an agent, <c>{name}</c> a queue.
/// </summary>
public static class AccessEndpoints
{
    /// <summary>Signed in (cookie) or the key; cookie-authenticated unsafe methods must carry the CSRF token.</summary>
    public static RouteGroupBuilder RequireSignIn(this RouteGroupBuilder group)
    {
        group.RequireAuthorization(AuthSetup.SignedInPolicy)
            .AddEndpointFilter<CsrfFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }

    /// <summary>Admins and the key only.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.Allow((rules, user, _) => rules.IsAdmin(user), "Only an admin may do this.");

    /// <summary>Supervisors, admins and the key.</summary>
    public static TBuilder RequireSupervisor<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.Allow((rules, user, _) => rules.MaySupervise(user), "Only a supervisor or an admin may do this.");

    /// <summary>The agent of route value <c>{id}</c> itself, or an admin: call control.</summary>
    public static TBuilder RequireAgentSelf<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.Allow((rules, user, http) => rules.MayActAs(user, RouteValue(http, "id")), "An agent may only act on itself.");

    /// <summary>Whoever may read agent <c>{id}</c>: itself, its supervisors, admins.</summary>
    public static TBuilder RequireAgentReader<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.Allow((rules, user, http) => rules.MayReadAgent(user, RouteValue(http, "id")), "You may not see this agent.");

    /// <summary>Whoever serves queue <c>{name}</c>, and admins.</summary>
    public static TBuilder RequireQueueReader<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder =>
        endpoint.Allow((rules, user, http) => rules.MayReadQueue(user, RouteValue(http, "name")), "You do not serve this queue.");

    private static TBuilder Allow<TBuilder>(this TBuilder endpoint, Func<AccessRules, ClaimsPrincipal, HttpContext, bool> allowed, string refusal)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            return allowed(http.RequestServices.GetRequiredService<AccessRules>(), http.User, http)
                ? await next(context)
                : Problems.Forbidden(refusal);
        });

    private static string RouteValue(HttpContext http, string name) => http.GetRouteValue(name) as string ?? "";
}
