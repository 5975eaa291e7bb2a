using CallCenter.Actors.Routing;

namespace CallCenter.Actors.Queues;

/// <summary>A change to a queue's state: a persisted event, or a change to its index of available agents.</summary>
public interface IQueueChange;

/// <summary>
/// Not persisted: the index of available agents is a cache of what the agents said, rebuilt after
/// recovery by asking every member agent (<see cref="Agents.RequestAvailability"/>).
/// </summary>
public interface IQueueIndexChange : IQueueChange;

/// <summary>An agent joined (or refreshed its entry in) the index.</summary>
public sealed record AgentIndexed(AvailableAgent Agent) : IQueueIndexChange;

/// <summary>An agent left the index; <see cref="StillStaffed"/> when it is busy rather than away.</summary>
public sealed record AgentUnindexed(AgentId AgentId, bool StillStaffed) : IQueueIndexChange;
