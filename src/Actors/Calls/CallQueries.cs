namespace CallCenter.Actors.Calls;

/// <summary>Where a call is in its life.</summary>
public enum CallStatus
{
    /// <summary>The entity has no call under this id.</summary>
    Unknown,
    Queued,
    Offered,
    Talking,
    Ended,
}

/// <summary>A call as the API shows it, with every timestamp a KPI needs.</summary>
public sealed record CallView(
    CallId CallId,
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
    DateTimeOffset? AbandonedAt) : IProtocolMessage;
