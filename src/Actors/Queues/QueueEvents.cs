using System.Text.Json.Serialization;
using CallCenter.Actors.Definition;

namespace CallCenter.Actors.Queues;

/// <summary>Something that happened in a queue; persisted in the queue's journal.</summary>
public interface IQueueEvent : IQueueChange, IProtocolMessage;

/// <summary>The queue's definition and membership were applied.</summary>
public sealed record QueueConfigured(QueueDefinition Definition, IReadOnlyList<AgentId> Members) : IQueueEvent;

/// <summary>A call started waiting.</summary>
public sealed record CallWaiting(
    CallId CallId,
    int Priority,
    IReadOnlyDictionary<string, int> RequiredSkills,
    DateTimeOffset ArrivedAt,
    DateTimeOffset EnqueuedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool NeedsPhone = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Transfers = 0,
    AgentId? OnlyAgent = null) : IQueueEvent;

/// <summary>A call the queue holds was sent to it again for a later stay (transferred here while an overflow here was on its way).</summary>
public sealed record CallStayRenewed(CallId CallId, int Transfers) : IQueueEvent;

/// <summary>The queue asked an agent to reserve for a waiting call.</summary>
public sealed record CallOfferPending(CallId CallId, AgentId AgentId, DateTimeOffset At) : IQueueEvent;

/// <summary>A pending or accepted offer failed; the call waits in its place again.</summary>
public sealed record CallOfferCancelled(CallId CallId, AgentId AgentId, string Reason) : IQueueEvent;

/// <summary>An overflow rule lowered the proficiency the call requires.</summary>
public sealed record CallRequirementWidened(CallId CallId, int RuleIndex, int MinProficiency) : IQueueEvent;

/// <summary>Why a call left the waiting list.</summary>
public enum CallRemovalReason
{
    Answered,
    Abandoned,
    Overflowed,
    Refused,
    /// <summary>The caller left by pressing the queue's exit digit.</summary>
    Exited,
}

/// <summary>A call left the waiting list; the queue's figures count it.</summary>
public sealed record CallLeftQueue(
    CallId CallId,
    CallRemovalReason Reason,
    DateTimeOffset At,
    AgentId? AgentId,
    QueueId? MovedTo) : IQueueEvent;

/// <summary>An answered call ended; feeds the average handle time.</summary>
public sealed record CallHandled(CallId CallId, double HandleSeconds) : IQueueEvent;
