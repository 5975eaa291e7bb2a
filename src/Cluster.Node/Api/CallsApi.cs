using System.Security.Claims;
using CallCenter.Actors;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Entities;
using CallCenter.Node.Auth;
using CallCenter.Node.Entities;

namespace CallCenter.Node.Api;

/// <summary>Virtual calls: calls created without SIP, for tests, load and integrations.</summary>
public static class CallsApi
{
    /// <summary>Priorities run from 0 (normal) to this; higher is served first.</summary>
    public const int MaxPriority = 100;

    public static IEndpointRouteBuilder MapCallsApi(this IEndpointRouteBuilder app)
    {
        var calls = app.MapGroup("/api/calls").WithTags("calls").ProducesProblem(StatusCodes.Status503ServiceUnavailable).RequireSignIn();
        calls.MapPost("/", CreateAsync)
            .RequireAdmin()
            .WithName("CreateCall").WithSummary("Creates a virtual call (no SIP) waiting in a queue.")
            .Accepts<CreateCallRequest>("application/json")
            .Produces<CallCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        calls.MapGet("/{id}", GetAsync)
            .WithName("GetCall").WithSummary("The call's status, outcome, agent, timestamps, variables and recordings.")
            .Produces<CallView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        calls.MapDelete("/{id}", HangUpAsync)
            .RequireAdmin()
            .WithName("HangUpCall").WithSummary("The caller hangs up: abandoned if still waiting, completed if talking.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, EntityRouter router, ContactCenterDirectory directory)
    {
        var (body, problem) = await JsonBody.ReadAsync(request);
        if (body is null)
            return problem!;
        var from = body.String("from") ?? "anonymous";
        var to = body.String("to") ?? "";
        var queue = body.String("queue", required: true);
        var priority = body.Int("priority", 0, MaxPriority) ?? 0;
        var skills = body.Skills("skills", directory.HasSkill);
        var variables = body.Variables("variables");
        if (queue is not null && !directory.HasQueue(queue))
            body.Fail("queue", $"there is no queue '{queue}'");
        if (!body.Valid)
            return body.Problem();

        var required = new Dictionary<string, int>(directory.Queue(queue!)!.RequiredSkills);
        foreach (var (skill, level) in skills ?? [])
            required[skill] = level;
        var id = CallId.New();
        var start = new StartCall(id, from, to, new QueueId(queue!), priority, required, variables ?? []);
        var (reply, unavailable) = await router.AskAsync<object>(start, $"call {id}");
        if (unavailable is not null)
            return unavailable;
        return reply is CommandAccepted
            ? Results.Created($"/api/calls/{id}", new CallCreated(id.Value))
            : Problems.FromReply(reply!);
    }

    /// <summary>An unknown call and one the caller may not read answer alike (404 for admins, 403 for others).</summary>
    private static async Task<IResult> GetAsync(string id, EntityRouter router, AccessRules rules, ClaimsPrincipal user)
    {
        var (view, problem) = await router.AskAsync<CallView>(new GetCall(new CallId(id)), $"call {id}");
        if (problem is not null)
            return problem;
        if (!rules.MayReadCall(user, view!))
            return Problems.Forbidden("This call was not offered to you, nor did it wait in your queues.");
        return view!.Status == CallStatus.Unknown ? Problems.NotFound("call", id) : Results.Ok(view);
    }

    private static async Task<IResult> HangUpAsync(string id, EntityRouter router)
    {
        var (reply, problem) = await router.AskAsync<object>(new HangUpCall(new CallId(id), CallParty.Caller), $"call {id}");
        return problem ?? reply switch
        {
            CommandAccepted => Results.NoContent(),
            CommandRejected => Problems.NotFound("call", id),
            _ => Problems.FromReply(reply!),
        };
    }
}
