using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Queues;
using CallCenter.Actors.Telemetry;

namespace CallCenter.Actors.Calls;

/// <summary>One call's entity: persists the call's life and stops itself soon after the call ends.</summary>
public sealed class CallActor : EntityActor<CallState, ICallEvent>
{
    /// <summary>
    /// A call writes under ten events in its life: it never snapshots, and its recovery skips the
    /// snapshot store (one query fewer for every new call).
    /// </summary>
    public const int SnapshotInterval = int.MaxValue;

    /// <summary>How long an ended (or never started) call's entity stays up to answer late messages and queries.</summary>
    public static readonly TimeSpan LingerAfterEnd = TimeSpan.FromSeconds(10);

    /// <summary>How often a call with SIP legs asks its gateway whether it still holds them.</summary>
    public static readonly TimeSpan LegCheckInterval = TimeSpan.FromSeconds(30);

    /// <summary>Unanswered checks after which the gateway is taken for gone and the call is ended (its agent freed).</summary>
    public const int UnansweredLegChecksAllowed = 3;

    /// <summary>How long a holding caller's entity waits for its queue to say where the call is.</summary>
    public static readonly TimeSpan PositionTimeout = TimeSpan.FromSeconds(5);

    private readonly Func<ContactCenterDefinition> _definition;
    private int _unansweredChecks;
    private Told _told;
    private readonly CallTracing _tracing = new();

    /// <summary>What the outside world last heard of the call: calls are hot, so only these changes are told.</summary>
    private readonly record struct Told(bool Ended, string? Disposition, string? Notes, int Recordings)
    {
        public static Told Of(CallState state) =>
            new(state.Status == CallStatus.Ended, state.Disposition, state.DispositionNotes, state.Recordings?.Count ?? 0);
    }

    private sealed record Linger;

    private sealed record CheckLegsNow;

    private sealed record AnnounceNow;

    public CallActor(CallId id, EntityRouter router, Func<ContactCenterDefinition> definition)
        : base($"call-{id.Value}", CallState.Initial(id), router)
    {
        _definition = definition;
        RecoverEvents<ICallEvent>();
        Command<GetCall>(_ => Answer(State.ToView()));
        Command<AnnounceNow>(_ => AskPosition());
        Command<CallPosition>(p => Execute(State.Announce(p, _definition(), Now)));
        Command<Status.Failure>(_ => { }); // a position that did not come: the next announcement asks again
        Command<CheckLegsNow>(_ => CheckLegs());
        Command<LegsChecked>(c =>
        {
            _unansweredChecks = 0;
            if (!c.Held)
                EndForLostLegs("its gateway no longer holds its legs");
        });
        Command<ICallMessage>(c => Execute(State.Process(c, Now, _definition())));
        Command<Linger>(_ => Passivate());
    }

    public static Props Props(string id, EntityRouter router, Func<ContactCenterDefinition>? definition = null) =>
        Akka.Actor.Props.Create(typeof(CallActor), new CallId(id), router, definition ?? (() => ContactCenterDefinition.Empty));

    protected override int SnapshotEvery => SnapshotInterval;

    public override Recovery Recovery { get; } = new(SnapshotSelectionCriteria.None);

    protected override CallState Apply(CallState state, ICallEvent change) => state.Apply(change);

    protected override object ToSnapshot(CallState state) => state;

    protected override CallState FromSnapshot(object snapshot) => (CallState)snapshot;

    /// <summary>Queues count what happens to their calls (only a caller lost before any queue is counted by the call); the call makes its spans.</summary>
    protected override void Observe(CallState before, ICallEvent change)
    {
        if (change is CallEnded { Outcome: CallOutcome.AbandonedInIvr })
            RoutingTelemetry.AbandonedInIvr(Node);
        _tracing.Observe(before, change, State, Now);
    }

    protected override void AfterChange()
    {
        if (State.Status is CallStatus.Ended or CallStatus.Unknown)
        {
            Timers.StartSingleTimer(nameof(Linger), new Linger(), LingerAfterEnd);
            Timers.Cancel(nameof(CheckLegsNow));
            Timers.Cancel(nameof(AnnounceNow));
            return;
        }

        Timers.Cancel(nameof(Linger));
        if (State.Gateway is not null && !Timers.IsTimerActive(nameof(CheckLegsNow)))
            Timers.StartPeriodicTimer(nameof(CheckLegsNow), new CheckLegsNow(), LegCheckInterval);
        if (State.AnnounceEvery(_definition()) is not { } period)
            Timers.Cancel(nameof(AnnounceNow));
        else if (!Timers.IsTimerActive(nameof(AnnounceNow)))
            Timers.StartPeriodicTimer(nameof(AnnounceNow), new AnnounceNow(), period);
    }

    /// <summary>
    /// The call's view once it has ended, and again whenever its disposition or recordings change (the
    /// customer directory keeps the caller's history from these); nothing on the many events in between.
    /// </summary>
    protected override object? Notification()
    {
        var now = Told.Of(State);
        if (now == _told)
            return null;
        _told = now;
        return State.ToView();
    }

    /// <summary>An entity that restarted mid-flow (its node died, say) picks the caller up at the step they were in.</summary>
    protected override void OnRecovered()
    {
        _told = Told.Of(State);
        base.OnRecovered();
        foreach (var message in State.Resume(_definition()))
            Send(message);
    }

    /// <summary>A data dip is the call's own work; everything else goes to the entity or gateway it names.</summary>
    protected override void Send(IProtocolMessage message)
    {
        if (message is FetchFlowData fetch)
            FlowData.FetchAsync(fetch).PipeTo(Self);
        else
            base.Send(message);
    }

    private void AskPosition()
    {
        if (State is { Status: CallStatus.Queued, QueueId: { } queue })
            Router.Ask<CallPosition>(new GetCallPosition(queue, State.Id), PositionTimeout).PipeTo(Self);
    }

    /// <summary>
    /// Whatever SIP lost (a BYE, a whole gateway node), a call must not hold its agent for ever: the gateway is
    /// asked now and then whether it still has the call's legs, and a "no" or its silence ends the call.
    /// </summary>
    private void CheckLegs()
    {
        if (State.Gateway is not { } gateway || State.Status is CallStatus.Ended or CallStatus.Unknown)
            return;
        if (_unansweredChecks >= UnansweredLegChecksAllowed)
        {
            EndForLostLegs($"its gateway did not answer {_unansweredChecks} checks");
            return;
        }

        _unansweredChecks++;
        Router.Tell(new CheckLegs(gateway, State.Id), Self);
    }

    private void EndForLostLegs(string why)
    {
        if (State.Status is CallStatus.Ended or CallStatus.Unknown)
            return;
        using (CallLog.InTrace(State.TraceParent))
            CallLog.For(Context, State.Id).Warning("Call {0} ends: {1}", State.Id, why);
        Execute(State.Process(new HangUpCall(State.Id, CallParty.System), Now));
    }
}
