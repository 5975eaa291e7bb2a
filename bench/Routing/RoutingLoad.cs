using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using CallCenter.Actors;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Entities;
using CallCenter.Node.Realtime;

namespace CallCenter.Bench.Routing;

/// <summary>
/// Drives the real entities with Poisson arrivals for a fixed time, lets the calls in progress
/// finish, and reports what every call went through.
/// </summary>
public static class RoutingLoad
{
    /// <summary>Bounds the end-of-run check so an overloaded run still finishes.</summary>
    private const int MaxUnfinishedChecked = 5000;

    /// <summary>Enough random call ids to reach every one of the 100 shards with near certainty.</summary>
    private const int WarmUpQueries = 2000;

    /// <summary>Long enough for a topic subscription to reach the other nodes (gossip every second).</summary>
    private static readonly TimeSpan TopicGossip = TimeSpan.FromSeconds(3);

    public static ContactCenterDefinition Definition(LoadOptions o, string run)
    {
        var queues = Enumerable.Range(1, o.Queues).Select(q => QueueDefinition.Named($"{run}-q{q}") with
        {
            WrapUpSeconds = o.WrapUpSeconds,
            RingTimeoutSeconds = 30,
        }).ToList();
        // Each agent serves two neighbouring queues, so queues share agents as real ones do.
        var agents = Enumerable.Range(1, o.Agents).Select(a => new AgentDefinition($"{run}-a{a}", $"Agent {a}", null, "bench",
            AgentRole.Agent, new Dictionary<string, int>(),
            [$"{run}-q{a % o.Queues + 1}", $"{run}-q{(a + 1) % o.Queues + 1}"])).ToList();
        return new ContactCenterDefinition([], [], queues, agents.Select(a => a with { Queues = a.Queues.Distinct().ToList() }).ToList());
    }

    /// <param name="cpu">The CPU time used so far by every process that takes part (this one and the routing nodes).</param>
    public static async Task<BenchResult> RunAsync(ActorSystem system, EntityRouter router, LoadOptions o, string run, Func<TimeSpan> cpu)
    {
        var clock = Stopwatch.StartNew();
        var calls = new ConcurrentDictionary<string, CallTimeline>();
        var counters = new Counters();
        var agents = system.ActorOf(SimulatedAgents.Props(router, calls, clock, o.HandleMeanSeconds, o.Seed, counters), "simulated-agents");
        if (o.RoutingNodes == 0)
            system.EventStream.Subscribe(agents, typeof(AgentView));
        else
        {
            // The views come from the routing nodes through the topic their relays publish to; the subscription reaches
            // them with the publish-subscribe gossip (every second).
            await DistributedPubSub.Get(system).Mediator.Ask<SubscribeAck>(new Subscribe(AgentViewRelay.Topic, agents), TimeSpan.FromSeconds(10));
            await Task.Delay(TopicGossip);
        }

        await Task.WhenAll(Enumerable.Range(1, o.Agents).Select(a =>
            router.Ask<object>(new SetAgentStatus(new AgentId($"{run}-a{a}"), RequestedStatus.Ready, null), TimeSpan.FromSeconds(60))));

        // Steady state: a running node has every call shard allocated. Touch them all first (a query
        // for an unknown call starts an entity in its shard and stops again), so that shard allocation
        // is not counted as routing latency.
        await Task.WhenAll(Enumerable.Range(0, WarmUpQueries).Select(_ =>
            router.Ask<CallView>(new GetCall(CallId.New()), TimeSpan.FromSeconds(60))));

        var random = new Random(o.Seed);
        var n = 0;
        if (o.WarmUpSeconds > 0)
        {
            // Steady state also means compiled code: the calls of the warm-up (at the same rate) let the JIT of every
            // process finish its work, and are forgotten before the measured run.
            (_, n) = await ArriveAsync(o.WarmUpSeconds, n);
            await DrainAsync();
            calls.Clear();
        }
        var cpuAtStart = cpu();
        double started;
        (started, n) = await ArriveAsync(o.DurationSeconds, n);
        var arrivalsEnded = clock.Elapsed.TotalSeconds;
        await DrainAsync();
        var cpuUsed = cpu() - cpuAtStart;

        // A call not finished is either still in progress (waiting, offered, talking) or lost:
        // ask its entity, which is the only one that knows.
        var lost = 0;
        foreach (var unfinished in calls.Where(c => c.Value.EndedAt is null).Select(c => c.Key).Take(MaxUnfinishedChecked))
        {
            var view = await router.Ask<CallView>(new GetCall(new CallId(unfinished)), TimeSpan.FromSeconds(30));
            if (view.Status is CallStatus.Unknown or CallStatus.Ended && view.Outcome != CallOutcome.Completed)
                lost++;
        }
        var result = BenchResult.From(o, calls.Values.ToList(), arrivalsEnded - started, counters.DoubleAssignedCount, lost);
        return result with
        {
            StaleViews = counters.StaleViewCount,
            CpuMsPerCall = result.CallsCompleted == 0 ? 0 : Math.Round(cpuUsed.TotalMilliseconds / result.CallsCompleted, 3),
        };

        // Poisson arrivals for the given time; returns when they started and the calls numbered so far.
        async Task<(double Started, int Numbered)> ArriveAsync(double seconds, int numbered)
        {
            var from = clock.Elapsed.TotalSeconds;
            var next = from;
            while (next - from < seconds)
            {
                var wait = next - clock.Elapsed.TotalSeconds;
                if (wait > 0.002)
                    await Task.Delay(TimeSpan.FromSeconds(wait));
                var id = CallId.New();
                calls[id.Value] = new CallTimeline(clock.Elapsed.TotalSeconds);
                var queue = new QueueId($"{run}-q{random.Next(o.Queues) + 1}");
                router.Tell(new StartCall(id, $"+4420{numbered++:D7}", "bench", queue, 0, new Dictionary<string, int>(), new Dictionary<string, string>()), ActorRefs.Nobody);
                next += -Math.Log(1 - random.NextDouble()) / o.ArrivalRate;
            }
            return (from, numbered);
        }

        // Lets the calls in progress finish (bounded by the drain time).
        async Task DrainAsync()
        {
            var drainUntil = clock.Elapsed.TotalSeconds + o.DrainSeconds;
            while (clock.Elapsed.TotalSeconds < drainUntil && calls.Values.Any(c => c.EndedAt is null))
                await Task.Delay(200);
        }
    }
}
