using System.Collections.Immutable;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Queues;

namespace CallCenter.Actors.Calls;

/// <summary>
/// One call's life and the decisions it takes: the call is the arbiter of which agent it is
/// connected to, as the agent is the arbiter of which call it holds. Pure.
/// </summary>
public sealed record CallState(
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
    DateTimeOffset? EndedAt) : IProtocolMessage
{
    public static CallState Initial(CallId id) => new(id, CallStatus.Unknown, "", "", null, 0,
        ImmutableDictionary<string, int>.Empty, ImmutableDictionary<string, string>.Empty, null, null, null, null,
        null, null, null, null, null);

    private string EntityId => Id.Value;

    private bool Waiting => Status is CallStatus.Queued or CallStatus.Offered;

    public Decision<ICallEvent> Process(ICallMessage message, DateTimeOffset now) => message switch
    {
        StartCall c => Start(c, now),
        _ when Status == CallStatus.Unknown => Stray(message),
        CallQueued c => Queued(c, now),
        CallOffered c => Offered(c),
        // Only from the queue that holds the call: a late word from the queue it overflowed from is stale.
        OfferWithdrawn c => Status == CallStatus.Offered && AgentId == c.AgentId && c.QueueId == QueueId
            ? new Decision<ICallEvent>([new CallOfferToAgentWithdrawn(c.AgentId, c.Reason, c.At)], [], null)
            : Decision<ICallEvent>.Nothing,
        AgentAnswered c => Answered(c, now),
        HangUpCall c => HangUp(c, now),
        CallRefused c => Waiting
            ? new Decision<ICallEvent>([new CallEnded(CallOutcome.Refused, CallParty.System, c.Reason, c.At)],
                AgentId is { } offered ? [new AgentCallEnded(offered, Id, Talked: false)] : [], null)
            : Decision<ICallEvent>.Nothing,
        SetCallDisposition c => c.AgentId == AgentId && Status is CallStatus.Talking or CallStatus.Ended && AnsweredAt is not null
            ? Decision<ICallEvent>.Accept(EntityId, [new CallDispositionSet(c.AgentId, c.Disposition, c.Notes)])
            : Decision<ICallEvent>.Reject(EntityId, $"agent '{c.AgentId}' did not handle call '{Id}'"),
        _ => Decision<ICallEvent>.Reject(EntityId, $"unsupported message {message.GetType().Name}"),
    };

    private Decision<ICallEvent> Start(StartCall c, DateTimeOffset now) =>
        Status != CallStatus.Unknown
            ? Decision<ICallEvent>.Accept(EntityId)
            : Decision<ICallEvent>.Accept(EntityId,
                [new CallArrived(c.From, c.To, c.QueueId, c.Priority, c.RequiredSkills, c.Variables, now)],
                [new EnqueueCall(c.QueueId, Id, c.Priority, c.RequiredSkills, now)]);

    /// <summary>A message for a call that never started: free any agent it would hold.</summary>
    private Decision<ICallEvent> Stray(ICallMessage message) => message switch
    {
        CallOffered c => Decision<ICallEvent>.Send(new AgentCallEnded(c.AgentId, Id, Talked: false)),
        AgentAnswered c => Decision<ICallEvent>.Send(new AgentCallEnded(c.AgentId, Id, Talked: false)),
        HangUpCall or SetCallDisposition => Decision<ICallEvent>.Reject(EntityId, $"unknown call '{Id}'"),
        _ => Decision<ICallEvent>.Nothing,
    };

    private Decision<ICallEvent> Queued(CallQueued c, DateTimeOffset now)
    {
        // A queue's word can arrive after a newer one from the queue the call overflowed to: the older is stale.
        var moved = c.QueueId != QueueId && c.At >= QueuedAt;
        // A queue lets a call go only when it is offered to no one there: an offer the call still
        // believes in (its withdrawal overtaken by the new queue's word) is over.
        if (Waiting && moved)
            return new Decision<ICallEvent>(Status == CallStatus.Offered
                ? [new CallOfferToAgentWithdrawn(AgentId!, $"moved to queue '{c.QueueId}'", c.At), new CallMovedToQueue(c.QueueId, c.At)]
                : [new CallMovedToQueue(c.QueueId, c.At)], [], null);
        // Answered through the queue it overflowed to before hearing it waits there: that queue must let it go too.
        if (Status == CallStatus.Talking && moved)
            return new Decision<ICallEvent>([new CallMovedToQueue(c.QueueId, c.At)], [new CallAnswered(c.QueueId, Id, AgentId!, AnsweredAt!.Value)], null);
        return Status == CallStatus.Ended && Outcome != CallOutcome.Refused
            ? Decision<ICallEvent>.Send(new CallAbandoned(c.QueueId, Id, now))
            : Decision<ICallEvent>.Nothing;
    }

    private Decision<ICallEvent> Offered(CallOffered c)
    {
        // From a queue the call has since left (overflow): that queue no longer decides for the call.
        if (Status == CallStatus.Queued)
            return c.QueueId == QueueId
                ? new Decision<ICallEvent>([new CallOfferedToAgent(c.AgentId, c.QueueId, c.At)], [], null)
                : Decision<ICallEvent>.Nothing;
        if (AgentId == c.AgentId && Status is CallStatus.Offered or CallStatus.Talking)
            return Decision<ICallEvent>.Nothing;
        // Already with another agent, or over: that agent's reservation must not linger.
        return Decision<ICallEvent>.Send(new AgentCallEnded(c.AgentId, Id, Talked: false));
    }

    private Decision<ICallEvent> Answered(AgentAnswered c, DateTimeOffset now)
    {
        if (Waiting)
        {
            var messages = new List<IProtocolMessage> { new CallAnswered(QueueId!, Id, c.AgentId, now) };
            if (AgentId is { } offered && offered != c.AgentId)
                messages.Add(new AgentCallEnded(offered, Id, Talked: false));
            return new Decision<ICallEvent>([new CallAnsweredByAgent(c.AgentId, now)], messages, null);
        }
        return Status == CallStatus.Talking && AgentId == c.AgentId
            ? Decision<ICallEvent>.Nothing
            : Decision<ICallEvent>.Send(new AgentCallEnded(c.AgentId, Id, Talked: false));
    }

    private Decision<ICallEvent> HangUp(HangUpCall c, DateTimeOffset now)
    {
        if (Waiting)
        {
            var messages = new List<IProtocolMessage> { new CallAbandoned(QueueId!, Id, now) };
            if (AgentId is { } offered)
                messages.Add(new AgentCallEnded(offered, Id, Talked: false));
            return Decision<ICallEvent>.Accept(EntityId, [new CallEnded(CallOutcome.Abandoned, c.By, null, now)], messages);
        }
        if (Status == CallStatus.Talking)
            return Decision<ICallEvent>.Accept(EntityId, [new CallEnded(CallOutcome.Completed, c.By, null, now)],
            [
                new AgentCallEnded(AgentId!, Id, Talked: true),
                new CallCompleted(QueueId!, Id, Math.Max(0, (now - AnsweredAt!.Value).TotalSeconds)),
            ]);
        // Already over: say so again, so an agent that missed the first word is not left "on call".
        return AgentId is { } agent
            ? Decision<ICallEvent>.Accept(EntityId, messages: [new AgentCallEnded(agent, Id, Talked: AnsweredAt is not null)])
            : Decision<ICallEvent>.Accept(EntityId);
    }

    public CallState Apply(ICallEvent e) => e switch
    {
        CallArrived c => this with
        {
            Status = CallStatus.Queued, From = c.From, To = c.To, QueueId = c.QueueId, Priority = c.Priority,
            RequiredSkills = c.RequiredSkills, Variables = c.Variables, ArrivedAt = c.At, QueuedAt = c.At,
        },
        CallMovedToQueue c => this with { QueueId = c.QueueId, QueuedAt = c.At },
        CallOfferedToAgent c => this with { Status = CallStatus.Offered, AgentId = c.AgentId, OfferedAt = c.At },
        CallOfferToAgentWithdrawn => this with { Status = CallStatus.Queued, AgentId = null },
        CallAnsweredByAgent c => this with { Status = CallStatus.Talking, AgentId = c.AgentId, AnsweredAt = c.At },
        CallEnded c => this with
        {
            Status = CallStatus.Ended, Outcome = c.Outcome, EndedAt = c.At,
            AgentId = c.Outcome == CallOutcome.Completed ? AgentId : null,
        },
        CallDispositionSet c => this with { Disposition = c.Disposition, DispositionNotes = c.Notes },
        _ => this,
    };

    public CallView ToView() => new(Id, Status, From, To, QueueId, Priority, RequiredSkills, Variables, AgentId, Outcome,
        Disposition, DispositionNotes, ArrivedAt, QueuedAt, OfferedAt, AnsweredAt, EndedAt,
        Outcome == CallOutcome.Abandoned ? EndedAt : null);
}
