using System.Collections.Immutable;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Queues;
using CallCenter.Actors.Calls;

namespace CallCenter.Actors.Agents;

/// <summary>
/// The call an agent is reserved for, talking on, or wrapping up; <see cref="Reservation"/>: which of the agent's reservations
/// (0 when reserved before reservations were numbered), for which stay of the call in its queue (<see cref="Transfers"/>).
/// </summary>
public sealed record AgentCall(
    CallId CallId,
    QueueId QueueId,
    DateTimeOffset ExpiresAt,
    int WrapUpSeconds,
    bool AutoReadyAfterWrapUp,
    bool Connected,
    int Reservation = 0,
    int Transfers = 0)
{
    /// <summary>Whether a word about the agent's <paramref name="reservation"/> for this call is not about an earlier one.</summary>
    public bool Means(int reservation) => NotEarlier(reservation, Reservation);

    /// <summary>
    /// Whether a word about an agent's <paramref name="reservation"/> is not about an earlier one than
    /// <paramref name="known"/>: an agent numbers its reservations in order, and a word about a later one may arrive
    /// before the word that it was made (0 on either side: unknown, so yes).
    /// </summary>
    public static bool NotEarlier(int reservation, int known) => reservation == 0 || known == 0 || reservation >= known;
}

/// <summary>Where the agent's phone is registered, and until when.</summary>
public sealed record AgentPhone(string Contact, DateTimeOffset ExpiresAt);

