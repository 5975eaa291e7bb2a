using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using CallCenter.Actors.Telemetry;

namespace CallCenter.Actors.Entities;

/// <summary>
/// What every entity does with a decision: persist its events in order, evolve its state, then
/// send its messages to other entities and the reply to whoever asked. Messages go out only after
/// the events are stored, so no other entity hears of something a crash could forget.
/// </summary>
public abstract class EntityActor<TState, TChange> : ReceivePersistentActor, IWithTimers
{
    private int _eventsSinceSnapshot;
    private readonly Queue<Outcome> _outcomes = new();

    /// <summary>Set by <see cref="StopEntity"/> while decisions are still being stored: the entity stops once they are out.</summary>
    private bool _stopping;

    /// <summary>The message being handled: a decision remembers the command it came from (see <see cref="HandBackUnstored"/>).</summary>
    private object? _handling;

    protected EntityActor(string persistenceId, TState initial, EntityRouter router)
    {
        PersistenceId = persistenceId;
        Kind = persistenceId[..Math.Max(0, persistenceId.IndexOf('-'))];
        Node = TelemetryNode.Of(Context.System);
        State = initial;
        Router = router;
        Recover<SnapshotOffer>(offer => State = FromSnapshot(offer.Snapshot));
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Command<StopEntity>(_ => StopOnceOut());
        Command<SaveSnapshotSuccess>(_ => { });
        // Replies to commands one entity sent another (a hang-up, say): the outcome arrives as its own message.
        Command<CommandAccepted>(_ => { });
        Command<CommandRejected>(r => Context.GetLogger().Debug("{0} refused: {1}", r.EntityId, r.Reason));
        Command<SaveSnapshotFailure>(f => Context.GetLogger().Warning(f.Cause, "Snapshot of {0} failed", PersistenceId));
    }

    public override string PersistenceId { get; }

    public ITimerScheduler Timers { get; set; } = null!;

    protected TState State { get; private set; }

    protected EntityRouter Router { get; }

    /// <summary>Events between snapshots; each kind names its own.</summary>
    protected abstract int SnapshotEvery { get; }

    protected DateTimeOffset Now => Context.System.Scheduler.Now;

    /// <summary>The entity's kind (call, queue, agent): its persistence id's prefix.</summary>
    protected string Kind { get; }

    /// <summary>The node attribute of the entity's measurements (see <see cref="TelemetryNode"/>).</summary>
    protected string Node { get; }

    protected abstract TState Apply(TState state, TChange change);

    protected abstract object ToSnapshot(TState state);

    protected abstract TState FromSnapshot(object snapshot);

    /// <summary>Changes that are not events (a queue's index of available agents) are applied but not stored.</summary>
    protected virtual bool IsStored(TChange change) => change is IProtocolMessage;

    /// <summary>Called after recovery and as soon as a decision is applied: (re)arm timers from the state.</summary>
    protected virtual void AfterChange()
    {
    }

    /// <summary>
    /// What to tell the outside world about the state right after a decision (a desktop's view of
    /// the agent, say); published once that decision's events are stored. Null: nothing to tell.
    /// </summary>
    protected virtual object? Notification() => null;

    protected virtual void OnRecovered() => AfterChange();

    /// <summary>
    /// Tells the metrics about one change of a live decision, with the state it changed (<see cref="State"/> is the
    /// state after). Never called for the events recovery replays: a figure is counted once, when it happens.
    /// </summary>
    protected virtual void Observe(TState before, TChange change)
    {
    }

    protected void RecoverEvents<TEvent>() where TEvent : TChange => Recover<TEvent>(e => State = Apply(State, e));

    /// <summary>
    /// Applies the decision to the state at once, so the next command is decided on it, and stores
    /// its events asynchronously, so the journal can batch one entity's writes. The decision's
    /// messages and reply leave only once its events are stored and every earlier outcome has
    /// left: nothing overtakes an unstored fact. If a write fails, Akka stops the entity and it
    /// recovers what was really stored; the commands whose decisions were not stored are handed
    /// back to be delivered again (<see cref="EntityRedelivery"/>).
    /// </summary>
    /// <remarks>
    /// The ordering is our own queue rather than Akka's <c>DeferAsync</c>: Akka.Persistence.Sql 1.5.73
    /// fails a write batch that holds only deferred entries ("Sequence contains no elements"), and
    /// ten such failures open the journal's circuit breaker for every entity of the node.
    /// </remarks>
    protected void Execute(Decision<TChange> decision)
    {
        var sender = Sender;
        var command = _handling as IProtocolMessage;
        var stored = new List<TChange>(decision.Events.Count);
        foreach (var change in decision.Events)
        {
            var before = State;
            State = Apply(State, change);
            Observe(before, change);
            if (IsStored(change))
                stored.Add(change);
        }
        AfterChange();
        var notification = stored.Count > 0 ? Notification() : null;
        var outcome = After(() => Complete(decision, sender, notification), stored: stored.Count == 0);
        outcome.Command = command;
        outcome.Sender = sender;
        outcome.Writes = stored.Count > 0;
        if (stored.Count == 0)
            return;
        var written = 0;
        var started = Stopwatch.GetTimestamp();
        PersistAllAsync(stored, _ =>
        {
            _eventsSinceSnapshot++;
            if (++written < stored.Count)
                return;
            PersistenceTelemetry.RecordWrite(Kind, Node, Stopwatch.GetElapsedTime(started));
            outcome.Stored = true;
            RunStoredOutcomes();
        });
    }

