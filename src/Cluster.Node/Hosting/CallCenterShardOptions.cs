using Akka.Cluster.Hosting;
using CallCenter.Node.Configuration;
using CallCenter.Node.Persistence;

namespace CallCenter.Node.Hosting;

/// <summary>Shard options every sharded entity region of the node shares.</summary>
public static class CallCenterShardOptions
{
    /// <summary>
    /// Entities live on <see cref="NodeRoles.Routing"/> nodes and persist to the SQL journal and snapshot
    /// store. Remember-entities stays off: an entity with work in flight is woken by the message that
    /// concerns it (a timer, a call event), and an idle one has nothing to resume.
    /// </summary>
    public static ShardOptions Create() => new()
    {
        Role = NodeRoles.Routing,
        JournalPluginId = PersistencePlugins.JournalId,
        SnapshotPluginId = PersistencePlugins.SnapshotStoreId,
        RememberEntities = false,
    };
}
