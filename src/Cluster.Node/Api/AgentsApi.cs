using System.Security.Claims;
using CallCenter.Actors;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Entities;
using CallCenter.Node.Auth;
using CallCenter.Node.Entities;

namespace CallCenter.Node.Api;

/// <summary>Agents' state and call control.</summary>
public static class AgentsApi
{
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/agents").WithTags("agents").ProducesProblem(StatusCodes.Status503ServiceUnavailable).RequireSignIn();
        agents.MapGet("/", ListAsync)
            .WithName("ListAgents").WithSummary("The state of every agent the caller may read (itself; a supervisor's queues' agents; all for an admin).")
            .Produces<AgentView[]>();
        agents.MapGet("/{id}", GetAsync)
            .RequireAgentReader()
            .WithName("GetAgent").WithSummary("The agent's state, time in state, current call (and whether it is on hold), skills, queues, calls handled, and calls and handle time today.")
            .Produces<AgentView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        agents.MapPost("/{id}/state", SetStateAsync)
            .RequireAgentReader()
            .WithName("SetAgentState").WithSummary("Sets the agent ready, not ready (with a configured reason) or logged out.")
            .Accepts<SetAgentStateRequest>("application/json")
            .ProducesCommand()
            .ProducesValidationProblem();
        agents.MapPost("/{id}/answer", (string id, EntityRouter r, ContactCenterDirectory d) => Command(id, d, r, a => new AnswerOffer(a)))
            .RequireAgentSelf()
            .WithName("AnswerOffer").WithSummary("The agent answers the call offered to them.")
            .ProducesCommand();
        agents.MapPost("/{id}/reject", (string id, EntityRouter r, ContactCenterDirectory d) => Command(id, d, r, a => new RejectOffer(a)))
            .RequireAgentSelf()
            .WithName("RejectOffer").WithSummary("The agent rejects the call offered to them.")
            .ProducesCommand();
        agents.MapPost("/{id}/hangup", (string id, EntityRouter r, ContactCenterDirectory d) => Command(id, d, r, a => new HangUpAgentCall(a)))
            .RequireAgentSelf()
            .WithName("HangUpAgentCall").WithSummary("The agent hangs up their current call.")
            .ProducesCommand();
        agents.MapPost("/{id}/hold", CallControl.HoldAsync)
            .RequireAgentSelf()
            .WithName("HoldCall").WithSummary("The agent puts their connected call on hold: the caller hears hold music.")
            .ProducesCommand();
        agents.MapPost("/{id}/resume", CallControl.ResumeAsync)
            .RequireAgentSelf()
            .WithName("ResumeCall").WithSummary("The agent takes their call off hold: caller and agent talk again.")
            .ProducesCommand();
        agents.MapPost("/{id}/transfer", CallControl.TransferAsync)
            .RequireAgentSelf()
            .WithName("TransferCall").WithSummary("The agent transfers their call blind to a queue, an agent or an outside number, and wraps up.")
            .Accepts<TransferCallRequest>("application/json")
            .ProducesCommand()
            .ProducesValidationProblem();
        agents.MapPost("/{id}/wrapup-done", FinishWrapUpAsync)
            .RequireAgentSelf()
            .WithName("FinishWrapUp").WithSummary("Ends wrap-up, recording an optional disposition and notes on the call.")
            .Accepts<FinishWrapUpRequest>(isOptional: true, "application/json")
            .ProducesCommand()
            .ProducesValidationProblem();
        return app;
    }

    private static Task<IResult> ListAsync(EntityRouter router, ContactCenterDirectory directory, AccessRules rules, ClaimsPrincipal user) =>
        router.AllAsync<AgentView>(directory.AgentIds.Where(a => rules.MayReadAgent(user, a.Value)).Select(a => new GetAgent(a)), "the agents");

    private static async Task<IResult> GetAsync(string id, EntityRouter router, ContactCenterDirectory directory)
    {
        if (directory.Agent(id) is null)
            return Problems.NotFound("agent", id);
        var (view, problem) = await router.AskAsync<AgentView>(new GetAgent(new AgentId(id)), $"agent {id}");
        return problem ?? Results.Ok(view);
    }

    private static async Task<IResult> SetStateAsync(
        string id, HttpRequest request, EntityRouter router, ContactCenterDirectory directory, AccessRules rules, ClaimsPrincipal user)
    {
        if (directory.Agent(id) is null)
            return Problems.NotFound("agent", id);
        var (body, problem) = await JsonBody.ReadAsync(request);
        if (body is null)
            return problem!;
        var state = body.String("state", required: true);
        var reason = body.String("reason");
        RequestedStatus? requested = state switch
        {
            "ready" => RequestedStatus.Ready,
            "not-ready" => RequestedStatus.NotReady,
            "logged-out" => RequestedStatus.LoggedOut,
            _ => null,
        };
        if (state is not null && requested is null)
            body.Fail("state", "must be one of ready, not-ready, logged-out");
        if (requested == RequestedStatus.NotReady)
        {
            if (reason is null)
                body.Fail("reason", "is required when the state is not-ready");
            else if (!directory.HasNotReadyReason(reason))
                body.Fail("reason", $"unknown reason code '{reason}'");
        }
        if (!body.Valid)
            return body.Problem();
        if (!rules.MaySetState(user, id, requested!.Value, reason))
            return Problems.Forbidden($"A supervisor may only set not-ready with reason '{NotReadyReasonCodes.Supervisor}', or logged-out.");
        return await router.CommandAsync(new SetAgentStatus(new AgentId(id), requested!.Value, reason), $"agent {id}");
    }

    /// <summary>
    /// Ends wrap-up; an optional body <c>{"disposition","notes"}</c> is recorded on the call the agent
    /// wrapped up before the agent is ready again.
    /// </summary>
    private static async Task<IResult> FinishWrapUpAsync(string id, HttpRequest request, EntityRouter router, ContactCenterDirectory directory)
    {
        if (directory.Agent(id) is null)
            return Problems.NotFound("agent", id);
        var agent = new AgentId(id);
        if (request.ContentLength is > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync(request);
            if (body is null)
                return problem!;
            var disposition = body.String("disposition", required: true, maxLength: 64);
            var notes = body.String("notes", maxLength: 4000);
            if (!body.Valid)
                return body.Problem();
            var (view, unavailable) = await router.AskAsync<AgentView>(new GetAgent(agent), $"agent {id}");
            if (unavailable is not null)
                return unavailable;
            if (view!.Status != AgentStatus.WrapUp || view.CallId is not { } call)
                return Problems.Refused(new CommandRejected(id, $"agent is {view.Status}, not in wrap-up"));
            var (reply, failed) = await router.AskAsync<object>(new SetCallDisposition(call, agent, disposition!, notes), $"call {call}");
            if (failed is not null)
                return failed;
            if (reply is CommandRejected rejected)
                return Problems.Refused(rejected);
        }
        return await router.CommandAsync(new FinishWrapUp(agent), $"agent {id}");
    }

    /// <summary>A command to an agent: 200 accepted, 404 for an unknown agent, 409 refused in the agent's state.</summary>
    private static RouteHandlerBuilder ProducesCommand(this RouteHandlerBuilder endpoint) => endpoint
        .Produces<CommandAcceptedReply>()
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static Task<IResult> Command(string id, ContactCenterDirectory directory, EntityRouter router, Func<AgentId, IProtocolMessage> command) =>
        directory.Agent(id) is null
            ? Task.FromResult(Problems.NotFound("agent", id))
            : router.CommandAsync(command(new AgentId(id)), $"agent {id}");
}