    /// <summary>
    /// Answers a query with the state as of now, delivered once every event it reflects is stored:
    /// nobody is shown something a crash could still take back.
    /// </summary>
    protected void Answer(object view)
    {
        var sender = Sender;
        After(() => sender.Tell(view), stored: true);
    }

    /// <summary>Runs <paramref name="run"/> now if nothing is waiting to be stored, else in turn after the rest.</summary>
    private Outcome After(Action run, bool stored)
    {
        var outcome = new Outcome(run) { Stored = stored };
        if (stored && _outcomes.Count == 0)
        {
            run();
            return outcome;
        }
        _outcomes.Enqueue(outcome);
        return outcome;
    }

    private void RunStoredOutcomes()
    {
        while (_outcomes.TryPeek(out var next) && next.Stored)
        {
            _outcomes.Dequeue();
            next.Run();
        }
        if (_stopping)
            StopOnceOut();
    }

    /// <summary>
    /// Stops now if every decision is out, else once the last one is: a decision whose events are stored must still
    /// send its messages and publish its view (see <see cref="StopEntity"/>).
    /// </summary>
    private void StopOnceOut()
    {
        _stopping = true;
        if (_outcomes.Count == 0)
            Context.Stop(Self);
    }

    private sealed class Outcome(Action run)
    {
        public Action Run { get; } = run;
        public bool Stored { get; set; }

        /// <summary>The command the decision answered (none for a query or a timer), and who sent it.</summary>
        public IProtocolMessage? Command { get; set; }

        public IActorRef Sender { get; set; } = ActorRefs.Nobody;

        /// <summary>Whether the decision had events to store.</summary>
        public bool Writes { get; set; }
    }

    private void Complete(Decision<TChange> decision, IActorRef sender, object? notification)
    {
        foreach (var message in decision.Messages)
            Send(message);
        if (decision.Reply is { } reply && !sender.IsNobody())
            sender.Tell(reply);
        // Only with nothing in flight is the state exactly what the journal holds up to LastSequenceNr.
        if (_outcomes.Count == 0 && _eventsSinceSnapshot >= SnapshotEvery)
        {
            SaveSnapshot(ToSnapshot(State));
            _eventsSinceSnapshot = 0;
        }
        if (notification is not null)
            Context.System.EventStream.Publish(notification);
    }

    protected override void PreStart()
    {
        PersistenceTelemetry.Started(Kind, Node);
        base.PreStart();
    }

    protected override bool AroundReceive(Receive receive, object message)
    {
        _handling = message;
        return base.AroundReceive(receive, message);
    }

    /// <summary>Akka stops the entity after this (the database is down, say): its unstored commands are handed back.</summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        PersistenceTelemetry.RecordFailure(Kind, Node, "failure");
        base.OnPersistFailure(cause, @event, sequenceNr);
        HandBackUnstored();
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        PersistenceTelemetry.RecordFailure(Kind, Node, "rejected");
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    /// <summary>
    /// The commands whose decisions never reached the journal, published as <see cref="Undelivered"/>: the node's
    /// <see cref="EntityRedelivery"/> sends them again, to the entity restarted with what the journal really holds,
    /// so that another entity's message (a call to queue, a hang-up) is not lost with a failed write. Decisions stored
    /// behind a failed one are not (the restarted entity recovers their events); those with nothing to store are.
    /// </summary>
    private void HandBackUnstored()
    {
        foreach (var outcome in _outcomes.Where(o => (!o.Stored || !o.Writes) && o.Command is not null))
            Context.System.EventStream.Publish(new Undelivered(outcome.Command!, outcome.Sender));
        _outcomes.Clear();
    }

    /// <summary>Delivers one of a decision's messages (to another entity or a gateway); an entity may carry out some itself.</summary>
    protected virtual void Send(IProtocolMessage message) => Router.Tell(message, Self);

    /// <summary>Asks the shard (or local host) to stop this entity once it has nothing left to do.</summary>
    protected void Passivate() => Context.Parent.Tell(new Passivate(StopEntity.Instance));
}
