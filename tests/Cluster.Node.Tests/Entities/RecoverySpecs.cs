using Akka.Actor;
using CallCenter.Actors;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Queues;
using CallCenter.Node.Configuration;
using CallCenter.Node.Hosting;
using CallCenter.Node.Tests.Persistence;
using Microsoft.Extensions.Hosting;

namespace CallCenter.Node.Tests.Entities;

/// <summary>
/// Stops the node's actor system in the middle of traffic and starts a new one on the same
/// database: waiting calls are still there in the same order, agents hold the calls they held,
/// and routing carries on from there.
/// </summary>
public abstract class RecoverySpecs : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _run = $"rec{Guid.NewGuid():N}"[..12];

    protected abstract PersistenceOptions Persistence { get; }

    private QueueId Queue => new($"{_run}-q");
    private AgentId A1 => new($"{_run}-a1");
    private AgentId A2 => new($"{_run}-a2");

    private ContactCenterDefinition Definition => new([], [], [QueueDefinition.Named(Queue.Value) with
    {
        RingTimeoutSeconds = 600, WrapUpSeconds = 0, AutoReadyAfterWrapUp = true,
    }], new[] { A1, A2 }.Select(a => new AgentDefinition(a.Value, a.Value, null, "site", AgentRole.Agent,
        new Dictionary<string, int>(), [Queue.Value])).ToList());

    [Fact]
    public async Task Waiting_calls_and_agents_should_survive_a_restart_in_the_same_order()
    {
        List<CallId> waitingBefore;
        CallId talking, reserved;
        var extra = Enumerable.Range(0, 4).Select(_ => CallId.New()).ToList();
        using (var first = RoutingHost.Build(Persistence))
        {
            var router = await first.StartAsync(Definition, Timeout);
            await Ask<CommandAccepted>(router, new SetAgentStatus(A1, RequestedStatus.Ready, null));
            await Ask<CommandAccepted>(router, new SetAgentStatus(A2, RequestedStatus.Ready, null));
            foreach (var priority in new[] { 0, 0, 0, 5, 0, 0 })
                await Ask<CommandAccepted>(router, Start(CallId.New(), priority));

            var offered = await Eventually(router, new GetQueue(Queue), (QueueView q) => q.Waiting.Count(w => w.OfferedTo is not null) == 2);
            talking = offered.Waiting.First(w => w.OfferedTo == A1).CallId;
            reserved = offered.Waiting.First(w => w.OfferedTo == A2).CallId;
            await Eventually(router, new GetAgent(A1), (AgentView a) => a.Status == AgentStatus.Reserved);
            await Ask<CommandAccepted>(router, new AnswerOffer(A1));
            var before = await Eventually(router, new GetQueue(Queue), (QueueView q) => q.Waiting.All(w => w.CallId != talking));
            waitingBefore = before.Waiting.Where(w => w.OfferedTo is null).Select(w => w.CallId).ToList();
            Assert.Equal(4, waitingBefore.Count);

            // Traffic still arriving as the system stops: these may or may not have been stored.
            foreach (var id in extra)
                router.Tell(Start(id, 0), ActorRefs.Nobody);
            await first.StopAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        using var second = RoutingHost.Build(Persistence);
        var again = await second.StartAsync(Definition, Timeout);
        var after = await Ask<QueueView>(again, new GetQueue(Queue));
        var waitingAfter = after.Waiting.Where(w => w.OfferedTo is null).Select(w => w.CallId).ToList();

        Assert.Equal(waitingBefore, waitingAfter.Take(waitingBefore.Count));
        Assert.Equal(reserved, after.Waiting.Single(w => w.OfferedTo is not null).CallId);
        var a1 = await Ask<AgentView>(again, new GetAgent(A1));
        var a2 = await Ask<AgentView>(again, new GetAgent(A2));
        Assert.Equal((AgentStatus.OnCall, talking), (a1.Status, a1.CallId));
        Assert.Equal((AgentStatus.Reserved, reserved), (a2.Status, a2.CallId));
        Assert.Equal(CallStatus.Talking, (await Ask<CallView>(again, new GetCall(talking))).Status);
        foreach (var id in extra)
        {
            // A call either exists and waits in the queue, or was never stored: never half.
            var call = await Ask<CallView>(again, new GetCall(id));
            var queued = after.Waiting.Any(w => w.CallId == id);
            Assert.True(call.Status == CallStatus.Unknown ? !queued : call.Status == CallStatus.Queued,
                $"call {id} is {call.Status} and {(queued ? "" : "not ")}in the queue");
        }

        // Routing carries on: A1 hangs up, is ready at once, and gets the first waiting call.
        await Ask<CommandAccepted>(again, new HangUpAgentCall(A1));
        var next = await Eventually(again, new GetAgent(A1), (AgentView a) => a.Status == AgentStatus.Reserved);
        Assert.Equal(waitingBefore[0], next.CallId);
    }

    private StartCall Start(CallId id, int priority) =>
        new(id, "+15550100", "100", Queue, priority, new Dictionary<string, int>(), new Dictionary<string, string>());

    private static async Task<T> Ask<T>(EntityRouter router, IProtocolMessage message)
    {
        var reply = await router.Ask<object>(message, Timeout);
        return reply is T typed ? typed : throw new Xunit.Sdk.XunitException($"expected {typeof(T).Name}, got {reply}");
    }

    private static async Task<T> Eventually<T>(EntityRouter router, IProtocolMessage query, Func<T, bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        T last;
        while (!condition(last = await Ask<T>(router, query)))
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"condition never held; last {last}");
            await Task.Delay(50);
        }
        return last;
    }

    public virtual void Dispose()
    {
    }
}

public sealed class SqliteRecoverySpecs : RecoverySpecs
{
    private readonly TempDirectory _data = new();

    protected override PersistenceOptions Persistence => new() { DataDirectory = _data.Path };

    public override void Dispose() => _data.Dispose();
}

public sealed class PostgresRecoverySpecs : RecoverySpecs
{
    protected override PersistenceOptions Persistence => new()
    {
        Provider = PersistenceProvider.Postgres,
        ConnectionString = PostgresPersistenceSpecs.ConnectionString,
    };
}
