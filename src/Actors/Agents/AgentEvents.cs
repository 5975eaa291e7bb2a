using System.Text.Json.Serialization;

namespace CallCenter.Actors.Agents;

/// <summary>Something that happened to an agent; persisted in the agent's journal.</summary>
public interface IAgentEvent : IProtocolMessage;

/// <summary>The agent's definition was applied.</summary>
public sealed record AgentConfigured(
    string Name,
    string Site,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<QueueId> Queues) : IAgentEvent;

/// <summary>Ready, not-ready (with reason) or logged-out, by request or after wrap-up.</summary>
public sealed record AgentStatusChanged(AgentStatus Status, string? Reason, DateTimeOffset At) : IAgentEvent;

/// <summary>The agent's phone is reachable at <see cref="Contact"/> until <see cref="ExpiresAt"/>.</summary>
public sealed record AgentPhoneRegistered(string Contact, DateTimeOffset ExpiresAt, DateTimeOffset At) : IAgentEvent;

/// <summary>The agent's phone can no longer be reached (unregistered, or its registration expired).</summary>
public sealed record AgentPhoneUnregistered(string Contact, string Reason, DateTimeOffset At) : IAgentEvent;

/// <summary>
/// The agent is held for one call until <see cref="ExpiresAt"/>: its <see cref="Reservation"/>th reservation (0 in events
/// stored before reservations were numbered).
/// </summary>
public sealed record AgentReserved(
    CallId CallId,
    QueueId QueueId,
    DateTimeOffset At,
    DateTimeOffset ExpiresAt,
    int WrapUpSeconds,
    bool AutoReadyAfterWrapUp,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Reservation = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Transfers = 0) : IAgentEvent;

/// <summary>The agent answered: now on the call.</summary>
public sealed record AgentConnected(CallId CallId, DateTimeOffset At) : IAgentEvent;

/// <summary>The reservation ended without a conversation (call gone, or refused); the agent is ready.</summary>
public sealed record AgentReservationReleased(CallId CallId, string Reason, DateTimeOffset At) : IAgentEvent;

/// <summary>The offered call rang out or was rejected: the agent goes not-ready with <see cref="Reason"/>.</summary>
public sealed record AgentMissedOffer(CallId CallId, string Reason, DateTimeOffset At) : IAgentEvent;

/// <summary>The call ended; wrap-up lasts until <see cref="EndsAt"/>, or until the agent says so when null.</summary>
public sealed record AgentWrapUpStarted(CallId CallId, DateTimeOffset At, DateTimeOffset? EndsAt) : IAgentEvent;

/// <summary>The agent's caller went on hold (<see cref="OnHold"/>) or came back.</summary>
public sealed record AgentHoldChanged(CallId CallId, bool OnHold, DateTimeOffset At) : IAgentEvent;
