using Akka.Cluster.Hosting;
using CallCenter.Actors.Entities;
using CallCenter.Node.Configuration;
using CallCenter.Node.Persistence;

namespace CallCenter.Node.Hosting;

/// <summary>Shard options every sharded entity region of the node shares.</summary>
public static class CallCenterShardOptions
{
    /// <summary>
    /// Entities live on <see cref="NodeRoles.Routing"/> nodes and persist to the SQL journal and snapshot
    /// store. Remember-entities is off here; the regions whose entities run timers (agents, queues)
    /// turn it on (see <c>CallCenterEntities</c>). A shard handing its entities over stops each once its
    /// stored decisions are out (<see cref="StopEntity"/>).
    /// </summary>
    public static ShardOptions Create() => new()
    {
        Role = NodeRoles.Routing,
        JournalPluginId = PersistencePlugins.JournalId,
        SnapshotPluginId = PersistencePlugins.SnapshotStoreId,
        RememberEntities = false,
        HandOffStopMessage = StopEntity.Instance,
    };
}
