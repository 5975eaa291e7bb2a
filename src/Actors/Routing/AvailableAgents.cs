using System.Collections.Immutable;

namespace CallCenter.Actors.Routing;

/// <summary>
/// The agents a queue may offer calls to, kept sorted in its strategy's order so that a pick
/// walks only until the first agent who meets the call's requirements. Immutable.
/// </summary>
public sealed class AvailableAgents
{
    private readonly ImmutableDictionary<AgentId, AvailableAgent> _byId;
    private readonly ImmutableSortedSet<AvailableAgent> _ordered;

    private AvailableAgents(RoutingStrategy strategy, ImmutableDictionary<AgentId, AvailableAgent> byId, ImmutableSortedSet<AvailableAgent> ordered)
    {
        Strategy = strategy;
        _byId = byId;
        _ordered = ordered;
    }

    public static AvailableAgents Empty(RoutingStrategy strategy) =>
        new(strategy, ImmutableDictionary<AgentId, AvailableAgent>.Empty, ImmutableSortedSet.Create<AvailableAgent>(strategy));

    public RoutingStrategy Strategy { get; }

    public int Count => _byId.Count;

    public bool Contains(AgentId id) => _byId.ContainsKey(id);

    /// <summary>Agents in the strategy's order.</summary>
    public IEnumerable<AvailableAgent> InOrder => _ordered;

    public AvailableAgents Add(AvailableAgent agent)
    {
        var without = Remove(agent.AgentId);
        return new(Strategy, without._byId.SetItem(agent.AgentId, agent), without._ordered.Add(agent));
    }

    public AvailableAgents Remove(AgentId id) =>
        _byId.TryGetValue(id, out var existing)
            ? new(Strategy, _byId.Remove(id), _ordered.Remove(existing))
            : this;

    /// <summary>Re-sorts every agent under another strategy (the queue's definition changed).</summary>
    public AvailableAgents WithStrategy(RoutingStrategy strategy) =>
        ReferenceEquals(strategy, Strategy) ? this : new(strategy, _byId, ImmutableSortedSet.CreateRange(strategy, _byId.Values));

    /// <summary>
    /// The first agent, in the strategy's order, who meets the requirements; null when none does. A call for
    /// <paramref name="onlyAgent"/> goes to that agent if available (and with a phone when it needs one), or waits.
    /// </summary>
    public AvailableAgent? Pick(IReadOnlyDictionary<string, int> required, int? widenedTo, bool needsPhone = false, AgentId? onlyAgent = null)
    {
        if (onlyAgent is not null)
            return _byId.TryGetValue(onlyAgent, out var named) && named.Meets(required, widenedTo, needsPhone, onlyAgent) ? named : null;
        foreach (var agent in _ordered)
            if (agent.Meets(required, widenedTo, needsPhone))
                return agent;
        return null;
    }
}
