using System.Text.Json.Serialization;
using CallCenter.Actors.Definition;

namespace CallCenter.Actors.Queues;

/// <summary>A waiting call as the API shows it.</summary>
public sealed record WaitingCallView(
    CallId CallId,
    int Position,
    int Priority,
    DateTimeOffset ArrivedAt,
    double WaitSeconds,
    double EstimatedWaitSeconds,
    AgentId? OfferedTo);

/// <summary>Where a call waits: <see cref="Position"/> from 1 (0: not waiting here) and the estimated wait there.</summary>
public sealed record CallPosition(CallId CallId, int Position, double EstimatedWaitSeconds) : IProtocolMessage;

/// <summary>An agent the queue may offer calls to.</summary>
public sealed record AvailableAgentView(AgentId AgentId, DateTimeOffset IdleSince, int CallsHandled);

/// <summary>The queue's running figures since it was created (<see cref="Exited"/>: callers who left with the exit digit, not counted as abandoned).</summary>
public sealed record QueueFigures(
    int Offered,
    int Answered,
    int AnsweredWithinServiceLevel,
    int Abandoned,
    int Overflowed,
    int Refused,
    double TotalAnswerWaitSeconds,
    int Handled,
    double TotalHandleSeconds,
    int Exited = 0)
{
    public static readonly QueueFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Answered within the threshold over answered (1 when nothing was answered yet).</summary>
    public double ServiceLevel => Answered == 0 ? 1 : (double)AnsweredWithinServiceLevel / Answered;

    public double AverageSpeedOfAnswerSeconds => Answered == 0 ? 0 : TotalAnswerWaitSeconds / Answered;

    public double AverageHandleSeconds => Handled == 0 ? 0 : TotalHandleSeconds / Handled;
}

/// <summary>The queue as the API and the wallboard show it.</summary>
public sealed record QueueView(
    QueueId QueueId,
    bool Configured,
    RoutingStrategyKind Strategy,
    IReadOnlyList<WaitingCallView> Waiting,
    IReadOnlyList<AvailableAgentView> AvailableAgents,
    QueueFigures Figures,
    double LongestWaitSeconds) : IProtocolMessage;

/// <summary>Tells a call which queue it now waits in and where (sent on enqueue and on overflow), for which stay (<see cref="EnqueueCall.Transfers"/>).</summary>
public sealed record CallQueued(
    CallId CallId,
    QueueId QueueId,
    int Position,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Transfers = 0) : ICallMessage;

/// <summary>
/// An agent accepted the reservation for this call: the agent's phone rings. <see cref="Transfers"/> names the stay it was
/// offered in, <see cref="Reservation"/> which of the agent's reservations it is.
/// </summary>
public sealed record CallOffered(
    CallId CallId,
    AgentId AgentId,
    QueueId QueueId,
    DateTimeOffset At,
    string? Phone = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Transfers = 0,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Reservation = 0) : ICallMessage;

/// <summary>The offer to <see cref="AgentId"/> from <see cref="QueueId"/> failed; the call waits in its place again.</summary>
public sealed record OfferWithdrawn(CallId CallId, AgentId AgentId, QueueId QueueId, string Reason, DateTimeOffset At) : ICallMessage;

/// <summary>The queue would not (or could no longer) keep the call and had nowhere to send it: the call ends (if still in that stay).</summary>
public sealed record CallRefused(
    CallId CallId,
    QueueId QueueId,
    string Reason,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Transfers = 0) : ICallMessage;
