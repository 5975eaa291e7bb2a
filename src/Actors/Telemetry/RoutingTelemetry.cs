using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Akka.Actor;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Queues;

namespace CallCenter.Actors.Telemetry;

/// <summary>
/// The contact center's figures as metrics, recorded by the entities from their own live events (never from a
/// replay: <see cref="Entities.EntityActor{TState,TChange}"/> observes only decisions it takes, not recovery).
/// Counters and histograms are recorded as events happen; the gauges (calls waiting, longest wait, agents by state)
/// read the latest state each live queue and agent entity of the process published here. Attributes: <c>queue</c>,
/// <c>site</c>, <c>node</c> where they apply. Metric names are the contract of the dashboards in k8s/dashboards.
/// </summary>
public static class RoutingTelemetry
{
    public const string Name = "callcenter.routing";

    /// <summary>An abandon within this many seconds of arriving is "short": the service level variant does not count it.</summary>
    public const double ShortAbandonSeconds = 5;

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Source = new(Name);

    private static readonly double[] WaitBuckets = [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];

    private static readonly Counter<long> Offered = Meter.CreateCounter<long>(
        "callcenter.calls.offered", "{call}", "Calls that started waiting in a queue (arrivals, overflows and transfers in)");

    private static readonly Counter<long> Answered = Meter.CreateCounter<long>(
        "callcenter.calls.answered", "{call}", "Calls answered by an agent, by the queue they waited in");

    private static readonly Counter<long> AnsweredInServiceLevel = Meter.CreateCounter<long>(
        "callcenter.calls.answered_within_threshold", "{call}", "Calls answered within their queue's service-level threshold");

    private static readonly Counter<long> Abandoned = Meter.CreateCounter<long>(
        "callcenter.calls.abandoned", "{call}", "Callers who hung up before an agent answered; where = ivr or queue");

    private static readonly Counter<long> ShortAbandoned = Meter.CreateCounter<long>(
        "callcenter.calls.abandoned_short", "{call}", $"Callers who hung up in a queue within {ShortAbandonSeconds} s of arriving");

    private static readonly Counter<long> Overflowed = Meter.CreateCounter<long>(
        "callcenter.calls.overflowed", "{call}", "Calls moved on by an overflow rule or a full queue; to = the next queue");

