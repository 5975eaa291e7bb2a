using System.Security.Claims;
using CallCenter.Actors.Definition;
using CallCenter.Node.Api;
using CallCenter.Node.Entities;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;

namespace CallCenter.Node.Auth;

/// <summary>An agent's web sign-in: <c>POST</c> signs in, <c>GET</c> says who is signed in, <c>DELETE</c> signs out.</summary>
public static class SessionApi
{
    public const string Path = "/api/session";

    public static RouteGroupBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup(Path).WithTags("session");
        session.MapPost("/", SignInAsync)
            .AllowAnonymous()
            .WithName("SignIn").WithSummary("Signs an agent in with its id and web password; sets the session cookie.")
            .Accepts<SignInRequest>("application/json")
            .Produces<SessionView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        session.MapGet("/", Current)
            .RequireAuthorization(AuthSetup.SignedInPolicy)
            .WithName("GetSession").WithSummary("Who is signed in, with a fresh CSRF token for the X-CSRF-Token header.")
            .Produces<SessionView>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        session.MapDelete("/", SignOutAsync)
            .AddEndpointFilter<CsrfFilter>()
            .WithName("SignOut").WithSummary("Signs out: the session cookie is removed.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return session;
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, ContactCenterDirectory directory, SignInThrottle throttle, IAntiforgery antiforgery, ILoggerFactory logs)
    {
        var (body, problem) = await JsonBody.ReadAsync(http.Request);
        if (body is null)
            return problem!;
        var agentId = body.String("agentId", required: true, maxLength: 64);
        var password = body.String("password", required: true, maxLength: 256);
        if (!body.Valid)
            return body.Problem();

        var log = logs.CreateLogger(typeof(SessionApi));
        var address = http.Connection.RemoteIpAddress;
        if (throttle.Wait(agentId!) is { } wait)
        {
            log.LogWarning("Sign-in of agent {AgentId} from {Address} refused: too many wrong passwords", agentId, address);
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString();
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
                detail: $"Wait {Math.Ceiling(wait.TotalSeconds)} s before trying again.");
        }
        var agent = directory.Agent(agentId!);
        if (!PasswordHashes.Verify(agent, password!))
        {
            throttle.Failed(agentId!);
            log.LogWarning("Sign-in of agent {AgentId} from {Address} failed: unknown agent or wrong password", agentId, address);
            // The same answer for an unknown id and a wrong password: the answer does not tell which ids exist.
            return Problems.SignInRequired("Unknown agent or wrong password.");
        }
        throttle.Succeeded(agentId!);

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, agent!.Id),
                new Claim(ClaimTypes.Name, agent.Name),
                new Claim(ClaimTypes.Role, AccessRules.RoleName(agent.Role)),
                SignedOutSessions.NewSessionClaim(),
            ],
            AuthSchemes.Cookie));
        await http.SignInAsync(AuthSchemes.Cookie, principal);
        // The CSRF token is bound to the user: issue it for the agent just signed in, not the anonymous request.
        http.User = principal;
        log.LogInformation("Agent {AgentId} signed in from {Address}", agent.Id, address);
        return Results.Ok(View(agent, antiforgery.GetAndStoreTokens(http).RequestToken!, directory));
    }

    private static IResult Current(HttpContext http, AccessRules rules, IAntiforgery antiforgery, ContactCenterDirectory directory)
    {
        if (rules.Who(http.User) is not { } caller)
            return Problems.SignInRequired("Sign in with POST /api/session.");
        var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
        return Results.Ok(caller.Agent is { } agent
            ? View(agent, token, directory)
            : new SessionView(null, caller.Name, AccessRules.AdminRole, null, [.. directory.QueueIds.Select(q => q.Value)], token));
    }

    /// <summary>The browser forgets the cookie, and every node refuses any copy of it from now on (see <see cref="SignedOutSessions"/>).</summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, AccessRules rules, SignedOutSessions signedOut, ILoggerFactory logs)
    {
        if (rules.Who(http.User)?.Agent is { } agent)
            logs.CreateLogger(typeof(SessionApi)).LogInformation("Agent {AgentId} signed out", agent.Id);
        await signedOut.EndAsync(http.User, http.RequestAborted);
        await http.SignOutAsync(AuthSchemes.Cookie);
        return Results.NoContent();
    }

    /// <summary>An admin reads every queue: its list says so, whatever queues it serves itself.</summary>
    private static SessionView View(AgentDefinition agent, string csrfToken, ContactCenterDirectory directory) => new(
        agent.Id, agent.Name, AccessRules.RoleName(agent.Role), agent.Site,
        agent.Role == AgentRole.Admin ? [.. directory.QueueIds.Select(q => q.Value)] : agent.Queues,
        csrfToken);
}

/// <summary>The body of <c>POST /api/session</c>: the agent's id and web password (not the phone's).</summary>
public sealed record SignInRequest(string AgentId, string Password);

/// <summary>
/// Who is signed in: the agent, its role (<c>agent</c>, <c>supervisor</c>, <c>admin</c>), site, the queues it may
/// read, and the token to send as <c>X-CSRF-Token</c> with every POST, PUT and DELETE. The API key has no agent id.
/// </summary>
public sealed record SessionView(string? AgentId, string Name, string Role, string? Site, IReadOnlyList<string> Queues, string CsrfToken);
