using CallCenter.Actors;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Queues;
using CallCenter.Node.Entities;

namespace CallCenter.Node.Api;

/// <summary>Queues: waiting calls with position and wait, available agents, figures.</summary>
public static class QueuesApi
{
    public static IEndpointRouteBuilder MapQueuesApi(this IEndpointRouteBuilder app)
    {
        var queues = app.MapGroup("/api/queues").WithTags("queues").ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        queues.MapGet("/", ListAsync)
            .WithName("ListQueues").WithSummary("Every configured queue with its waiting calls, available agents and figures.")
            .Produces<QueueView[]>();
        queues.MapGet("/{name}", GetAsync)
            .WithName("GetQueue").WithSummary("Waiting calls with position and wait, available agents and figures.")
            .Produces<QueueView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static Task<IResult> ListAsync(EntityRouter router, ContactCenterDirectory directory) =>
        router.AllAsync<QueueView>(directory.QueueIds.Select(q => new GetQueue(q)), "the queues");

    private static async Task<IResult> GetAsync(string name, EntityRouter router, ContactCenterDirectory directory)
    {
        if (!directory.HasQueue(name))
            return Problems.NotFound("queue", name);
        var (view, problem) = await router.AskAsync<QueueView>(new GetQueue(new QueueId(name)), $"queue {name}");
        return problem ?? Results.Ok(view);
    }
}
