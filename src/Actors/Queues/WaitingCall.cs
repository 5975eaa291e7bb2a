using System.Text.Json.Serialization;

namespace CallCenter.Actors.Queues;

/// <summary>
/// A call waiting in a queue. Ordered by priority (higher first), then by when the call arrived
/// in the center, then by when it joined this queue (<see cref="Sequence"/>). A call that
/// <see cref="NeedsPhone"/> (it has SIP legs) goes only to an agent with a registered phone.
/// <see cref="Transfers"/> names the call's stay (see <see cref="EnqueueCall"/>).
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
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] int Transfers = 0)
{
    /// <summary>The call as sent on to <paramref name="queue"/> by an overflow rule or a redirect: same place in time, same stay.</summary>
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
