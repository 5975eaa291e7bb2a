using Akka.Actor;
using Akka.Persistence;
using CallCenter.Actors.Entities;

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

    private sealed record Linger;

    public CallActor(CallId id, EntityRouter router) : base($"call-{id.Value}", CallState.Initial(id), router)
    {
        RecoverEvents<ICallEvent>();
        Command<GetCall>(_ => Answer(State.ToView()));
        Command<ICallMessage>(c => Execute(State.Process(c, Now)));
        Command<Linger>(_ => Passivate());
    }

    public static Props Props(string id, EntityRouter router) => Akka.Actor.Props.Create(typeof(CallActor), new CallId(id), router);

    protected override int SnapshotEvery => SnapshotInterval;

    public override Recovery Recovery { get; } = new(SnapshotSelectionCriteria.None);

    protected override CallState Apply(CallState state, ICallEvent change) => state.Apply(change);

    protected override object ToSnapshot(CallState state) => state;

    protected override CallState FromSnapshot(object snapshot) => (CallState)snapshot;

    protected override void AfterChange()
    {
        if (State.Status is CallStatus.Ended or CallStatus.Unknown)
            Timers.StartSingleTimer(nameof(Linger), new Linger(), LingerAfterEnd);
        else
            Timers.Cancel(nameof(Linger));
    }
}
