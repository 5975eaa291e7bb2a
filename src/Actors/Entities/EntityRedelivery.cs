using Akka.Actor;
using Akka.Event;
using CallCenter.Actors.Calls;

namespace CallCenter.Actors.Entities;

/// <summary>
/// A message for an entity that the entity did not act on because it stopped: its write to the journal failed (see
/// <see cref="EntityActor{TState,TChange}"/>). Published on the node's event stream, never sent across the network.
/// </summary>
public sealed record Undelivered(IProtocolMessage Message, IActorRef Sender);

/// <summary>
/// Gives an entity back the messages it went down with. Akka stops a persistent actor whose write fails (the database
/// restarting, say): the messages still in its mailbox become dead letters, and the command it was deciding is lost
/// with its unstored events. One entity's message to another (a call's <c>EnqueueCall</c>, a queue's offer, an agent's
/// hang-up) would be lost for good, and a waiting call forgotten by its queue. This actor takes those messages back —
/// dead letters, messages a region dropped while handing a shard over, and <see cref="Undelivered"/> — and sends them
/// to their entity again through its region after <see cref="RetryDelay"/>, which restarts the entity from the journal.
/// A message asked for (its sender a temporary actor: the API, a test) is not sent again: the asker has already timed
/// out and answered for it (a 503), and must not see it happen later.
/// </summary>
public sealed class EntityRedelivery : ReceiveActor, IWithTimers
{
    /// <summary>Long enough for the entity to have stopped and its shard to start it again; short against a caller's wait.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Tries per message (one a <see cref="RetryDelay"/>): rides out a database down for half a minute.</summary>
    public const int MaxAttempts = 30;

    /// <summary>How long a message's count of tries is kept after its last try.</summary>
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(2);

    private readonly EntityRouter _router;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Tries so far, by message instance: a message dead-lettered again here is the same object.</summary>
    private readonly Dictionary<object, (int Attempts, DateTimeOffset Last)> _attempts = new(ReferenceEqualityComparer.Instance);

    private long _scheduled;

    private sealed record Redeliver(IProtocolMessage Message, IActorRef Sender);

    public ITimerScheduler Timers { get; set; } = null!;

    public EntityRedelivery(EntityRouter router)
    {
        _router = router;
        Receive<DeadLetter>(d => Schedule(d.Message, d.Sender));
        Receive<Dropped>(d => Schedule(d.Message, d.Sender));
        Receive<Undelivered>(u => Schedule(u.Message, u.Sender));
        Receive<Redeliver>(r => _router.Tell(r.Message, r.Sender));
    }

    public static Props Props(EntityRouter router) => Akka.Actor.Props.Create(() => new EntityRedelivery(router));

    /// <summary>Whether a lost message is one to send again: for an entity (not a gateway), and not asked for.</summary>
    public static bool IsRedelivered(object message, IActorRef sender) =>
        message is ICallMessage or IAgentMessage or IQueueMessage
        && message is not IGatewayMessage
        && !IsAsker(sender);

    private static bool IsAsker(IActorRef sender) => !sender.IsNobody() && sender.Path.Elements is ["temp", ..];

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
        Context.System.EventStream.Subscribe(Self, typeof(Dropped));
        Context.System.EventStream.Subscribe(Self, typeof(Undelivered));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void Schedule(object message, IActorRef sender)
    {
        if (!IsRedelivered(message, sender))
            return;
        var now = Context.System.Scheduler.Now;
        foreach (var stale in _attempts.Where(a => now - a.Value.Last > Forget).Select(a => a.Key).ToList())
            _attempts.Remove(stale);
        var attempts = _attempts.TryGetValue(message, out var seen) ? seen.Attempts + 1 : 1;
        if (attempts > MaxAttempts)
        {
            _attempts.Remove(message);
            _log.Warning("Gave up delivering {0} after {1} tries: its entity did not take it", message.GetType().Name, MaxAttempts);
            return;
        }
        _attempts[message] = (attempts, now);
        if (attempts == 1)
            _log.Info("{0} was not taken by its entity (stopped?): sending it again in {1} ms", message.GetType().Name, RetryDelay.TotalMilliseconds);
        Timers.StartSingleTimer(++_scheduled, new Redeliver((IProtocolMessage)message, sender), RetryDelay);
    }
}
