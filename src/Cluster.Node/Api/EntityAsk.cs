using Akka.Actor;
using CallCenter.Actors;
using CallCenter.Actors.Entities;

namespace CallCenter.Node.Api;

/// <summary>Asks an entity and turns silence into a 503 problem rather than an exception.</summary>
public static class EntityAsk
{
    /// <summary>An entity answers in milliseconds; five seconds covers a recovery after failover.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<(T? Reply, IResult? Problem)> AskAsync<T>(this EntityRouter router, IProtocolMessage message, string what)
        where T : class
    {
        try
        {
            return (await router.Ask<T>(message, Timeout), null);
        }
        catch (AskTimeoutException)
        {
            return (null, Problems.Unavailable(what));
        }
    }

    /// <summary>Asks many entities at once; any silence turns the whole answer into a 503 problem.</summary>
    public static async Task<IResult> AllAsync<T>(this EntityRouter router, IEnumerable<IProtocolMessage> queries, string what)
    {
        try
        {
            return Results.Ok(await Task.WhenAll(queries.Select(q => router.Ask<T>(q, Timeout))));
        }
        catch (AskTimeoutException)
        {
            return Problems.Unavailable(what);
        }
    }

    public static async Task<IResult> CommandAsync(this EntityRouter router, IProtocolMessage message, string what)
    {
        var (reply, problem) = await router.AskAsync<object>(message, what);
        return problem ?? Problems.FromReply(reply!);
    }
}