    private static readonly Histogram<double> SpeedOfAnswer = Meter.CreateHistogram<double>(
        "callcenter.calls.speed_of_answer", "s", "Time from the call's arrival to an agent answering it",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitBuckets });

    private static readonly Histogram<double> HandleTime = Meter.CreateHistogram<double>(
        "callcenter.calls.handle_time", "s", "Talk time of answered calls, by queue",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 30, 60, 120, 180, 300, 600, 900, 1800, 3600] });

    private static readonly Counter<long> RingNoAnswers = Meter.CreateCounter<long>(
        "callcenter.agents.ring_no_answers", "{offer}", "Offers an agent's phone did not answer in time (the agent goes not-ready)");

    private static readonly Histogram<double> DecisionDuration = Meter.CreateHistogram<double>(
        "callcenter.routing.decision.duration", "s", "Time a queue takes to decide on one command (pairing calls with agents)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01] });

    private static readonly ConcurrentDictionary<IActorRef, QueueReading> Queues = new();
    private static readonly ConcurrentDictionary<IActorRef, AgentReading> Agents = new();

    static RoutingTelemetry()
    {
        Meter.CreateObservableGauge("callcenter.queue.calls_waiting", ObserveWaiting, "{call}", "Calls waiting in the queue now");
        Meter.CreateObservableGauge("callcenter.queue.longest_wait", ObserveLongestWait, "s", "How long the queue's oldest waiting call has waited");
        Meter.CreateObservableGauge("callcenter.agents.by_state", ObserveAgents, "{agent}",
            "Configured agents by state, per queue they serve (an agent in two queues counts in both) and site");
    }

    private sealed record QueueReading(string Node, QueueState State, IScheduler Clock);

    private sealed record AgentReading(string Node, AgentState State);

    private static KeyValuePair<string, object?> Queue(QueueId queue) => new("queue", queue.Value);

    private static KeyValuePair<string, object?> Node(string node) => new(TelemetryNode.Attribute, node);

    /// <summary>
    /// A queue's counters start at 0 (once the entity runs, after recovery): an increase or a ratio over a queue
    /// that has not abandoned a call yet is 0, not a missing series.
    /// </summary>
    public static void QueueStarted(string node, QueueState queue)
    {
        KeyValuePair<string, object?>[] tags = [Queue(queue.Id), Node(node)];
        Offered.Add(0, tags);
        Answered.Add(0, tags);
        AnsweredInServiceLevel.Add(0, tags);
        ShortAbandoned.Add(0, tags);
        Abandoned.Add(0, [Queue(queue.Id), new("where", "queue"), Node(node)]);
        var targets = queue.Definition.Overflow.Select(r => r.MoveToQueue).Append(queue.Definition.WhenFullOrTooLong).OfType<string>();
        foreach (var to in targets.Distinct())
            Overflowed.Add(0, Queue(queue.Id), new("to", to), Node(node));
    }

    /// <summary>An agent's ring-no-answers start at 0 in each of its queues (after recovery, and when it is configured).</summary>
    public static void AgentStarted(string node, AgentState agent) => AgentStarted(node, agent.Site, agent.Queues);

    private static void AgentStarted(string node, string site, IReadOnlyList<QueueId> queues)
    {
        foreach (var queue in queues)
            RingNoAnswers.Add(0, Queue(queue), new("site", site), Node(node));
    }

    /// <summary>What a queue's live event tells the metrics; <paramref name="before"/> is the state it changed.</summary>
    public static void QueueChanged(string node, QueueState before, IQueueChange change)
    {
        var queue = Queue(before.Id);
        switch (change)
        {
            case CallWaiting:
                Offered.Add(1, queue, Node(node));
                break;
            case CallLeftQueue left when before.WaitingById.TryGetValue(left.CallId, out var call):
                Left(node, before, left, call);
                break;
            case QueueConfigured configured:
                QueueStarted(node, before with { Definition = configured.Definition });
                break;
            case CallHandled handled:
                HandleTime.Record(handled.HandleSeconds, queue, Node(node));
                break;
        }
    }

    private static void Left(string node, QueueState before, CallLeftQueue left, WaitingCall call)
    {
        var queue = Queue(before.Id);
        var waited = Math.Max(0, (left.At - call.ArrivedAt).TotalSeconds);
        switch (left.Reason)
        {
            case CallRemovalReason.Answered:
                Answered.Add(1, queue, Node(node));
                SpeedOfAnswer.Record(waited, queue, Node(node));
                if (waited <= before.Definition.ServiceLevelSeconds)
                    AnsweredInServiceLevel.Add(1, queue, Node(node));
                break;
            case CallRemovalReason.Abandoned:
                Abandoned.Add(1, queue, new("where", "queue"), Node(node));
                if (waited <= ShortAbandonSeconds)
                    ShortAbandoned.Add(1, queue, Node(node));
                break;
            case CallRemovalReason.Overflowed:
                Overflowed.Add(1, queue, new("to", left.MovedTo?.Value ?? ""), Node(node));
                break;
        }
    }

    /// <summary>A caller who hung up before the flow put them in a queue.</summary>
    public static void AbandonedInIvr(string node) => Abandoned.Add(1, new("where", "ivr"), Node(node));

    /// <summary>What an agent's live event tells the metrics; <paramref name="before"/> is the state it changed.</summary>
    public static void AgentChanged(string node, AgentState before, IAgentEvent change)
    {
        if (change is AgentConfigured configured)
            AgentStarted(node, configured.Site, configured.Queues);
        if (change is AgentMissedOffer { Reason: Definition.NotReadyReasonCodes.NoAnswer })
            RingNoAnswers.Add(1, new("queue", before.Call?.QueueId.Value ?? ""), new("site", before.Site), Node(node));
    }

    /// <summary>A span of the call's trace around the queue's decision on <paramref name="enqueue"/>; null without a trace or a listener.</summary>
    public static Activity? StartEnqueue(EnqueueCall enqueue) =>
        enqueue.TraceParent is { } traceParent && ActivityContext.TryParse(traceParent, null, out var parent)
            ? Source.StartActivity("queue.enqueue", ActivityKind.Consumer, parent,
                [new("callcenter.call.id", enqueue.CallId.Value), new("callcenter.queue", enqueue.QueueId.Value)])
            : null;

    public static void RecordDecision(QueueId queue, string node, TimeSpan elapsed) =>
        DecisionDuration.Record(elapsed.TotalSeconds, Queue(queue), Node(node));

    /// <summary>The queue entity's state as of now, for the gauges (an immutable record: read on the collector's thread).</summary>
    public static void Publish(IActorRef queue, string node, QueueState state, IScheduler clock) =>
        Queues[queue] = new QueueReading(node, state, clock);

    public static void Publish(IActorRef agent, string node, AgentState state) => Agents[agent] = new AgentReading(node, state);

    /// <summary>The entity stopped (passivated, or its node hands it over): its gauges go with it.</summary>
    public static void Withdraw(IActorRef entity)
    {
        Queues.TryRemove(entity, out _);
        Agents.TryRemove(entity, out _);
    }

    private static IEnumerable<Measurement<long>> ObserveWaiting() =>
        Queues.Values.Where(r => r.State.Configured).Select(r =>
            new Measurement<long>(r.State.Waiting.Count, Queue(r.State.Id), Node(r.Node)));

    private static IEnumerable<Measurement<double>> ObserveLongestWait() =>
        Queues.Values.Where(r => r.State.Configured).Select(r =>
        {
            var now = r.Clock.Now;
            var longest = r.State.Waiting.Count == 0 ? 0 : r.State.Waiting.Max(w => Math.Max(0, (now - w.ArrivedAt).TotalSeconds));
            return new Measurement<double>(longest, Queue(r.State.Id), Node(r.Node));
        });

    /// <summary>Every state of every (queue, site) with an agent, zeros included: "no agent ready" is a series at 0, not a missing one.</summary>
    private static IEnumerable<Measurement<long>> ObserveAgents() =>
        Agents.Values.Where(r => r.State.Configured)
            .SelectMany(r => r.State.Queues.Select(q => (r.Node, Queue: q.Value, r.State.Site, r.State.Status)))
            .GroupBy(a => (a.Node, a.Queue, a.Site))
            .SelectMany(g => Enum.GetValues<AgentStatus>().Select(status => new Measurement<long>(g.Count(a => a.Status == status),
                new("queue", g.Key.Queue), new("site", g.Key.Site), new("state", StateName(status)), Node(g.Key.Node))));

    private static string StateName(AgentStatus status) => status switch
    {
        AgentStatus.LoggedOut => "logged_out",
        AgentStatus.NotReady => "not_ready",
        AgentStatus.Ready => "ready",
        AgentStatus.Reserved => "reserved",
        AgentStatus.OnCall => "on_call",
        AgentStatus.WrapUp => "wrap_up",
        _ => status.ToString(),
    };
}
