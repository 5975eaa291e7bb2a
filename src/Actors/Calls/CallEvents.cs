using System.Text.Json.Serialization;

namespace CallCenter.Actors.Calls;

/// <summary>Something that happened to a call; persisted in the call's journal.</summary>
public interface ICallEvent : IProtocolMessage;

/// <summary>The call arrived and was sent to its queue, or to its IVR <see cref="Flow"/>; kept with it, the trace its spans join.</summary>
public sealed record CallArrived(
    string From,
    string To,
    QueueId? QueueId,
    int Priority,
    IReadOnlyDictionary<string, int> RequiredSkills,
    IReadOnlyDictionary<string, string> Variables,
    DateTimeOffset At,
    string? Gateway = null,
    string? Flow = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null) : ICallEvent;

/// <summary>The call now waits in <see cref="QueueId"/> (first queue, or after an overflow).</summary>
public sealed record CallMovedToQueue(QueueId QueueId, DateTimeOffset At) : ICallEvent;

/// <summary>An agent was reserved for the call and is being offered it.</summary>
public sealed record CallOfferedToAgent(AgentId AgentId, QueueId QueueId, DateTimeOffset At, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Reservation = 0) : ICallEvent;

/// <summary>The offer to an agent failed; the call waits again.</summary>
public sealed record CallOfferToAgentWithdrawn(AgentId AgentId, string Reason, DateTimeOffset At) : ICallEvent;

/// <summary>
/// A late answer from the agent whose offer was withdrawn because it hung up before the call heard it answer: that
/// agent was already told the call is not its own, so the answer is dropped (and the next one from it counts).
/// </summary>
public sealed record CallLateAnswerDiscarded(AgentId AgentId, DateTimeOffset At) : ICallEvent;

/// <summary>The agent answered: caller and agent are talking.</summary>
public sealed record CallAnsweredByAgent(AgentId AgentId, DateTimeOffset At, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Reservation = 0) : ICallEvent;

/// <summary>
/// The agent transferred the call blind to <see cref="ToQueue"/> (for <see cref="ToAgent"/> only, if named):
/// it waits there again, the agent wraps up.
/// </summary>
public sealed record CallTransferred(AgentId From, QueueId ToQueue, DateTimeOffset At, AgentId? ToAgent = null) : ICallEvent;

/// <summary>The agent (none: the IVR flow) transferred the call blind to the outside <see cref="Number"/>; the call ends next.</summary>
public sealed record CallTransferredOut(AgentId? By, string Number, DateTimeOffset At) : ICallEvent;

/// <summary>The agent put the caller on hold; the gateway holds them with media command <see cref="Seq"/>.</summary>
public sealed record CallHeld(AgentId By, int Seq, DateTimeOffset At) : ICallEvent;

/// <summary>The agent took the call off hold; the gateway bridges the legs again with media command <see cref="Seq"/>.</summary>
public sealed record CallResumed(AgentId By, int Seq, DateTimeOffset At) : ICallEvent;

/// <summary>How a call's life ended.</summary>
public enum CallOutcome
{
    /// <summary>Answered and then hung up by either side.</summary>
    Completed,
    /// <summary>The caller hung up before an agent answered.</summary>
    Abandoned,
    /// <summary>The queue refused it (full, or waited too long) with nowhere to send it.</summary>
    Refused,
    /// <summary>The caller hung up in the IVR, before the call reached a queue (not counted by any queue).</summary>
    AbandonedInIvr,
    /// <summary>The flow ended the call (a hang-up step, or a transfer to an outside number from the IVR).</summary>
    EndedByFlow,
}

/// <summary>The call is over.</summary>
public sealed record CallEnded(CallOutcome Outcome, CallParty By, string? Reason, DateTimeOffset At) : ICallEvent;

/// <summary>The agent's disposition and notes for the call.</summary>
public sealed record CallDispositionSet(AgentId AgentId, string Disposition, string? Notes) : ICallEvent;

/// <summary>
/// The call's flow reached <see cref="Step"/> (for the <see cref="Attempt"/>th time, counting from 0, after an invalid
/// or missing answer); <see cref="Seq"/> numbers the media command the step sent its gateway, if any.
/// </summary>
public sealed record FlowStepReached(string Step, int Attempt, int Seq, DateTimeOffset At) : ICallEvent;

/// <summary>The flow set call variables (collected digits, a data dip's answer, a set step); they travel with the call to its agent.</summary>
public sealed record CallVariablesSet(IReadOnlyDictionary<string, string> Values) : ICallEvent;

/// <summary>The flow changed what the call needs of its agent: its priority and required skills from now on.</summary>
public sealed record CallRoutingChanged(int Priority, IReadOnlyDictionary<string, int> RequiredSkills) : ICallEvent;

/// <summary>
/// The flow's queue step <see cref="Step"/> sent the call to <see cref="QueueId"/>; the caller holds (media command
/// <see cref="Seq"/>), and may press <see cref="ExitDigit"/> to leave for the flow's step <see cref="ExitTo"/>.
/// </summary>
public sealed record CallSentToQueue(QueueId QueueId, string Step, int Seq, string? ExitDigit, string? ExitTo, DateTimeOffset At) : ICallEvent;

/// <summary>The caller pressed the queue's exit digit: the call left its queue for the flow's exit step.</summary>
public sealed record CallExitedQueue(QueueId QueueId, DateTimeOffset At) : ICallEvent;

/// <summary>
/// The caller holds with media command <see cref="Seq"/>: told their <see cref="Position"/> and estimated wait, or
/// (position 0) put on hold without an announcement (arriving in a queue that holds its callers, after a transfer).
/// </summary>
public sealed record CallHoldAnnounced(int Seq, int Position, double EstimatedWaitSeconds, DateTimeOffset At) : ICallEvent;

/// <summary>A recording of the call with <see cref="AgentId"/> was saved by the gateway.</summary>
public sealed record CallRecordingSaved(AgentId AgentId, string Path, double DurationSeconds, string Sha256, DateTimeOffset At) : ICallEvent;
