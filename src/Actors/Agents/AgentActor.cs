using Akka.Actor;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Telemetry;

namespace CallCenter.Actors.Agents;

/// <summary>One agent's entity: persists the agent's decisions and keeps its reservation, wrap-up and phone registration timers.</summary>
public sealed class AgentActor : EntityActor<AgentState, IAgentEvent>
{
    /// <summary>An agent changes state a few hundred times a day: a snapshot every 100 events keeps recovery to one read.</summary>
    public const int SnapshotInterval = 100;

    private sealed record ReservationTimeout(CallId CallId);

    private sealed record WrapUpTimeout;

    private sealed record PhoneRegistrationTimeout;

    private sealed record CheckCall;

    /// <summary>
    /// How often an agent on a call asks the call's entity about it. A call's entity that restarted after its
    /// node died (calls are not remembered) wakes up on that question and checks its own legs; an end the
    /// agent never heard of is learnt from the answer.
    /// </summary>
    public static readonly TimeSpan CallCheckInterval = TimeSpan.FromSeconds(60);

    public AgentActor(AgentId id, EntityRouter router) : base($"agent-{id.Value}", AgentState.Initial(id), router)
    {
        RecoverEvents<IAgentEvent>();
        Command<GetAgent>(_ => Answer(State.ToView(Now)));
        Command<IAgentCommand>(c => Execute(State.Process(c, Now)));
        Command<ReservationTimeout>(t => Execute(State.ReservationExpired(t.CallId, Now)));
        Command<WrapUpTimeout>(_ => Execute(State.WrapUpElapsed(Now)));
        Command<PhoneRegistrationTimeout>(_ => Execute(State.PhoneExpired(Now)));
        Command<CheckCall>(_ =>
        {
            if (State is { Status: AgentStatus.OnCall, Call: { } call })
                Router.Tell(new GetCall(call.CallId), Self);
        });
        Command<Calls.CallView>(view => Execute(State.CallChecked(view, Now)));
    }

    public static Props Props(string id, EntityRouter router) => Akka.Actor.Props.Create(typeof(AgentActor), new AgentId(id), router);

    protected override int SnapshotEvery => SnapshotInterval;

    protected override AgentState Apply(AgentState state, IAgentEvent change) => state.Apply(change);

    protected override object ToSnapshot(AgentState state) => state;

    protected override AgentState FromSnapshot(object snapshot) => (AgentState)snapshot;

    protected override void Observe(AgentState before, IAgentEvent change) => RoutingTelemetry.AgentChanged(Node, before, change);

    protected override void OnRecovered()
    {
        RoutingTelemetry.AgentStarted(Node, State);
        foreach (var message in State.Restarted())
            Send(message);
        base.OnRecovered();
    }

    protected override void PostStop()
    {
        RoutingTelemetry.Withdraw(Self);
        base.PostStop();
    }

    protected override void AfterChange()
    {
        RoutingTelemetry.Publish(Self, Node, State);
        if (State is { Status: AgentStatus.Reserved, Call: { Connected: false } call })
            Timers.StartSingleTimer(nameof(ReservationTimeout), new ReservationTimeout(call.CallId), Until(call.ExpiresAt));
        else
            Timers.Cancel(nameof(ReservationTimeout));
        if (State is { Status: AgentStatus.WrapUp, WrapUpEndsAt: { } end })
            Timers.StartSingleTimer(nameof(WrapUpTimeout), new WrapUpTimeout(), Until(end));
        else
            Timers.Cancel(nameof(WrapUpTimeout));
        if (State.Status == AgentStatus.OnCall)
        {
            if (!Timers.IsTimerActive(nameof(CheckCall)))
                Timers.StartPeriodicTimer(nameof(CheckCall), new CheckCall(), CallCheckInterval);
        }
        else
        {
            Timers.Cancel(nameof(CheckCall));
        }

        if (State.Phone is { } phone)
            Timers.StartSingleTimer(nameof(PhoneRegistrationTimeout), new PhoneRegistrationTimeout(), Until(phone.ExpiresAt));
        else
            Timers.Cancel(nameof(PhoneRegistrationTimeout));
    }

    /// <summary>Desktops and benchmarks on this node follow agents through the event stream, one view per stored change.</summary>
    protected override object? Notification() => State.ToView(Now);

    private TimeSpan Until(DateTimeOffset at)
    {
        var delay = at - Now;
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }
}
