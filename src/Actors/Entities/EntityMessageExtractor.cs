using Akka.Cluster.Sharding;

namespace CallCenter.Actors.Entities;

/// <summary>Finds the entity a message is for from its typed id; the same for every kind.</summary>
public sealed class EntityMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    /// <summary>
    /// Ten shards per routing node for the largest cluster we plan (10 nodes) keeps rebalancing
    /// granular without making the coordinator's state large.
    /// </summary>
    public const int DefaultShardCount = 100;

    public EntityMessageExtractor() : this(DefaultShardCount)
    {
    }

    public override string? EntityId(object message) => message switch
    {
        ICallMessage m => m.CallId.Value,
        IAgentMessage m => m.AgentId.Value,
        IQueueMessage m => m.QueueId.Value,
        _ => null,
    };
}