/// <summary>
/// The truth about one agent, and the decisions it takes. Pure: <see cref="Process"/> decides,
/// <see cref="Apply"/> evolves; the actor only persists, sends and schedules.
/// </summary>
public sealed record AgentState(
    AgentId Id,
    bool Configured,
    string Name,
    string Site,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<QueueId> Queues,
    AgentStatus Status,
    string? Reason,
    DateTimeOffset StatusSince,
    AgentCall? Call,
    DateTimeOffset? WrapUpEndsAt,
    DateTimeOffset IdleSince,
    int CallsHandled,
    AgentPhone? Phone = null,
    bool OnHold = false,
    DateTimeOffset? FiguresDay = null,
    int CallsToday = 0,
    double HandleSecondsToday = 0,
    int Reservations = 0) : IProtocolMessage
{
    /// <summary>Reason set when an agent refuses an offered call.</summary>
    public const string RejectedReason = NotReadyReasonCodes.Rejected;

    /// <summary>Why a phone goes away when it says so itself (a REGISTER with expiry zero).</summary>
    public const string PhoneUnregisteredReason = "unregistered";

    /// <summary>Why a phone goes away when it did not refresh its registration in time.</summary>
    public const string PhoneExpiredReason = "registration expired";

    /// <summary>Why a queue's reservation for a call with SIP legs is declined by an agent without a phone.</summary>
    public const string NoPhoneReason = "no phone registered";

    public static AgentState Initial(AgentId id) => new(
        id, Configured: false, Name: id.Value, Site: "", ImmutableDictionary<string, int>.Empty, [],
        AgentStatus.LoggedOut, Reason: null, DateTimeOffset.MinValue, Call: null, WrapUpEndsAt: null,
        DateTimeOffset.MinValue, CallsHandled: 0);

    private string EntityId => Id.Value;

    public Decision<IAgentEvent> Process(IAgentCommand command, DateTimeOffset now) => command switch
    {
        ConfigureAgent c => Configure(c),
        _ when !Configured => command is AgentCallEnded or ReleaseReservation or RequestAvailability
            ? Decision<IAgentEvent>.Nothing
            : Decision<IAgentEvent>.Reject(EntityId, $"unknown agent '{Id}'"),
        SetAgentStatus c => SetStatus(c, now),
        ReserveAgent c => Reserve(c, now),
        AnswerOffer c => Answer(c.CallId, now),
        // Named by the gateway, the call must be the one held; from the desktop, whatever is held.
        RejectOffer c => MissOffer(c.Reason ?? RejectedReason, now, c.CallId ?? Call?.CallId),
        RegisterPhone c => RegisterPhone(c, now),
        // Another contact than the registered one (an older phone, or said twice) changes nothing.
        UnregisterPhone c => Phone?.Contact == c.Contact
            ? PhoneGone(PhoneUnregisteredReason, now, new CommandAccepted(EntityId))
            : Decision<IAgentEvent>.Accept(EntityId),
        HangUpAgentCall => HangUp(),
        FinishWrapUp => Status == AgentStatus.WrapUp
            ? BecomeReady(now)
            : Decision<IAgentEvent>.Reject(EntityId, $"agent is {Status}, not in wrap-up"),
        AgentCallEnded c => CallEnded(c, now),
        AgentCallHoldChanged c => Status == AgentStatus.OnCall && Call?.CallId == c.CallId && OnHold != c.OnHold
            ? new Decision<IAgentEvent>([new AgentHoldChanged(c.CallId, c.OnHold, now)], [], null)
            : Decision<IAgentEvent>.Nothing,
        ReleaseReservation c => Status == AgentStatus.Reserved && Call is { Connected: false } held
            && held.CallId == c.CallId && held.QueueId == c.QueueId && held.Means(c.Reservation)
            ? new Decision<IAgentEvent>([new AgentReservationReleased(c.CallId, "the queue no longer offers the call", now)], AvailabilityToAll(), null)
            : Decision<IAgentEvent>.Nothing,
        RequestAvailability c => Status == AgentStatus.Ready && Queues.Contains(c.QueueId)
            ? Decision<IAgentEvent>.Send(Availability(c.QueueId))
            : Decision<IAgentEvent>.Nothing,
        _ => Decision<IAgentEvent>.Reject(EntityId, $"unsupported command {command.GetType().Name}"),
    };

    /// <summary>The reservation timer fired: if the call was still not answered, it rang out.</summary>
    public Decision<IAgentEvent> ReservationExpired(CallId callId, DateTimeOffset now) =>
        Status == AgentStatus.Reserved && Call is { Connected: false } c && c.CallId == callId && now >= c.ExpiresAt
            ? MissOffer(NotReadyReasonCodes.NoAnswer, now, callId)
            : Decision<IAgentEvent>.Nothing;

    /// <summary>The phone's registration timer fired: if the phone did not refresh it, the phone is gone.</summary>
    public Decision<IAgentEvent> PhoneExpired(DateTimeOffset now) =>
        Phone is { } phone && now >= phone.ExpiresAt
            ? PhoneGone(PhoneExpiredReason, now)
            : Decision<IAgentEvent>.Nothing;

    /// <summary>
    /// The call the agent is on, as its entity sees it: over, or connected to someone else, means the agent missed
    /// the word that ended it (a crash between the two entities) and is freed as if it had come; on hold or not, as the call says.
    /// </summary>
    public Decision<IAgentEvent> CallChecked(CallView call, DateTimeOffset now)
    {
        if (Status != AgentStatus.OnCall || Call is not { } held || held.CallId != call.CallId)
            return Decision<IAgentEvent>.Nothing;
        var stillOurs = call.Status == CallStatus.Talking && call.AgentId == Id;
        if (!stillOurs)
            return CallEnded(new AgentCallEnded(Id, call.CallId, Talked: true), now);
        // A word about the hold that got lost is learnt the same way.
        return call.OnHold == OnHold ? Decision<IAgentEvent>.Nothing : new Decision<IAgentEvent>([new AgentHoldChanged(call.CallId, call.OnHold, now)], [], null);
    }

    /// <summary>The wrap-up timer fired: the agent is ready again.</summary>
    public Decision<IAgentEvent> WrapUpElapsed(DateTimeOffset now) =>
        Status == AgentStatus.WrapUp && WrapUpEndsAt is { } end && now >= end
            ? BecomeReady(now)
            : Decision<IAgentEvent>.Nothing;

    private Decision<IAgentEvent> Configure(ConfigureAgent c)
    {
        var unchanged = Configured && Name == c.Name && Site == c.Site
            && SameSkills(Skills, c.Skills) && Queues.SequenceEqual(c.Queues);
        if (unchanged)
            return Decision<IAgentEvent>.Accept(EntityId);
        var messages = new List<IProtocolMessage>();
        if (Status == AgentStatus.Ready)
        {
            messages.AddRange(Queues.Except(c.Queues).Select(q => new AgentUnavailable(q, Id, Busy: false)));
            var next = this with { Skills = c.Skills, Queues = c.Queues };
            messages.AddRange(c.Queues.Select(next.Availability));
        }
        return Decision<IAgentEvent>.Accept(EntityId, [new AgentConfigured(c.Name, c.Site, c.Skills, c.Queues)], messages);
    }

    private Decision<IAgentEvent> RegisterPhone(RegisterPhone c, DateTimeOffset now)
    {
        if (c.ExpiresAt <= now)
            return Decision<IAgentEvent>.Reject(EntityId, "the phone's registration has already expired");
        var phone = new AgentPhone(c.Contact, c.ExpiresAt);
        if (phone == Phone)
            return Decision<IAgentEvent>.Accept(EntityId);
        // A ready agent's queues index whether it has a phone: tell them when that changes.
        var messages = Phone is null && Status == AgentStatus.Ready ? (this with { Phone = phone }).AvailabilityToAll() : [];
        return Decision<IAgentEvent>.Accept(EntityId, [new AgentPhoneRegistered(c.Contact, c.ExpiresAt, now)], messages);
    }

    private Decision<IAgentEvent> PhoneGone(string reason, DateTimeOffset now, object? reply = null) => new(
        [new AgentPhoneUnregistered(Phone!.Contact, reason, now)],
        Status == AgentStatus.Ready ? (this with { Phone = null }).AvailabilityToAll() : [],
        reply);

    private Decision<IAgentEvent> SetStatus(SetAgentStatus c, DateTimeOffset now)
    {
        if (Status is AgentStatus.Reserved or AgentStatus.OnCall)
            return Decision<IAgentEvent>.Reject(EntityId, Status == AgentStatus.Reserved
                ? "agent has a call offered: answer or reject it first"
                : "agent is on a call: hang up first");
        if (c.Status == RequestedStatus.NotReady && string.IsNullOrWhiteSpace(c.Reason))
            return Decision<IAgentEvent>.Reject(EntityId, "not-ready needs a reason");
        var target = c.Status switch
        {
            RequestedStatus.Ready => AgentStatus.Ready,
            RequestedStatus.NotReady => AgentStatus.NotReady,
            _ => AgentStatus.LoggedOut,
        };
        var reason = target == AgentStatus.NotReady ? c.Reason : null;
        if (target == Status && reason == Reason)
            return Decision<IAgentEvent>.Accept(EntityId);
        if (target == AgentStatus.Ready)
            return BecomeReady(now);
        var messages = Status == AgentStatus.Ready
            ? Queues.Select(q => (IProtocolMessage)new AgentUnavailable(q, Id, Busy: false)).ToList()
            : [];
        return Decision<IAgentEvent>.Accept(EntityId, [new AgentStatusChanged(target, reason, now)], messages);
    }

    private Decision<IAgentEvent> Reserve(ReserveAgent c, DateTimeOffset now)
    {
        // Asked again by the same queue (its reply got lost or was late): say yes again. Another queue
        // asking for the same call (it overflowed) is declined below like any other, as the agent is held.
        // A call transferred back to the queue is asked for anew (a later stay): declined below while the agent holds it.
        if (Call is { } held && held.CallId == c.CallId && held.QueueId == c.QueueId && held.Transfers == c.Transfers
            && Status is AgentStatus.Reserved or AgentStatus.OnCall)
            return Decision<IAgentEvent>.Send(new ReservationAccepted(c.QueueId, Id, c.CallId, Phone?.Contact, held.Reservation, held.Transfers));
        string? refusal = Status != AgentStatus.Ready ? $"agent is {Status}"
            : !Queues.Contains(c.QueueId) ? $"agent does not serve queue '{c.QueueId}'"
            : null;
        if (refusal is not null)
            return Decision<IAgentEvent>.Send(new ReservationDeclined(c.QueueId, Id, c.CallId, refusal));
        // Still ready for calls without SIP legs: the queue drops the agent on a decline, so say so again after it.
        if (c.NeedsPhone && Phone is null)
            return Decision<IAgentEvent>.Send(new ReservationDeclined(c.QueueId, Id, c.CallId, NoPhoneReason), Availability(c.QueueId));
        var reserved = new AgentReserved(c.CallId, c.QueueId, now, now.AddSeconds(c.RingTimeoutSeconds),
            c.WrapUpSeconds, c.AutoReadyAfterWrapUp, Reservations + 1, c.Transfers);
        var messages = new List<IProtocolMessage> { new ReservationAccepted(c.QueueId, Id, c.CallId, Phone?.Contact, reserved.Reservation, c.Transfers) };
        messages.AddRange(Queues.Where(q => q != c.QueueId).Select(q => new AgentUnavailable(q, Id, Busy: true)));
        return new Decision<IAgentEvent>([reserved], messages, null);
    }

    private Decision<IAgentEvent> Answer(CallId? named, DateTimeOffset now) =>
        Status == AgentStatus.Reserved && Call is { Connected: false } c && (named is null || named == c.CallId)
            ? Decision<IAgentEvent>.Accept(EntityId, [new AgentConnected(c.CallId, now)], [new AgentAnswered(c.CallId, Id, c.Reservation, c.Transfers)])
            : Decision<IAgentEvent>.Reject(EntityId, named is null
                ? "no call is offered to this agent"
                : $"call '{named}' is not offered to this agent");

    private Decision<IAgentEvent> MissOffer(string reason, DateTimeOffset now, CallId? callId)
    {
        if (Status != AgentStatus.Reserved || Call is not { Connected: false } c || c.CallId != callId)
            return Decision<IAgentEvent>.Reject(EntityId, "no call is offered to this agent");
        return Decision<IAgentEvent>.Accept(EntityId,
            [new AgentMissedOffer(c.CallId, reason, now)],
            [new OfferFailed(c.QueueId, Id, c.CallId, reason)]);
    }

    private Decision<IAgentEvent> HangUp() =>
        Status == AgentStatus.OnCall && Call is { } c
            ? Decision<IAgentEvent>.Accept(EntityId, messages: [new HangUpCall(c.CallId, CallParty.Agent, Id, c.Reservation)])
            : Decision<IAgentEvent>.Reject(EntityId, "agent is not on a call");

    private Decision<IAgentEvent> CallEnded(AgentCallEnded c, DateTimeOffset now)
    {
        if (Call is not { } held || held.CallId != c.CallId || Status is not (AgentStatus.Reserved or AgentStatus.OnCall))
            return Decision<IAgentEvent>.Nothing;
        if (!c.Talked)
        {
            // About an earlier reservation for the same call (the call came back to the agent): this one stands.
            if (!held.Means(c.Reservation))
                return Decision<IAgentEvent>.Nothing;
            var released = new AgentReservationReleased(c.CallId, "call ended before it was answered", now);
            return new Decision<IAgentEvent>([released], AvailabilityToAll(), null);
        }
        var endsAt = held.AutoReadyAfterWrapUp ? now.AddSeconds(held.WrapUpSeconds) : (DateTimeOffset?)null;
        var wrapUp = new AgentWrapUpStarted(c.CallId, now, endsAt);
        if (endsAt == now)
            return new Decision<IAgentEvent>([wrapUp, new AgentStatusChanged(AgentStatus.Ready, null, now)],
                (this with { IdleSince = now, CallsHandled = CallsHandled + 1 }).AvailabilityToAll(), null);
        return new Decision<IAgentEvent>([wrapUp], [], null);
    }

    private Decision<IAgentEvent> BecomeReady(DateTimeOffset now) => Decision<IAgentEvent>.Accept(EntityId,
        [new AgentStatusChanged(AgentStatus.Ready, null, now)],
        (this with { IdleSince = now }).AvailabilityToAll());

    /// <summary>
    /// What the agent tells its queues when its entity starts again (after a failover, say): that it is available, if
    /// ready. The word it sent when it became ready may have been lost: a node cut off by a partition stores its
    /// entities' decisions for a few seconds more while nothing it sends arrives, and the queue would never offer it a call.
    /// </summary>
    public IReadOnlyList<IProtocolMessage> Restarted() => Status == AgentStatus.Ready ? AvailabilityToAll() : [];

    private IReadOnlyList<IProtocolMessage> AvailabilityToAll() => Queues.Select(q => (IProtocolMessage)Availability(q)).ToList();

    private AgentAvailable Availability(QueueId queue) => new(queue, Id, Skills, IdleSince, CallsHandled, HasPhone: Phone is not null);

    public AgentState Apply(IAgentEvent e) => e switch
    {
        AgentConfigured c => this with { Configured = true, Name = c.Name, Site = c.Site, Skills = c.Skills, Queues = c.Queues },
        // Leaving wrap-up, whichever way, ends the handling of the call: its wrap-up time counts.
        AgentStatusChanged c => (Status == AgentStatus.WrapUp ? Counted(c.At, calls: 0, Seconds(StatusSince, c.At)) : this) with
        {
            Status = c.Status, Reason = c.Reason, StatusSince = c.At, Call = null, WrapUpEndsAt = null,
            IdleSince = c.Status == AgentStatus.Ready ? c.At : IdleSince,
        },
        AgentReserved c => this with
        {
            Status = AgentStatus.Reserved, Reason = null, StatusSince = c.At,
            Call = new AgentCall(c.CallId, c.QueueId, c.ExpiresAt, c.WrapUpSeconds, c.AutoReadyAfterWrapUp, Connected: false, c.Reservation, c.Transfers),
            Reservations = Math.Max(Reservations, c.Reservation),
        },
        AgentConnected c => this with { Status = AgentStatus.OnCall, StatusSince = c.At, Call = Call! with { Connected = true } },
        AgentReservationReleased c => this with { Status = AgentStatus.Ready, StatusSince = c.At, Call = null },
        AgentMissedOffer c => this with { Status = AgentStatus.NotReady, Reason = c.Reason, StatusSince = c.At, Call = null, OnHold = false },
        // The call ended: it counts today, with its talk and hold time (from the answer, when the agent went on call).
        AgentWrapUpStarted c => Counted(c.At, calls: 1, Status == AgentStatus.OnCall ? Seconds(StatusSince, c.At) : 0) with
        {
            Status = AgentStatus.WrapUp, StatusSince = c.At, WrapUpEndsAt = c.EndsAt, CallsHandled = CallsHandled + 1, OnHold = false,
        },
        AgentHoldChanged c => this with { OnHold = c.OnHold },
        AgentPhoneRegistered c => this with { Phone = new AgentPhone(c.Contact, c.ExpiresAt) },
        AgentPhoneUnregistered c => Phone?.Contact == c.Contact ? this with { Phone = null } : this,
        _ => this,
    };

    /// <summary>
    /// The agent as the desktop shows it at <paramref name="now"/>: the figures today are those of <paramref name="now"/>'s
    /// UTC day (zero when nothing was counted that day yet).
    /// </summary>
    public AgentView ToView(DateTimeOffset now)
    {
        var today = FiguresDay == Day(now);
        return new(Id, Configured, Name, Site, Status, Reason, StatusSince, Call?.CallId, Call?.QueueId, Skills, Queues, CallsHandled,
            WrapUpEndsAt, Phone?.Contact, OnHold, today ? CallsToday : 0, today ? HandleSecondsToday : 0);
    }

    /// <summary>
    /// Adds a call (or a call's wrap-up) to the figures of <paramref name="at"/>'s UTC day; the first count of a new day
    /// starts from zero. A wrap-up that runs past midnight counts on the day it ended.
    /// </summary>
    private AgentState Counted(DateTimeOffset at, int calls, double seconds)
    {
        var day = Day(at);
        return FiguresDay == day
            ? this with { CallsToday = CallsToday + calls, HandleSecondsToday = HandleSecondsToday + seconds }
            : this with { FiguresDay = day, CallsToday = calls, HandleSecondsToday = seconds };
    }

    /// <summary>The start (midnight UTC) of <paramref name="at"/>'s UTC day.</summary>
    private static DateTimeOffset Day(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    private static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalSeconds);

    private static bool SameSkills(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
