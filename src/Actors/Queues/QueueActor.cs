using System.Diagnostics;
using Akka.Actor;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Telemetry;

namespace CallCenter.Actors.Queues;

/// <summary>One queue's entity: persists waiting calls and offers, routes on every change and once a second.</summary>
public sealed class QueueActor : EntityActor<QueueState, IQueueChange>
{
    /// <summary>A busy queue writes ~4 events per call: a snapshot every 500 bounds recovery to a few hundred events.</summary>
    public const int SnapshotInterval = 500;

    /// <summary>Overflow rules and maximum waits are whole seconds: checking once a second is exact enough.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(1);

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    public QueueActor(QueueId id, EntityRouter router) : base($"queue-{id.Value}", QueueState.Initial(id), router)
    {
        RecoverEvents<IQueueEvent>();
        Command<GetQueue>(_ => Answer(State.ToView(Now)));
        Command<GetCallPosition>(q => Answer(State.PositionOf(q.CallId)));
        Command<EnqueueCall>(c =>
        {
            // The routing decision on a call's arrival is a span of the call's trace.
            using var span = RoutingTelemetry.StartEnqueue(c);
            Execute(Timed(() => State.Process(c, Now)));
        });
        Command<IQueueCommand>(c => Execute(Timed(() => State.Process(c, Now))));
        Command<Tick>(_ => Execute(State.Tick(Now)));
    }

    public static Props Props(string id, EntityRouter router) => Akka.Actor.Props.Create(typeof(QueueActor), new QueueId(id), router);

    protected override int SnapshotEvery => SnapshotInterval;

    protected override QueueState Apply(QueueState state, IQueueChange change) => state.Apply(change);

    protected override object ToSnapshot(QueueState state) => state.ToSnapshot();

    protected override QueueState FromSnapshot(object snapshot) => QueueState.FromSnapshot(State.Id, (QueueSnapshot)snapshot);

    /// <summary>A routing decision, timed for <c>callcenter.routing.decision.duration</c>.</summary>
    private Decision<IQueueChange> Timed(Func<Decision<IQueueChange>> decide)
    {
        var started = Stopwatch.GetTimestamp();
        var decision = decide();
        RoutingTelemetry.RecordDecision(State.Id, Node, Stopwatch.GetElapsedTime(started));
        return decision;
    }

    protected override void Observe(QueueState before, IQueueChange change) => RoutingTelemetry.QueueChanged(Node, before, change);

    /// <summary>The gauges read the latest state: published after every change and after recovery.</summary>
    protected override void AfterChange() => RoutingTelemetry.Publish(Self, Node, State, Context.System.Scheduler);

    protected override void PostStop()
    {
        RoutingTelemetry.Withdraw(Self);
        base.PostStop();
    }

    protected override void OnRecovered()
    {
        RoutingTelemetry.QueueStarted(Node, State);
        AfterChange();
        // The index of available agents is not stored: ask every member agent again.
        foreach (var message in State.RebuildIndex())
            Router.Tell(message, Self);
        Timers.StartPeriodicTimer(nameof(Tick), Tick.Instance, TickInterval);
    }
}
