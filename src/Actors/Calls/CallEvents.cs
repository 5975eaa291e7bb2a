namespace CallCenter.Actors.Calls;

/// <summary>Something that happened to a call; persisted in the call's journal.</summary>
public interface ICallEvent : IProtocolMessage;

/// <summary>The call arrived and was sent to its queue, or to its IVR <see cref="Flow"/>.</summary>
public sealed record CallArrived(
    string From,
    string To,
    QueueId? QueueId,
    int Priority,
    IReadOnlyDictionary<string, int> RequiredSkills,
    IReadOnlyDictionary<string, string> Variables,
    DateTimeOffset At,
    string? Gateway = null,
    string? Flow = null) : ICallEvent;

/// <summary>The call now waits in <see cref="QueueId"/> (first queue, or after an overflow).</summary>
public sealed record CallMovedToQueue(QueueId QueueId, DateTimeOffset At) : ICallEvent;

/// <summary>An agent was reserved for the call and is being offered it.</summary>
public sealed record CallOfferedToAgent(AgentId AgentId, QueueId QueueId, DateTimeOffset At) : ICallEvent;

/// <summary>The offer to an agent failed; the call waits again.</summary>
public sealed record CallOfferToAgentWithdrawn(AgentId AgentId, string Reason, DateTimeOffset At) : ICallEvent;

/// <summary>The agent answered: caller and agent are talking.</summary>
public sealed record CallAnsweredByAgent(AgentId AgentId, DateTimeOffset At) : ICallEvent;

/// <summary>
/// The agent transferred the call blind to <see cref="ToQueue"/> (for <see cref="ToAgent"/> only, if named):
/// it waits there again, the agent wraps up.
/// </summary>
public sealed record CallTransferred(AgentId From, QueueId ToQueue, DateTimeOffset At, AgentId? ToAgent = null) : ICallEvent;

/// <summary>The agent transferred the call blind to the outside <see cref="Number"/>; the call ends next.</summary>
public sealed record CallTransferredOut(AgentId By, string Number, DateTimeOffset At) : ICallEvent;

/// <summary>How a call's life ended.</summary>
public enum CallOutcome
{
    /// <summary>Answered and then hung up by either side.</summary>
    Completed,
    /// <summary>The caller hung up before an agent answered.</summary>
    Abandoned,
    /// <summary>The queue refused it (full, or waited too long) with nowhere to send it.</summary>
    Refused,
}

/// <summary>The call is over.</summary>
public sealed record CallEnded(CallOutcome Outcome, CallParty By, string? Reason, DateTimeOffset At) : ICallEvent;

/// <summary>The agent's disposition and notes for the call.</summary>
public sealed record CallDispositionSet(AgentId AgentId, string Disposition, string? Notes) : ICallEvent;
