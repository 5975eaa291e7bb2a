using System.Text.Json.Serialization;
using CallCenter.Actors.Definition;

namespace CallCenter.Actors.Queues;

/// <summary>Something a queue's entity is told or asked.</summary>
public interface IQueueCommand : IQueueMessage;

/// <summary>Applies the queue's definition and the agents who serve it (idempotent).</summary>
public sealed record ConfigureQueue(QueueId QueueId, QueueDefinition Definition, IReadOnlyList<AgentId> Members)
    : IQueueCommand;

/// <summary>
/// A call joins the queue. <see cref="ArrivedAt"/> is when the call first arrived in the center:
/// a call moved here by an overflow rule keeps its original place in time. <see cref="Transfers"/>
/// is how many times the call had been transferred when it was sent here: it names the call's stay
/// in the queues (kept through overflows), and the queue repeats it in every word to the call, so
/// that the call can tell a late word about an earlier stay from one about this stay. A call with
/// <see cref="OnlyAgent"/> (transferred to a named agent) is offered to that agent only.
/// </summary>
public sealed record EnqueueCall(
    QueueId QueueId,
    CallId CallId,
    int Priority,
    IReadOnlyDictionary<string, int> RequiredSkills,
    DateTimeOffset ArrivedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool NeedsPhone = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Transfers = 0,
    AgentId? OnlyAgent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null) : IQueueCommand;

/// <summary>An agent of this queue is ready and may be offered calls.</summary>
public sealed record AgentAvailable(
    QueueId QueueId,
    AgentId AgentId,
    IReadOnlyDictionary<string, int> Skills,
    DateTimeOffset IdleSince,
    int CallsHandled,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool HasPhone = false) : IQueueCommand;

/// <summary>An agent of this queue can no longer be offered calls: busy with a call (still staffed), or not ready / logged out.</summary>
public sealed record AgentUnavailable(QueueId QueueId, AgentId AgentId, bool Busy) : IQueueCommand;

/// <summary>The agent accepted the reservation the queue asked for.</summary>
/// <remarks><see cref="Phone"/> is the agent's registered contact, which the call's gateway rings.</remarks>
public sealed record ReservationAccepted(
    QueueId QueueId,
    AgentId AgentId,
    CallId CallId,
    string? Phone = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Reservation = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Transfers = 0) : IQueueCommand;

/// <summary>The agent refused the reservation (busy, not ready, reserved elsewhere).</summary>
public sealed record ReservationDeclined(QueueId QueueId, AgentId AgentId, CallId CallId, string Reason)
    : IQueueCommand;

/// <summary>An accepted offer failed (ring-no-answer, rejected): the call goes back to waiting in its place.</summary>
public sealed record OfferFailed(QueueId QueueId, AgentId AgentId, CallId CallId, string Reason) : IQueueCommand;

/// <summary>
/// The call was answered by the agent: it leaves the waiting list, unless the queue holds it for a
/// later stay than <see cref="Transfers"/> (see <see cref="EnqueueCall"/>).
/// </summary>
public sealed record CallAnswered(
    QueueId QueueId,
    CallId CallId,
    AgentId AgentId,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Transfers = 0) : IQueueCommand;

/// <summary>The caller hung up while waiting, or (<see cref="Exited"/>) left by pressing the queue's exit digit.</summary>
public sealed record CallAbandoned(
    QueueId QueueId,
    CallId CallId,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Exited = false) : IQueueCommand;

/// <summary>An answered call of this queue ended after <see cref="HandleSeconds"/> of talk.</summary>
public sealed record CallCompleted(QueueId QueueId, CallId CallId, double HandleSeconds) : IQueueCommand;

/// <summary>Asks for the queue's waiting calls, available agents and figures; answered with <see cref="QueueView"/>.</summary>
public sealed record GetQueue(QueueId QueueId) : IQueueCommand;

/// <summary>Asks where a call waits (what its caller is told while holding); answered with <see cref="CallPosition"/>.</summary>
public sealed record GetCallPosition(QueueId QueueId, CallId CallId) : IQueueCommand;
