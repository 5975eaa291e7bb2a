using System.Security.Claims;
using CallCenter.Actors;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Queues;
using CallCenter.Node.Auth;
using CallCenter.Node.Entities;

namespace CallCenter.Node.Api;

/// <summary>Queues: waiting calls with position and wait, available agents, figures.</summary>
public static class QueuesApi
{
    public static IEndpointRouteBuilder MapQueuesApi(this IEndpointRouteBuilder app)
    {
        var queues = app.MapGroup("/api/queues").WithTags("queues").ProducesProblem(StatusCodes.Status503ServiceUnavailable).RequireSignIn();
        queues.MapGet("/", ListAsync)
            .WithName("ListQueues").WithSummary("The queues the caller may read (all for an admin) with their waiting calls, available agents and figures.")
            .Produces<QueueView[]>();
        queues.MapGet("/{name}", GetAsync)
            .RequireQueueReader()
            .WithName("GetQueue").WithSummary("Waiting calls with position and wait, available agents and figures.")
            .Produces<QueueView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Task<IResult> ListAsync(EntityRouter router, ContactCenterDirectory directory, AccessRules rules, ClaimsPrincipal user) =>
        router.AllAsync<QueueView>(directory.QueueIds.Where(q => rules.MayReadQueue(user, q.Value)).Select(q => new GetQueue(q)), "the queues");

    private static async Task<IResult> GetAsync(string name, EntityRouter router, ContactCenterDirectory directory)
    {
        if (!directory.HasQueue(name))
            return Problems.NotFound("queue", name);
        var (view, problem) = await router.AskAsync<QueueView>(new GetQueue(new QueueId(name)), $"queue {name}");
        return problem ?? Results.Ok(view);
    }
}
