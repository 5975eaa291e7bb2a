namespace CallCenter.Actors.Agents;

/// <summary>Asks for the agent's current state; answered with <see cref="AgentView"/>.</summary>
public sealed record GetAgent(AgentId AgentId) : IAgentMessage;

/// <summary>
/// An agent as the API and the desktop show it. <see cref="CallsToday"/> and <see cref="HandleSecondsToday"/> (talk,
/// hold and wrap-up) count the calls the agent finished today (UTC).
/// </summary>
public sealed record AgentView(
    AgentId AgentId,
    bool Configured,
    string Name,
    string Site,
    AgentStatus Status,
    string? Reason,
    DateTimeOffset StatusSince,
    CallId? CallId,
    QueueId? QueueId,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<QueueId> Queues,
    int CallsHandled,
    DateTimeOffset? WrapUpEndsAt,
    string? Phone = null,
    bool OnHold = false,
    int CallsToday = 0,
    double HandleSecondsToday = 0) : IProtocolMessage;
