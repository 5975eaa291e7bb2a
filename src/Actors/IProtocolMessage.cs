namespace CallCenter.Actors;

/// <summary>
/// Marker for everything that is persisted or crosses the cluster: selects our serializer
/// (<see cref="Serialization.ProtocolSerializer"/>), which writes a stable manifest per type.
/// </summary>
public interface IProtocolMessage;

/// <summary>A message addressed to one call's entity.</summary>
public interface ICallMessage : IProtocolMessage
{
    CallId CallId { get; }
}

/// <summary>A message addressed to one agent's entity.</summary>
public interface IAgentMessage : IProtocolMessage
{
    AgentId AgentId { get; }
}

/// <summary>A message addressed to one queue's entity.</summary>
public interface IQueueMessage : IProtocolMessage
{
    QueueId QueueId { get; }
}
