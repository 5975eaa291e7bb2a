namespace CallCenter.Actors.Routing;

/// <summary>
/// An agent a queue may offer calls to, with what the strategies order by.
/// <see cref="SkillScore"/> is the agent's summed proficiency in the queue's own skills;
/// <see cref="LastOffered"/> is the queue's offer counter when this agent was last offered a call;
/// <see cref="HasPhone"/> whether the agent's phone is registered (calls with SIP legs need one).
/// </summary>
public sealed record AvailableAgent(
    AgentId AgentId,
    IReadOnlyDictionary<string, int> Skills,
    DateTimeOffset IdleSince,
    int CallsHandled,
    int SkillScore,
    long LastOffered,
    bool HasPhone = false)
{
    /// <summary>
    /// True when the agent has every required skill at the required proficiency or above, and a
    /// phone when the call <paramref name="needsPhone"/>. A call transferred to a named agent
    /// (<paramref name="onlyAgent"/>) is met by that agent alone, skills aside: the transferring agent chose them.
    /// </summary>
    public bool Meets(IReadOnlyDictionary<string, int> required, int? widenedTo, bool needsPhone = false, AgentId? onlyAgent = null)
    {
        if (needsPhone && !HasPhone)
            return false;
        if (onlyAgent is not null)
            return onlyAgent == AgentId;
        foreach (var (skill, min) in required)
        {
            var needed = widenedTo is { } w ? Math.Min(min, w) : min;
            if (!Skills.TryGetValue(skill, out var level) || level < needed)
                return false;
        }
        return true;
    }
}
