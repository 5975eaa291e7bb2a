using System.Collections.Immutable;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Queues;

namespace CallCenter.Actors.Calls;

/// <summary>
/// One call's life and the decisions it takes: the call is the arbiter of which agent it is
/// connected to, as the agent is the arbiter of which call it holds. Pure. A call that came through
/// a <see cref="Gateway"/> tells it what to do with its SIP legs; a virtual call (no gateway) tells no one.
/// </summary>
public sealed partial record CallState(
    CallId Id,
    CallStatus Status,
    string From,
    string To,
    QueueId? QueueId,
    int Priority,
    IReadOnlyDictionary<string, int> RequiredSkills,
    IReadOnlyDictionary<string, string> Variables,
    AgentId? AgentId,
    CallOutcome? Outcome,
    string? Disposition,
    string? DispositionNotes,
    DateTimeOffset? ArrivedAt,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? OfferedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    string? Gateway = null,
    int Transfers = 0,
    IReadOnlyList<AgentId>? HandledBy = null,
    string? TransferredOutTo = null,
    string? Flow = null,
    string? Step = null,
    int StepAttempt = 0,
    int MediaSeq = 0,
    string? ExitDigit = null,
    string? ExitTo = null,
    int AnnouncedPosition = 0,
    double AnnouncedWaitSeconds = 0,
    IReadOnlyList<CallRecording>? Recordings = null,
    DateTimeOffset? HeldSince = null,
    double HeldSeconds = 0,
    string? TraceParent = null,
    AgentId? VoidAnswerFrom = null,
    int Reservation = 0) : IProtocolMessage
{
    /// <summary>Every agent who answered the call, in order (one per stay: the agent at index n answered it after n transfers).</summary>
    public IReadOnlyList<AgentId> Handlers => HandledBy ?? [];

    public static CallState Initial(CallId id) => new(id, CallStatus.Unknown, "", "", null, 0,
        ImmutableDictionary<string, int>.Empty, ImmutableDictionary<string, string>.Empty, null, null, null, null,
        null, null, null, null, null);

    private string EntityId => Id.Value;

    private bool Waiting => Status is CallStatus.Queued or CallStatus.Offered;

    private const string AnswerLost = "the agent hung up before the call heard of the answer";

    public Decision<ICallEvent> Process(ICallMessage message, DateTimeOffset now) => Process(message, now, ContactCenterDefinition.Empty);

    /// <summary>Decides on <paramref name="message"/>; the <paramref name="definition"/> gives the flows and queues' hold rules.</summary>
    public Decision<ICallEvent> Process(ICallMessage message, DateTimeOffset now, ContactCenterDefinition definition) => message switch
    {
        StartCall c => Start(c, definition, now),
        _ when Status == CallStatus.Unknown => Stray(message),
        // The outside party a desktop transfer dialled could not be reached: the agent has left, the caller is let go.
        MediaFinished { Outcome: MediaOutcome.Failed } m when Status == CallStatus.Ended && TransferredOutTo is { } number =>
            Decision<ICallEvent>.Send(Release(CallOutcome.Completed, $"the transfer to {number} failed ({m.Reason})")),
        MediaFinished m => Heard(MediaDone(m, definition, now)),
        FlowDataFetched f => Heard(DataFetched(f, definition, now)),
        CallerPressed p => Heard(Pressed(p, definition, now)),
        CallRecorded r => Recorded(r, now),
        CallQueued c => Queued(c, now),
        CallOffered c => Offered(c),
        // Only from the queue that holds the call: a late word from the queue it overflowed from is stale.
        OfferWithdrawn c => Status == CallStatus.Offered && AgentId == c.AgentId && c.QueueId == QueueId
            ? new Decision<ICallEvent>([new CallOfferToAgentWithdrawn(c.AgentId, c.Reason, c.At)], Disconnect(c.AgentId, c.Reason), null)
            : Decision<ICallEvent>.Nothing,
        AgentAnswered c => Answered(c, definition, now),
        HangUpCall c => HangUp(c, now),
        TransferCall c => Transfer(c, definition, now),
        TransferCallOut c => TransferOut(c, now),
        HoldCall c => PutOnHold(c, definition, now),
        ResumeCall c => TakeOffHold(c, now),
        CallRefused c => Waiting && c.Transfers == Transfers ? Refused(c) : Decision<ICallEvent>.Nothing,
        SetCallDisposition c => Handled(c.AgentId)
            ? Decision<ICallEvent>.Accept(EntityId, [new CallDispositionSet(c.AgentId, c.Disposition, c.Notes)])
            : Decision<ICallEvent>.Reject(EntityId, $"agent '{c.AgentId}' did not handle call '{Id}'"),
        _ => Decision<ICallEvent>.Reject(EntityId, $"unsupported message {message.GetType().Name}"),
    };

    private Decision<ICallEvent> Start(StartCall c, ContactCenterDefinition definition, DateTimeOffset now)
    {
        if (Status != CallStatus.Unknown)
            return Decision<ICallEvent>.Accept(EntityId);
        if (c.Flow is { } flowName)
            return definition.FlowFor(flowName) is { } flow
                ? StartFlow(c, flow, now)
                : Decision<ICallEvent>.Reject(EntityId, $"no flow '{flowName}' for call '{Id}'");
        if (c.QueueId is not { } queue)
            return Decision<ICallEvent>.Reject(EntityId, $"call '{Id}' names no queue or flow");
        var arrived = new CallArrived(c.From, c.To, queue, c.Priority, c.RequiredSkills, c.Variables, now, c.Gateway, TraceParent: c.TraceParent);
        var messages = new List<IProtocolMessage> { new EnqueueCall(queue, Id, c.Priority, c.RequiredSkills, now, c.NeedsPhone, TraceParent: c.TraceParent) };
        var held = Apply(arrived).HoldOnArrival(definition, now, messages);
        return Decision<ICallEvent>.Accept(EntityId, [arrived, .. held], messages);
    }

    /// <summary>The gateway saved a recording of the call: kept with the call (again: already kept).</summary>
    private Decision<ICallEvent> Recorded(CallRecorded r, DateTimeOffset now) =>
        Recordings?.Any(k => k.Path == r.Path) == true
            ? Decision<ICallEvent>.Accept(EntityId)
            : Decision<ICallEvent>.Accept(EntityId, [new CallRecordingSaved(r.AgentId, r.Path, r.DurationSeconds, r.Sha256, now)]);

    /// <summary>A message for a call that never started: free any agent it would hold.</summary>
    private Decision<ICallEvent> Stray(ICallMessage message) => message switch
    {
        CallOffered c => Decision<ICallEvent>.Send(new AgentCallEnded(c.AgentId, Id, Talked: false, c.Reservation)),
        AgentAnswered c => Decision<ICallEvent>.Send(new AgentCallEnded(c.AgentId, Id, Talked: false, c.Reservation)),
        HangUpCall or SetCallDisposition or TransferCall or TransferCallOut or HoldCall or ResumeCall or CallRecorded => Decision<ICallEvent>.Reject(EntityId, $"unknown call '{Id}'"),
        _ => Decision<ICallEvent>.Nothing,
    };

    /// <summary>
    /// The agent talked on the call: talks now, or answered it before a transfer (out, or to a queue, where
    /// the call may be waiting or with another agent). A snapshot older than <see cref="HandledBy"/> knows only the last agent.
    /// </summary>
    private bool Handled(AgentId agent) =>
        Handlers.Contains(agent) || (agent == AgentId && Status is CallStatus.Talking or CallStatus.Ended && AnsweredAt is not null);

    private Decision<ICallEvent> Queued(CallQueued c, DateTimeOffset now)
    {
        if (c.Transfers < Transfers && Status != CallStatus.Ended)
            return StaleStay(c, now);
        // A queue's word can arrive after a newer one from the queue the call overflowed to: the older is stale.
        var moved = c.QueueId != QueueId && c.At >= QueuedAt && c.Transfers == Transfers;
        // A queue lets a call go only when it is offered to no one there: an offer the call still
        // believes in (its withdrawal overtaken by the new queue's word) is over.
        if (Waiting && moved)
        {
            if (Status == CallStatus.Queued)
                return new Decision<ICallEvent>([new CallMovedToQueue(c.QueueId, c.At)], [], null);
            var why = $"moved to queue '{c.QueueId}'";
            return new Decision<ICallEvent>([new CallOfferToAgentWithdrawn(AgentId!, why, c.At), new CallMovedToQueue(c.QueueId, c.At)],
                Disconnect(AgentId!, why), null);
        }
        // Answered through the queue it overflowed to before hearing it waits there: that queue must let it go too.
        if (Status == CallStatus.Talking && moved)
            return new Decision<ICallEvent>([new CallMovedToQueue(c.QueueId, c.At)], [new CallAnswered(c.QueueId, Id, AgentId!, AnsweredAt!.Value, Transfers)], null);
        return Status == CallStatus.Ended && Outcome != CallOutcome.Refused
            ? Decision<ICallEvent>.Send(new CallAbandoned(c.QueueId, Id, now))
            : Decision<ICallEvent>.Nothing;
    }

    /// <summary>
    /// A queue's word about a stay the call left by being answered and transferred (found by the routing
    /// property: the queue a call was answered from told it "queued" late, at the very second of the transfer,
    /// and the call, telling stays apart by time only, took it for an overflow back there while the queue
    /// it was transferred to held it). The queue the call waits in now holds it for this stay, or will (a
    /// transfer there renews its stay); any other queue that holds it for that stay (an overflow on its way
    /// when the call was answered) must let it go, as answered then.
    /// </summary>
    private Decision<ICallEvent> StaleStay(CallQueued c, DateTimeOffset now)
    {
        if (c.QueueId == QueueId)
            return Decision<ICallEvent>.Nothing;
        var answeredBy = c.Transfers < Handlers.Count ? Handlers[c.Transfers] : Handlers.LastOrDefault();
        return answeredBy is null
            ? Decision<ICallEvent>.Nothing
            : Decision<ICallEvent>.Send(new CallAnswered(c.QueueId, Id, answeredBy, now, c.Transfers));
    }

    private Decision<ICallEvent> Offered(CallOffered c)
    {
        // From a stay the call has left (answered, then transferred): the queue repeated its reservation
        // before the answer reached it, and the agent took it again. Free that agent of that queue's
        // reservation when the call waits elsewhere now. Transferred back to the same queue, the agent may
        // hold that queue's reservation for this stay already: the release names the reservation, which the
        // agent compares (from an agent that did not number them, it is left to the agent's ring timer).
        if (c.Transfers < Transfers)
            return c.QueueId == QueueId && c.Reservation == 0
                ? Decision<ICallEvent>.Nothing
                : Decision<ICallEvent>.Send(new ReleaseReservation(c.AgentId, Id, c.QueueId, c.Reservation));
        // From a queue the call has since left (overflow): that queue no longer decides for the call.
        if (Status == CallStatus.Queued)
            return c.QueueId == QueueId
                ? new Decision<ICallEvent>([new CallOfferedToAgent(c.AgentId, c.QueueId, c.At, c.Reservation)],
                    ToGateway(g => new RingAgent(g, Id, c.AgentId, c.Phone ?? "")), null)
                : Decision<ICallEvent>.Nothing;
        if (AgentId == c.AgentId && Status is CallStatus.Offered or CallStatus.Talking)
            return Decision<ICallEvent>.Nothing;
        // Already with another agent, or over: that agent's reservation must not linger.
        return Decision<ICallEvent>.Send(new AgentCallEnded(c.AgentId, Id, Talked: false, c.Reservation));
    }

    private Decision<ICallEvent> Answered(AgentAnswered c, ContactCenterDefinition definition, DateTimeOffset now)
    {
        // The answer of an agent that hung up before it arrived (see HangUp): the agent was told the call is not its
        // own and went back to work; it must not be put through now, perhaps while offered this very call again.
        if (VoidAnswerFrom == c.AgentId)
            return Decision<ICallEvent>.Accept(EntityId, [new CallLateAnswerDiscarded(c.AgentId, now)]);
        // The answer to an offer from a stay the call has left (answered by another agent, then transferred): that offer
        // is over, and the agent is freed of it.
        if (c.Reservation != 0 && c.Transfers < Transfers)
            return Decision<ICallEvent>.Send(new AgentCallEnded(c.AgentId, Id, Talked: false, c.Reservation));
        // The answer to an earlier offer of the call to the agent now offered it again: that offer was withdrawn and the
        // agent freed of it before this offer; the agent answers this one, or not, itself.
        if (Status == CallStatus.Offered && AgentId == c.AgentId && !NotEarlier(c.Reservation))
            return Decision<ICallEvent>.Nothing;
        if (Waiting)
        {
            var messages = new List<IProtocolMessage> { new CallAnswered(QueueId!, Id, c.AgentId, now, Transfers) };
            var record = definition.QueueFor(QueueId!.Value)?.Recording is { Enabled: true };
            messages.AddRange(ToGateway(g => new ConnectAgent(g, Id, c.AgentId, record)));
            if (AgentId is { } offered && offered != c.AgentId)
            {
                messages.Add(new AgentCallEnded(offered, Id, Talked: false, Reservation));
                messages.AddRange(Disconnect(offered, $"answered by agent '{c.AgentId}'"));
            }
            return new Decision<ICallEvent>([new CallAnsweredByAgent(c.AgentId, now, c.Reservation)], messages, null);
        }
        return Status == CallStatus.Talking && AgentId == c.AgentId
            ? Decision<ICallEvent>.Nothing
            : Decision<ICallEvent>.Send(new AgentCallEnded(c.AgentId, Id, Talked: false, c.Reservation));
    }

    private Decision<ICallEvent> HangUp(HangUpCall c, DateTimeOffset now)
    {
        // The offered agent hangs up a call that never heard it answer: the word was lost (the agent's node was cut off
        // or died right after storing the answer) or is still on its way (the hang-up came from the agent's phone, by
        // the gateway). The caller was never put through, so the call is not over: it goes back to its queue, which
        // offers it again, and the agent is freed; that answer, should it still come, is dropped
        // (VoidAnswerFrom).
        // An agent hanging up a call that waits with no agent at all (its offer was withdrawn meanwhile) is as mistaken:
        // the caller waits on; the agent learns the call is not its own when it next checks its call.
        // A hang-up from an agent the call has left (transferred away from it, say, while it hung up) is not the current
        // agent's: it ends nothing.
        if (c.By == CallParty.Agent && c.Agent is { } who && who != AgentId)
            return Decision<ICallEvent>.Reject(EntityId, $"agent '{who}' is not on call '{Id}'");
        // Nor is one from an earlier reservation of the agent the call is with again (it hung up as it transferred the
        // call, which came back to it): this reservation is not the one it hung up.
        if (c.By == CallParty.Agent && Status is CallStatus.Offered or CallStatus.Talking && !NotEarlier(c.Reservation))
            return Decision<ICallEvent>.Reject(EntityId, $"agent '{c.Agent}' hung up an earlier offer of call '{Id}'");
        if (Status == CallStatus.Offered && c.By == CallParty.Agent && AgentId is { } answering)
            return Decision<ICallEvent>.Accept(EntityId, [new CallOfferToAgentWithdrawn(answering, AnswerLost, now)],
                [new OfferFailed(QueueId!, answering, Id, AnswerLost), new AgentCallEnded(answering, Id, Talked: false, Reservation),
                    .. Disconnect(answering, AnswerLost)]);
        if (Status == CallStatus.Queued && c.By == CallParty.Agent)
            return Decision<ICallEvent>.Reject(EntityId, $"no agent is on call '{Id}': it waits on in its queue");
        if (Status == CallStatus.InIvr)
            return Decision<ICallEvent>.Accept(EntityId, [new CallEnded(CallOutcome.AbandonedInIvr, c.By, $"in step '{Step}'", now)],
                Release(CallOutcome.AbandonedInIvr, null));
        if (Waiting)
        {
            var messages = new List<IProtocolMessage> { new CallAbandoned(QueueId!, Id, now) };
            if (AgentId is { } offered)
                messages.Add(new AgentCallEnded(offered, Id, Talked: false, Reservation));
            messages.AddRange(Release(CallOutcome.Abandoned, null));
            return Decision<ICallEvent>.Accept(EntityId, [new CallEnded(CallOutcome.Abandoned, c.By, null, now)], messages);
        }
        if (Status == CallStatus.Talking)
            return Decision<ICallEvent>.Accept(EntityId, [new CallEnded(CallOutcome.Completed, c.By, null, now)],
            [
                new AgentCallEnded(AgentId!, Id, Talked: true),
                new CallCompleted(QueueId!, Id, TalkSeconds(now)),
                .. Release(CallOutcome.Completed, null),
            ]);
        // Already over: say so again, so an agent (or a gateway) that missed the first word is not left "on call".
        // Not to a gateway that bridged the caller to an outside number: those legs are its own now.
        var again = TransferredOutTo is null ? Release(Outcome!.Value, null) : [];
        return AgentId is { } agent
            ? Decision<ICallEvent>.Accept(EntityId, messages: [new AgentCallEnded(agent, Id, Talked: AnsweredAt is not null), .. again])
            : Decision<ICallEvent>.Accept(EntityId, messages: again);
    }

    private Decision<ICallEvent> Refused(CallRefused c)
    {
        var messages = new List<IProtocolMessage>();
        if (AgentId is { } offered)
            messages.Add(new AgentCallEnded(offered, Id, Talked: false, Reservation));
        messages.AddRange(Release(CallOutcome.Refused, c.Reason));
        return new Decision<ICallEvent>([new CallEnded(CallOutcome.Refused, CallParty.System, c.Reason, c.At)], messages, null);
    }

    /// <summary>
    /// A blind transfer: the talking agent leaves for wrap-up, the queue it was answered from counts a
    /// handled call, and the call waits in the new queue like a new arrival there.
    /// </summary>
    private Decision<ICallEvent> Transfer(TransferCall c, ContactCenterDefinition definition, DateTimeOffset now)
    {
        if (TransferRefusal(c.By) is { } refusal)
            return Decision<ICallEvent>.Reject(EntityId, refusal);
        if (c.ToAgent == c.By)
            return Decision<ICallEvent>.Reject(EntityId, $"agent '{c.By}' cannot transfer call '{Id}' to themselves");
        var to = c.ToAgent is { } agent ? $"agent '{agent}' in queue '{c.ToQueue}'" : $"queue '{c.ToQueue}'";
        // The caller, answered, waits again: they hear the new queue's hold (its music, or the default) meanwhile.
        var seq = MediaSeq + 1;
        IReadOnlyList<ICallEvent> held = Gateway is null ? [] : [new CallHoldAnnounced(seq, 0, 0, now)];
        return Decision<ICallEvent>.Accept(EntityId, [new CallTransferred(c.By, c.ToQueue, now, c.ToAgent), .. held],
        [
            new AgentCallEnded(c.By, Id, Talked: true),
            new CallCompleted(QueueId!, Id, TalkSeconds(now)),
            new EnqueueCall(c.ToQueue, Id, Priority, RequiredSkills, now, NeedsPhone: Gateway is not null, Transfers: Transfers + 1, OnlyAgent: c.ToAgent, TraceParent: TraceParent),
            .. Disconnect(c.By, $"transferred to {to}"),
            .. ToGateway(g => Hold(g, Id, seq, definition.QueueFor(c.ToQueue.Value), exitDigit: null, greet: false)),
        ]);
    }

    /// <summary>
    /// A blind transfer out: for the center the call is over (completed by the agent, who wraps up); the
    /// gateway drops the agent's leg and keeps the caller bridged to the outside party, so it is not told to release the call.
    /// </summary>
    private Decision<ICallEvent> TransferOut(TransferCallOut c, DateTimeOffset now)
    {
        if (TransferRefusal(c.By) is { } refusal)
            return Decision<ICallEvent>.Reject(EntityId, refusal);
        if (string.IsNullOrWhiteSpace(c.Number))
            return Decision<ICallEvent>.Reject(EntityId, $"no number to transfer call '{Id}' to");
        var reason = $"transferred to {c.Number}";
        // From the desktop the gateway has not called the number yet: it does once the agent's leg is gone. The
        // call is over for the center either way, so the step is not persisted (nothing is played to it again).
        var dial = c.Dial ? ToGateway(g => new BridgeOutside(g, Id, MediaSeq + 1, c.Number)) : [];
        return Decision<ICallEvent>.Accept(EntityId,
            [new CallTransferredOut(c.By, c.Number, now), new CallEnded(CallOutcome.Completed, CallParty.Agent, reason, now)],
            [new AgentCallEnded(c.By, Id, Talked: true), new CallCompleted(QueueId!, Id, TalkSeconds(now)), .. Disconnect(c.By, reason), .. dial]);
    }

    /// <summary>
    /// The talking agent puts the caller on hold: the caller hears the queue's hold music (or the default) and the
    /// legs stop hearing each other. Holding a held call changes nothing (a double click is not an error).
    /// </summary>
    private Decision<ICallEvent> PutOnHold(HoldCall c, ContactCenterDefinition definition, DateTimeOffset now)
    {
        if (TalkRefusal(c.By, "put on hold") is { } refusal)
            return Decision<ICallEvent>.Reject(EntityId, refusal);
        if (HeldSince is not null)
            return Decision<ICallEvent>.Accept(EntityId);
        var seq = MediaSeq + 1;
        return Decision<ICallEvent>.Accept(EntityId, [new CallHeld(c.By, seq, now)],
        [
            new AgentCallHoldChanged(c.By, Id, OnHold: true),
            .. ToGateway(g => Hold(g, Id, seq, QueueId is { } q ? definition.QueueFor(q.Value) : null, exitDigit: null, greet: false)),
        ]);
    }

    /// <summary>The agent takes the caller off hold: the legs are bridged again. Resuming a call not on hold changes nothing.</summary>
    private Decision<ICallEvent> TakeOffHold(ResumeCall c, DateTimeOffset now)
    {
        if (TalkRefusal(c.By, "resumed") is { } refusal)
            return Decision<ICallEvent>.Reject(EntityId, refusal);
        if (HeldSince is null)
            return Decision<ICallEvent>.Accept(EntityId);
        var seq = MediaSeq + 1;
        return Decision<ICallEvent>.Accept(EntityId, [new CallResumed(c.By, seq, now)],
            [new AgentCallHoldChanged(c.By, Id, OnHold: false), .. ToGateway(g => new ReconnectAgent(g, Id, c.By, seq))]);
    }

    /// <summary>Why <paramref name="by"/> may not transfer the call, or null: only the agent talking on it can.</summary>
    private string? TransferRefusal(AgentId by) => TalkRefusal(by, "transferred");

    /// <summary>Why <paramref name="by"/> may not act on the call (see it <paramref name="done"/>), or null: only the agent talking on it can.</summary>
    private string? TalkRefusal(AgentId by, string done) =>
        Status != CallStatus.Talking ? $"call '{Id}' is {Status}: only a call being talked on can be {done}"
        : AgentId != by ? $"agent '{by}' is not talking on call '{Id}'"
        : null;

    /// <summary>Whether an agent's word about its <paramref name="reservation"/> is not about an earlier one than the call holds it by.</summary>
    private bool NotEarlier(int reservation) => AgentCall.NotEarlier(reservation, Reservation);

    private double TalkSeconds(DateTimeOffset now) => Math.Max(0, (now - AnsweredAt!.Value).TotalSeconds);

    /// <summary>The message for the call's gateway, if the call has one (a virtual call has no SIP legs to act on).</summary>
    private IProtocolMessage[] ToGateway(Func<string, IGatewayMessage> message) => Gateway is { } g ? [message(g)] : [];

    private IProtocolMessage[] Disconnect(AgentId agent, string reason) => ToGateway(g => new DisconnectAgent(g, Id, agent, reason));

    private IProtocolMessage[] Release(CallOutcome outcome, string? why)
    {
        var reason = outcome.ToString().ToLowerInvariant();
        return ToGateway(g => new ReleaseCall(g, Id, why is null ? reason : $"{reason}: {why}"));
    }

    public CallState Apply(ICallEvent e) => e switch
    {
        CallArrived c => this with
        {
            Status = c.Flow is null ? CallStatus.Queued : CallStatus.InIvr, From = c.From, To = c.To, QueueId = c.QueueId, Priority = c.Priority,
            RequiredSkills = c.RequiredSkills, Variables = c.Variables, ArrivedAt = c.At, QueuedAt = c.Flow is null ? c.At : null,
            Gateway = c.Gateway, Flow = c.Flow, TraceParent = c.TraceParent,
        },
        FlowStepReached c => this with { Step = c.Step, StepAttempt = c.Attempt, MediaSeq = Math.Max(MediaSeq, c.Seq) },
        CallVariablesSet c => this with { Variables = Variables.ToImmutableDictionary().SetItems(c.Values) },
        CallRoutingChanged c => this with { Priority = c.Priority, RequiredSkills = c.RequiredSkills },
        CallSentToQueue c => this with
        {
            Status = CallStatus.Queued, QueueId = c.QueueId, QueuedAt = c.At, Step = c.Step, StepAttempt = 0,
            MediaSeq = Math.Max(MediaSeq, c.Seq), ExitDigit = c.ExitDigit, ExitTo = c.ExitTo, AnnouncedPosition = 0, AnnouncedWaitSeconds = 0,
        },
        CallExitedQueue => this with { Status = CallStatus.InIvr, AgentId = null, OfferedAt = null, ExitDigit = null, ExitTo = null, Reservation = 0 },
        CallHoldAnnounced c => this with { MediaSeq = Math.Max(MediaSeq, c.Seq), AnnouncedPosition = c.Position, AnnouncedWaitSeconds = c.EstimatedWaitSeconds },
        CallRecordingSaved c => this with { Recordings = [.. Recordings ?? [], new CallRecording(c.AgentId, c.Path, c.DurationSeconds, c.Sha256, c.At)] },
        CallMovedToQueue c => this with { QueueId = c.QueueId, QueuedAt = c.At },
        CallOfferedToAgent c => this with { Status = CallStatus.Offered, AgentId = c.AgentId, OfferedAt = c.At, Reservation = c.Reservation },
        CallOfferToAgentWithdrawn w => this with
        {
            Status = CallStatus.Queued, AgentId = null, VoidAnswerFrom = w.Reason == AnswerLost ? w.AgentId : VoidAnswerFrom, Reservation = 0,
        },
        CallLateAnswerDiscarded => this with { VoidAnswerFrom = null },
        CallAnsweredByAgent c => this with
        {
            Status = CallStatus.Talking, AgentId = c.AgentId, AnsweredAt = c.At, HandledBy = [.. Handlers, c.AgentId], Reservation = c.Reservation,
        },
        CallHeld c => this with { HeldSince = c.At, MediaSeq = Math.Max(MediaSeq, c.Seq) },
        CallResumed c => OffHold(c.At) with { MediaSeq = Math.Max(MediaSeq, c.Seq) },
        CallTransferred c => OffHold(c.At) with
        {
            Status = CallStatus.Queued, QueueId = c.ToQueue, QueuedAt = c.At, AgentId = null, OfferedAt = null, AnsweredAt = null,
            Transfers = Transfers + 1, ExitDigit = null, ExitTo = null, Reservation = 0,
        },
        CallTransferredOut c => this with { TransferredOutTo = c.Number },
        CallEnded c => OffHold(c.At) with
        {
            Status = CallStatus.Ended, Outcome = c.Outcome, EndedAt = c.At,
            AgentId = c.Outcome == CallOutcome.Completed ? AgentId : null,
        },
        CallDispositionSet c => this with { Disposition = c.Disposition, DispositionNotes = c.Notes },
        _ => this,
    };

    /// <summary>A hold ends (resumed, transferred, or the call ended on hold): its time is added up.</summary>
    private CallState OffHold(DateTimeOffset at) => HeldSince is { } since
        ? this with { HeldSince = null, HeldSeconds = HeldSeconds + Math.Max(0, (at - since).TotalSeconds) }
        : this;

    public CallView ToView() => new(Id, Status, From, To, QueueId, Priority, RequiredSkills, Variables, AgentId, Outcome,
        Disposition, DispositionNotes, ArrivedAt, QueuedAt, OfferedAt, AnsweredAt, EndedAt,
        Outcome is CallOutcome.Abandoned or CallOutcome.AbandonedInIvr ? EndedAt : null, Flow, Step, Recordings,
        OnHold: HeldSince is not null, HeldSince, HeldSeconds, TransferredOutTo);
}
