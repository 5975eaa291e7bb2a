using CallCenter.Actors.Definition;

namespace CallCenter.Actors.Routing;

/// <summary>
/// A queue's way of choosing among the agents able to take a call, expressed as an order over
/// available agents: the first agent in that order who meets the call's requirements is chosen.
/// Keeping agents sorted in this order means a pick does not scan every agent.
/// </summary>
public abstract class RoutingStrategy : IComparer<AvailableAgent>
{
    public static readonly RoutingStrategy LongestIdle = new LongestIdleStrategy();
    public static readonly RoutingStrategy MostSkilled = new MostSkilledStrategy();
    public static readonly RoutingStrategy RoundRobin = new RoundRobinStrategy();
    public static readonly RoutingStrategy FewestCalls = new FewestCallsStrategy();

    public static RoutingStrategy For(RoutingStrategyKind kind) => kind switch
    {
        RoutingStrategyKind.MostSkilled => MostSkilled,
        RoutingStrategyKind.RoundRobin => RoundRobin,
        RoutingStrategyKind.FewestCalls => FewestCalls,
        _ => LongestIdle,
    };

    public abstract RoutingStrategyKind Kind { get; }

    public int Compare(AvailableAgent? x, AvailableAgent? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = CompareKeys(x, y);
        return c != 0 ? c : string.CompareOrdinal(x.AgentId.Value, y.AgentId.Value);
    }

    protected abstract int CompareKeys(AvailableAgent x, AvailableAgent y);

    /// <summary>The agent idle the longest goes first (the industry's fairest default).</summary>
    private sealed class LongestIdleStrategy : RoutingStrategy
    {
        public override RoutingStrategyKind Kind => RoutingStrategyKind.LongestIdle;
        protected override int CompareKeys(AvailableAgent x, AvailableAgent y) => x.IdleSince.CompareTo(y.IdleSince);
    }

    /// <summary>Highest proficiency in the queue's skills first, then longest idle.</summary>
    private sealed class MostSkilledStrategy : RoutingStrategy
    {
        public override RoutingStrategyKind Kind => RoutingStrategyKind.MostSkilled;
        protected override int CompareKeys(AvailableAgent x, AvailableAgent y)
        {
            var c = y.SkillScore.CompareTo(x.SkillScore);
            return c != 0 ? c : x.IdleSince.CompareTo(y.IdleSince);
        }
    }

    /// <summary>The agent this queue offered a call to least recently goes first, so offers rotate.</summary>
    private sealed class RoundRobinStrategy : RoutingStrategy
    {
        public override RoutingStrategyKind Kind => RoutingStrategyKind.RoundRobin;
        protected override int CompareKeys(AvailableAgent x, AvailableAgent y) => x.LastOffered.CompareTo(y.LastOffered);
    }

    /// <summary>The agent who handled the fewest calls goes first, then longest idle.</summary>
    private sealed class FewestCallsStrategy : RoutingStrategy
    {
        public override RoutingStrategyKind Kind => RoutingStrategyKind.FewestCalls;
        protected override int CompareKeys(AvailableAgent x, AvailableAgent y)
        {
            var c = x.CallsHandled.CompareTo(y.CallsHandled);
            return c != 0 ? c : x.IdleSince.CompareTo(y.IdleSince);
        }
    }
}
