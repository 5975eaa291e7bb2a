using System.Text.Json.Serialization;

namespace CallCenter.Actors.Queues;

/// <summary>
/// A call waiting in a queue. Ordered by priority (higher first), then by when the call arrived
/// in the center, then by when it joined this queue (<see cref="Sequence"/>). A call that
/// <see cref="NeedsPhone"/> (it has SIP legs) goes only to an agent with a registered phone.
/// <see cref="Transfers"/> names the call's stay (see <see cref="EnqueueCall"/>). A call with
/// <see cref="OnlyAgent"/> (transferred to that agent) is offered to no one else; it keeps its place
/// in the order, and calls behind it may be offered to other agents meanwhile.
/// </summary>
public sealed record WaitingCall(
    CallId CallId,
    int Priority,
    IReadOnlyDictionary<string, int> RequiredSkills,
    DateTimeOffset ArrivedAt,
    DateTimeOffset EnqueuedAt,
    long Sequence,
    AgentId? OfferedTo,
    DateTimeOffset? OfferedAt,
    int RulesApplied,
    int? WidenedTo,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool NeedsPhone = false,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Transfers = 0,
    AgentId? OnlyAgent = null)
{
    /// <summary>
    /// The call as sent on to <paramref name="queue"/> by an overflow rule or a redirect: same place in time,
    /// same stay, but for any agent there. The named agent was not available in time (or the queue was full):
    /// the caller should not wait for them beyond the rules that apply to every call.
    /// </summary>
    public EnqueueCall MoveTo(QueueId queue) => new(queue, CallId, Priority, RequiredSkills, ArrivedAt, NeedsPhone, Transfers);

    /// <summary>The waiting order: priority first, then arrival, then joining order.</summary>
    public static readonly IComparer<WaitingCall> Order = Comparer<WaitingCall>.Create((x, y) =>
    {
        var c = y.Priority.CompareTo(x.Priority);
        if (c != 0) return c;
        c = x.ArrivedAt.CompareTo(y.ArrivedAt);
        return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
    });
}
