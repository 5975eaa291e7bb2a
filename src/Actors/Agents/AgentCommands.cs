using System.Text.Json.Serialization;

namespace CallCenter.Actors.Agents;

/// <summary>Something an agent's entity is asked to do.</summary>
public interface IAgentCommand : IAgentMessage;

/// <summary>Applies the agent's definition (idempotent: no event when nothing changed).</summary>
public sealed record ConfigureAgent(
    AgentId AgentId,
    string Name,
    string Site,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<QueueId> Queues) : IAgentCommand;

/// <summary>The agent (or a supervisor) asks for ready, not-ready with a reason, or logged-out.</summary>
public sealed record SetAgentStatus(AgentId AgentId, RequestedStatus Status, string? Reason) : IAgentCommand;

/// <summary>
/// A queue asks to hold this agent for one call. The agent accepts at most one reservation;
/// the reservation expires (ring-no-answer) after <see cref="RingTimeoutSeconds"/>.
/// </summary>
public sealed record ReserveAgent(
    AgentId AgentId,
    CallId CallId,
    QueueId QueueId,
    int RingTimeoutSeconds,
    int WrapUpSeconds,
    bool AutoReadyAfterWrapUp,
    // Left out of the JSON when false (here and on the queue's records): a virtual call's messages and events stay as they were.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool NeedsPhone = false,
    // Which stay of the call in the queue (see EnqueueCall.Transfers): a call transferred back to the same queue is asked for anew.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Transfers = 0) : IAgentCommand;

/// <summary>The agent answers the call they are reserved for.</summary>
/// <remarks>From the agent's phone the call is named: an answer for a call the agent no longer holds is refused.</remarks>
public sealed record AnswerOffer(AgentId AgentId, CallId? CallId = null) : IAgentCommand;

/// <summary>The agent refuses the call they are reserved for (it goes to the next agent).</summary>
/// <remarks>
/// From the gateway the call is named and <see cref="Reason"/> says why (the phone answered busy, or could not be
/// reached): the agent goes not-ready with that reason.
/// </remarks>
public sealed record RejectOffer(AgentId AgentId, CallId? CallId = null, string? Reason = null) : IAgentCommand;

/// <summary>The agent's phone registered (or refreshed its registration) at <see cref="Contact"/> until <see cref="ExpiresAt"/>.</summary>
public sealed record RegisterPhone(AgentId AgentId, string Contact, DateTimeOffset ExpiresAt) : IAgentCommand;

/// <summary>The agent's phone at <see cref="Contact"/> unregistered or its registration expired.</summary>
public sealed record UnregisterPhone(AgentId AgentId, string Contact) : IAgentCommand;

/// <summary>The agent hangs up their current call.</summary>
public sealed record HangUpAgentCall(AgentId AgentId) : IAgentCommand;

/// <summary>The agent says wrap-up is done and they are ready again.</summary>
public sealed record FinishWrapUp(AgentId AgentId) : IAgentCommand;

/// <summary>
/// The call's entity tells the agent the call is over. <see cref="Talked"/> says whether the
/// agent was connected (then wrap-up follows) or only reserved (then the agent is free again). <see cref="Reservation"/>:
/// which of the agent's reservations the call means, when it knows (0: whichever the agent holds for the call).
/// </summary>
public sealed record AgentCallEnded(AgentId AgentId, CallId CallId, bool Talked, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Reservation = 0) : IAgentCommand;

/// <summary>The call's entity tells the agent talking on it that the caller is now on hold, or no longer.</summary>
public sealed record AgentCallHoldChanged(AgentId AgentId, CallId CallId, bool OnHold) : IAgentCommand;

/// <summary>
/// The queue no longer offers this call to the agent (the call left, or went to another agent) although
/// the agent accepted: an agent still only reserved for it is freed; one already connected stays, as
/// the call itself tells it whether the conversation is real.
/// </summary>
public sealed record ReleaseReservation(AgentId AgentId, CallId CallId, QueueId QueueId, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Reservation = 0) : IAgentCommand;

/// <summary>A queue (re)building its index asks the agent to say whether it is available.</summary>
public sealed record RequestAvailability(AgentId AgentId, QueueId QueueId) : IAgentCommand;
