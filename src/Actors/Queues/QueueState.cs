using System.Collections.Immutable;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Routing;

namespace CallCenter.Actors.Queues;

/// <summary>
/// One queue's waiting calls, figures and index of available agents, and the routing decisions
/// taken over them. Pure: <see cref="Process"/> and <see cref="Tick"/> decide, <see cref="Apply"/> evolves.
/// </summary>
public sealed partial record QueueState(
    QueueId Id,
    bool Configured,
    QueueDefinition Definition,
    IReadOnlyList<AgentId> Members,
    ImmutableDictionary<CallId, WaitingCall> WaitingById,
    ImmutableSortedSet<WaitingCall> Waiting,
    QueueFigures Figures,
    long NextSequence,
    AvailableAgents Available,
    ImmutableHashSet<AgentId> Staffed,
    long OfferCounter,
    ImmutableDictionary<AgentId, long> LastOffered)
{
    /// <summary>An offer with no answer from the agent for this long past its ring timeout is asked again.</summary>
    public static readonly TimeSpan OfferReplyGrace = TimeSpan.FromSeconds(5);

    /// <summary>Assumed handle time for the estimated wait until the queue has handled a call.</summary>
    public const double DefaultHandleSeconds = 180;

    public static QueueState Initial(QueueId id) => new(
        id, Configured: false, QueueDefinition.Named(id.Value), [],
        ImmutableDictionary<CallId, WaitingCall>.Empty, ImmutableSortedSet.Create(WaitingCall.Order),
        QueueFigures.Zero, NextSequence: 0, AvailableAgents.Empty(RoutingStrategy.LongestIdle),
        ImmutableHashSet<AgentId>.Empty, OfferCounter: 0, ImmutableDictionary<AgentId, long>.Empty);

    private string EntityId => Id.Value;

    public Decision<IQueueChange> Process(IQueueCommand command, DateTimeOffset now) => command switch
    {
        ConfigureQueue c => Configure(c),
        EnqueueCall c => Enqueue(c, now),
        AgentAvailable c => IndexAgent(c, now),
        AgentUnavailable c => Available.Contains(c.AgentId) || Staffed.Contains(c.AgentId)
            ? new Decision<IQueueChange>([new AgentUnindexed(c.AgentId, c.Busy)], [], null)
            : Decision<IQueueChange>.Nothing,
        ReservationAccepted c => Accepted(c),
        ReservationDeclined c => OfferCancelled(c.CallId, c.AgentId, c.Reason, now),
        OfferFailed c => Failed(c, now),
        // Not when the queue holds the call for a later stay: that stay is not answered yet.
        CallAnswered c => WaitingById.TryGetValue(c.CallId, out var held) && held.Transfers > c.Transfers
            ? Decision<IQueueChange>.Nothing
            : Leave(c.CallId, CallRemovalReason.Answered, c.At, c.AgentId, movedTo: null),
        CallAbandoned c => Leave(c.CallId, c.Exited ? CallRemovalReason.Exited : CallRemovalReason.Abandoned, c.At, agent: null, movedTo: null),
        CallCompleted c => new Decision<IQueueChange>([new CallHandled(c.CallId, c.HandleSeconds)], [], null),
        _ => Decision<IQueueChange>.Reject(EntityId, $"unsupported command {command.GetType().Name}"),
    };

    private Decision<IQueueChange> Configure(ConfigureQueue c)
    {
        if (Configured && SameDefinition(Definition, c.Definition) && Members.SequenceEqual(c.Members))
            return Decision<IQueueChange>.Accept(EntityId);
        var asked = c.Members.Except(Configured ? Members : []).Select(a => (IProtocolMessage)new RequestAvailability(a, Id)).ToList();
        return Decision<IQueueChange>.Accept(EntityId, [new QueueConfigured(c.Definition, c.Members)], asked);
    }

    /// <summary>Asks every member agent to say whether it is available: how the index is rebuilt after recovery.</summary>
    public IReadOnlyList<IProtocolMessage> RebuildIndex() =>
        Members.Select(a => (IProtocolMessage)new RequestAvailability(a, Id)).ToList();

    private Decision<IQueueChange> Enqueue(EnqueueCall c, DateTimeOffset now)
    {
        if (WaitingById.TryGetValue(c.CallId, out var already))
        {
            // Transferred here while an overflow (of its earlier stay) here was on its way: it waits on, for the later stay.
            if (c.Transfers > already.Transfers)
            {
                var renewed = new CallStayRenewed(c.CallId, c.Transfers);
                var next = Apply(renewed);
                return new Decision<IQueueChange>([renewed], [new CallQueued(c.CallId, Id, next.Position(next.WaitingById[c.CallId]), now, c.Transfers)], null);
            }
            return Decision<IQueueChange>.Send(new CallQueued(c.CallId, Id, Position(already), now, already.Transfers));
        }
        if (!Configured)
            return Decision<IQueueChange>.Send(new CallRefused(c.CallId, Id, $"no queue named '{Id}'", now, c.Transfers));
        if (Definition.MaxWaitingCalls is { } max && WaitingById.Count >= max)
            return Redirect(c, now, "queue is full");
        var waiting = new CallWaiting(c.CallId, c.Priority, c.RequiredSkills, c.ArrivedAt, now, c.NeedsPhone, c.Transfers, c.OnlyAgent);
        var state = Apply(waiting);
        var (events, messages) = state.Match(now, [waiting], []);
        var queued = new CallQueued(c.CallId, Id, state.Position(state.WaitingById[c.CallId]), now, c.Transfers);
        return new Decision<IQueueChange>(events, [queued, .. messages], null);
    }

    /// <summary>
    /// The call cannot stay: send it to the queue's configured destination keeping its arrival time,
    /// or, when there is none, refuse it (the call ends).
    /// </summary>
    private Decision<IQueueChange> Redirect(EnqueueCall call, DateTimeOffset now, string why)
    {
        var destination = Definition.WhenFullOrTooLong is { } d && d != Id.Value ? new QueueId(d) : null;
        var reason = destination is null ? CallRemovalReason.Refused : CallRemovalReason.Overflowed;
        var left = new CallLeftQueue(call.CallId, reason, now, AgentId: null, MovedTo: destination);
        IProtocolMessage message = destination is null
            ? new CallRefused(call.CallId, Id, why, now, call.Transfers)
            // Sent on by a rule, a call transferred to a named agent is for any agent there (see WaitingCall.MoveTo).
            : call with { QueueId = destination, OnlyAgent = null };
        return new Decision<IQueueChange>([left], [message], null);
    }

    private Decision<IQueueChange> IndexAgent(AgentAvailable c, DateTimeOffset now)
    {
        if (!Members.Contains(c.AgentId))
            return Decision<IQueueChange>.Nothing;
        var indexed = new AgentIndexed(new AvailableAgent(c.AgentId, c.Skills, c.IdleSince, c.CallsHandled,
            SkillScore(c.Skills), LastOffered.GetValueOrDefault(c.AgentId), c.HasPhone));
        var (events, messages) = Apply(indexed).Match(now, [indexed], []);
        return new Decision<IQueueChange>(events, messages, null);
    }

    private Decision<IQueueChange> Accepted(ReservationAccepted c)
    {
        // The agent is held: a word that it was available, sent before it took this reservation but come after the
        // offer (it was freed of another queue's call meanwhile), is out of date. It says so again once free.
        IReadOnlyList<IQueueChange> unindex = Available.Contains(c.AgentId) ? [new AgentUnindexed(c.AgentId, StillStaffed: true)] : [];
        // Accepted for an earlier stay of the call (a repeated request from before it was answered and transferred back
        // here, reaching the agent once free): not this stay's offer, which the agent answers on its own.
        if (WaitingById.TryGetValue(c.CallId, out var call) && call.OfferedTo == c.AgentId && (c.Reservation == 0 || c.Transfers == call.Transfers))
            return new Decision<IQueueChange>(unindex,
                [new CallOffered(c.CallId, c.AgentId, Id, call.OfferedAt ?? default, c.Phone, call.Transfers, c.Reservation)], null);
        // The call left (or was offered elsewhere) while the agent was reserving: free the agent, unless
        // it already answered (a late or repeated acceptance must not free an agent who is talking).
        return new Decision<IQueueChange>(unindex, [new ReleaseReservation(c.AgentId, c.CallId, Id, c.Reservation)], null);
    }

    private Decision<IQueueChange> OfferCancelled(CallId callId, AgentId agent, string reason, DateTimeOffset now)
    {
        var unindex = new AgentUnindexed(agent, StillStaffed: false);
        if (!WaitingById.TryGetValue(callId, out var call) || call.OfferedTo != agent)
            return new Decision<IQueueChange>([unindex], [], null);
        var cancelled = new CallOfferCancelled(callId, agent, reason);
        var (events, messages) = Apply(unindex).Apply(cancelled).Match(now, [unindex, cancelled], []);
        // Told even of a declined reservation: a late acceptance of an earlier request for the same
        // call may already have made the call "offered" to this agent (the call ignores it otherwise).
        messages.Insert(0, new OfferWithdrawn(callId, agent, Id, reason, now));
        return new Decision<IQueueChange>(events, messages, null);
    }

    /// <summary>
    /// An offer failed: cancelled, and the agent asked again whether it is available. A failure the call reports (the
    /// agent hung up before the call heard its answer) frees the agent, whose word that it is ready may arrive before
    /// this one unindexes it; an agent that missed the offer itself is not ready and does not answer.
    /// </summary>
    private Decision<IQueueChange> Failed(OfferFailed c, DateTimeOffset now)
    {
        var cancelled = OfferCancelled(c.CallId, c.AgentId, c.Reason, now);
        return cancelled with { Messages = [.. cancelled.Messages, new RequestAvailability(c.AgentId, Id)] };
    }

    private Decision<IQueueChange> Leave(CallId callId, CallRemovalReason reason, DateTimeOffset at, AgentId? agent, QueueId? movedTo) =>
        WaitingById.ContainsKey(callId)
            ? new Decision<IQueueChange>([new CallLeftQueue(callId, reason, at, agent, movedTo)], [], null)
            : Decision<IQueueChange>.Nothing;

    /// <summary>
    /// Periodic duties: overflow rules and maximum wait for calls not being offered, a nudge for
    /// offers the agent never answered, then routing with whatever changed.
    /// </summary>
    public Decision<IQueueChange> Tick(DateTimeOffset now)
    {
        var events = new List<IQueueChange>();
        var messages = new List<IProtocolMessage>();
        var state = this;
        foreach (var call in Waiting)
        {
            if (call.OfferedTo is { } agent)
            {
                if (call.OfferedAt is { } at && now - at > TimeSpan.FromSeconds(Definition.RingTimeoutSeconds) + OfferReplyGrace)
                    messages.Add(Reserve(agent, call));
                continue;
            }
            var waited = (now - call.EnqueuedAt).TotalSeconds;
            if (Definition.MaxWaitSeconds is { } maxWait && waited >= maxWait)
            {
                var redirect = state.Redirect(call.MoveTo(Id), now, "waited too long");
                state = state.Record(redirect, events, messages);
                continue;
            }
            var rules = Definition.Overflow;
            for (var i = call.RulesApplied; i < rules.Count && waited >= rules[i].AfterSeconds; i++)
            {
                if (rules[i].MoveToQueue is { } target && target != Id.Value)
                {
                    var left = new CallLeftQueue(call.CallId, CallRemovalReason.Overflowed, now, null, new QueueId(target));
                    state = state.Record(new Decision<IQueueChange>([left],
                        [call.MoveTo(new QueueId(target))], null), events, messages);
                    break;
                }
                var widened = new CallRequirementWidened(call.CallId, i, rules[i].MinProficiency ?? AgentDefinition.MinProficiency);
                state = state.Record(new Decision<IQueueChange>([widened], [], null), events, messages);
            }
        }
        var (matched, offers) = state.Match(now, events, messages);
        return new Decision<IQueueChange>(matched, offers, null);
    }

    private QueueState Record(Decision<IQueueChange> d, List<IQueueChange> events, List<IProtocolMessage> messages)
    {
        events.AddRange(d.Events);
        messages.AddRange(d.Messages);
        return d.Events.Aggregate(this, (s, e) => s.Apply(e));
    }

    /// <summary>
    /// Pairs waiting calls (in order) with available agents (in the strategy's order), recording an
    /// offer for each pair and asking the agent to reserve. Returns the changes so far plus the new ones.
    /// </summary>
    private (List<IQueueChange> Events, List<IProtocolMessage> Messages) Match(
        DateTimeOffset now, IEnumerable<IQueueChange> before, IEnumerable<IProtocolMessage> sent)
    {
        var events = before.ToList();
        var messages = sent.ToList();
        var state = this;
        foreach (var call in Waiting)
        {
            if (state.Available.Count == 0)
                break;
            if (call.OfferedTo is not null || !state.WaitingById.ContainsKey(call.CallId))
                continue;
            if (state.Available.Pick(call.RequiredSkills, call.WidenedTo, call.NeedsPhone, call.OnlyAgent) is not { } agent)
                continue;
            var pending = new CallOfferPending(call.CallId, agent.AgentId, now);
            events.Add(pending);
            messages.Add(Reserve(agent.AgentId, call));
            state = state.Apply(pending);
        }
        return (events, messages);
    }

    private ReserveAgent Reserve(AgentId agent, WaitingCall call) => new(agent, call.CallId, Id,
        Definition.RingTimeoutSeconds, Definition.WrapUpSeconds, Definition.AutoReadyAfterWrapUp, call.NeedsPhone, call.Transfers);

    private int SkillScore(IReadOnlyDictionary<string, int> skills) => Definition.RequiredSkills.Count == 0
        ? skills.Values.DefaultIfEmpty(0).Max()
        : Definition.RequiredSkills.Keys.Sum(s => skills.GetValueOrDefault(s));

    private int Position(WaitingCall call) => Waiting.IndexOf(call) + 1;

    private static bool SameDefinition(QueueDefinition a, QueueDefinition b) =>
        a with { RequiredSkills = b.RequiredSkills, Overflow = b.Overflow } == b
        && a.RequiredSkills.Count == b.RequiredSkills.Count
        && a.RequiredSkills.All(kv => b.RequiredSkills.TryGetValue(kv.Key, out var v) && v == kv.Value)
        && a.Overflow.SequenceEqual(b.Overflow);
}
