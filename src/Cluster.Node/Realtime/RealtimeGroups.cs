using CallCenter.Actors;

namespace CallCenter.Node.Realtime;

/// <summary>The hub's group names and the client methods it pushes to them.</summary>
public static class RealtimeGroups
{

    /// <summary>Client method receiving an agent's view after each stored change.</summary>
    public const string AgentMethod = "agent";

    /// <summary>Client method receiving a queue's view (at most once a second per queue).</summary>
    public const string QueueMethod = "queue";

    /// <summary>The connections watching one agent (every tab the agent has open, supervisors).</summary>
    public static string Agent(AgentId agent) => Agent(agent.Value);

    public static string Agent(string agentId) => $"agent:{agentId}";

    /// <summary>The connections watching one queue: those who may read it.</summary>
    public static string Queue(QueueId queue) => $"queue:{queue.Value}";
}
