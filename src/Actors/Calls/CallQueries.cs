namespace CallCenter.Actors.Calls;

/// <summary>Where a call is in its life.</summary>
public enum CallStatus
{
    /// <summary>The entity has no call under this id.</summary>
    Unknown,
    /// <summary>In its IVR flow: a prompt, a menu, digits being collected, a data dip.</summary>
    InIvr,
    Queued,
    Offered,
    Talking,
    Ended,
}

/// <summary>
/// A call as the API shows it, with every timestamp a KPI needs. <see cref="HeldSeconds"/> adds up the holds that
/// ended; one going on started at <see cref="HeldSince"/>. <see cref="TransferredOutTo"/>: the number a transfer out (by
/// the agent or the flow) sent the caller to.
/// </summary>
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
    DateTimeOffset? AbandonedAt,
    string? Flow = null,
    string? Step = null,
    IReadOnlyList<CallRecording>? Recordings = null,
    bool OnHold = false,
    DateTimeOffset? HeldSince = null,
    double HeldSeconds = 0,
    string? TransferredOutTo = null) : IProtocolMessage;

/// <summary>A saved recording of a call (stereo WAV on the gateway that recorded it: caller left, agent right).</summary>
public sealed record CallRecording(AgentId AgentId, string Path, double DurationSeconds, string Sha256, DateTimeOffset SavedAt);
