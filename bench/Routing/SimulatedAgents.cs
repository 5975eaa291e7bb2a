using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Actor;
using CallCenter.Actors;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Entities;

namespace CallCenter.Bench.Routing;

/// <summary>
/// Agents that answer every offer at once and hang up after an exponentially distributed talk
/// time. They watch the agents' entities through the event stream, as a desktop would.
/// </summary>
public sealed class SimulatedAgents : ReceiveActor
{
    private readonly Dictionary<string, (AgentStatus Status, string? Call)> _last = new();
    private readonly Dictionary<string, double> _readyAt = new();
    private readonly Dictionary<string, DateTimeOffset> _since = new();
    private readonly Random _random;

    public SimulatedAgents(EntityRouter router, ConcurrentDictionary<string, CallTimeline> calls, Stopwatch clock,
        double handleMeanSeconds, int seed, Counters counters)
    {
        _random = new Random(seed);
        Receive<AgentView>(view =>
        {
            var id = view.AgentId.Value;
            // Views of one agent can arrive out of order when its entity moved between routing nodes (two
            // connections): one older than the last seen is stale, counted and not acted on.
            if (_since.TryGetValue(id, out var since) && view.StatusSince < since)
            {
                counters.StaleView();
                return;
            }
            _since[id] = view.StatusSince;
            var now = clock.Elapsed.TotalSeconds;
            var call = view.CallId?.Value;
            _last.TryGetValue(id, out var previous);
            if (previous.Status == view.Status && previous.Call == call)
                return;
            _last[id] = (view.Status, call);
            var ended = previous.Status == AgentStatus.OnCall && view.Status is AgentStatus.WrapUp or AgentStatus.Ready;
            if (ended && previous.Call is not null && calls.TryGetValue(previous.Call, out var finished))
                finished.EndedAt ??= now;
            switch (view.Status)
            {
                case AgentStatus.Ready:
                    _readyAt[id] = now;
                    break;
                case AgentStatus.Reserved when call is not null && calls.TryGetValue(call, out var t):
                    t.ReservedAt ??= now;
                    t.AgentReadyAt ??= _readyAt.GetValueOrDefault(id);
                    t.Reservations++;
                    router.Tell(new AnswerOffer(view.AgentId), Self);
                    break;
                case AgentStatus.OnCall when call is not null && calls.TryGetValue(call, out var t):
                    if (t.AnsweredBy is not null && t.AnsweredBy != id)
                        DoubleAssigned($"call {call} answered by {t.AnsweredBy} and then by {id}");
                    t.AnsweredBy = id;
                    t.AnsweredAt ??= now;
                    var talk = -Math.Log(1 - _random.NextDouble()) * handleMeanSeconds;
                    Context.System.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(talk), router.Agents,
                        new HangUpAgentCall(view.AgentId), Self);
                    break;
            }
            if (previous.Status is AgentStatus.OnCall && view.Status is AgentStatus.Reserved or AgentStatus.OnCall)
                DoubleAssigned($"agent {id} on call {previous.Call} went {view.Status} with call {call} (since {view.StatusSince:HH:mm:ss.fff})");

            void DoubleAssigned(string what)
            {
                counters.DoubleAssigned();
                Console.Error.WriteLine($"DOUBLE ASSIGNED: {what}");
            }
        });
        ReceiveAny(_ => { });
    }

    public static Props Props(EntityRouter router, ConcurrentDictionary<string, CallTimeline> calls, Stopwatch clock,
        double handleMeanSeconds, int seed, Counters counters) =>
        Akka.Actor.Props.Create(() => new SimulatedAgents(router, calls, clock, handleMeanSeconds, seed, counters));
}

/// <summary>Thread-safe tallies the simulated agents keep.</summary>
public sealed class Counters
{
    private int _doubleAssigned;
    private int _staleViews;

    public int DoubleAssignedCount => _doubleAssigned;

    public int StaleViewCount => _staleViews;

    public void StaleView() => Interlocked.Increment(ref _staleViews);

    public void DoubleAssigned() => Interlocked.Increment(ref _doubleAssigned);
}
