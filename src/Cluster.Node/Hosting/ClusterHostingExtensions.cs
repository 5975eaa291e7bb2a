using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using CallCenter.Node.Configuration;

namespace CallCenter.Node.Hosting;

/// <summary>
/// Remoting and clustering for a node, bound from <see cref="NodeClusterOptions"/>, with failover timings chosen so
/// that a crashed routing node's entities run again elsewhere within 10 s (README, "Cluster failover"):
/// unreachable after <see cref="NodeClusterOptions.AcceptableHeartbeatPauseMilliseconds"/> of silence, downed by the
/// split-brain resolver after <see cref="NodeClusterOptions.StableAfterMilliseconds"/>, its shards allocated again
/// after the down-removal margin, and the remembered agents and queues restarted from the journal.
/// </summary>
public static class ClusterHostingExtensions
{
    /// <summary>
    /// Two heartbeats a second to each monitoring node (Akka's default is one). The failure detector warns "heartbeat
    /// interval is growing too large" for every gap of two thirds of the acceptable pause or more: at one a second and
    /// a 1.5 s pause that was every heartbeat, in every node's log; at 500 ms it is only a real hiccup. The silence
    /// that marks a node unreachable also shrinks by about half a second.
    /// </summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Cluster and sharding timings Akka.Cluster.Hosting has no C# option for, so HOCON they are:
    /// <list type="bullet">
    /// <item><c>unreachable-nodes-reaper-interval = 500ms</c> (default 1 s): how often the failure detector's verdicts
    /// are read; a silent node is marked unreachable up to half a second sooner.</item>
    /// <item><c>leader-actions-interval = 500ms</c> (default 1 s): how often the leader acts on the membership; a downed
    /// node is removed, and its shards freed, up to half a second sooner.</item>
    /// <item><c>retry-interval = 500ms</c> (default 2 s): how often a region retries registering with a moved
    /// coordinator and asking where a shard lives; after a failover the next try comes sooner.</item>
    /// <item><c>handoff-timeout = 10s</c> (default 60 s): a node leaving on SIGTERM waits at most this for its shards'
    /// entities to stop; it has to fit in <see cref="ShutdownOptions.LeaveSeconds"/>.</item>
    /// <item><c>coordinator-failure-backoff = 1s</c> (default 5 s): the coordinator singleton restarts this soon on
    /// the next-oldest routing node after the oldest one died.</item>
    /// </list>
    /// And <c>coordinated-shutdown.run-by-clr-shutdown-hook = off</c>: on SIGTERM Akka would otherwise start leaving
    /// the cluster at once, beside the host, while the gateway still drains its calls; the host runs the coordinated
    /// shutdown itself when it stops the actor system, after the gateway.
    /// Rebalancing keeps Akka's defaults (every 10 s, least-shard allocation): shards a failover piled on two nodes
    /// drift back to a restarted third.
    /// </summary>
    private const string ShardingTimings = """
        akka.cluster.unreachable-nodes-reaper-interval = 500ms
        akka.cluster.leader-actions-interval = 500ms
        akka.cluster.sharding.retry-interval = 500ms
        akka.cluster.sharding.handoff-timeout = 10s
        akka.cluster.sharding.coordinator-failure-backoff = 1s
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """;

    /// <summary>
    /// Remoting on <c>Hostname:Port</c>, clustering with the node's roles and seeds (none: the node joins itself, a
    /// cluster of one), the keep-majority split-brain resolver counting routing nodes only, and the failover timings.
    /// </summary>
    /// <remarks>
    /// Keep-majority over the <see cref="NodeRoles.Routing"/> role: after a partition the side with more routing
    /// nodes keeps running and the other downs itself, whatever the number of gateway and web nodes on each side (they
    /// hold no entities). Run an odd number of routing nodes (three): with an even count a half-and-half split keeps
    /// the side holding the lowest address, and with two, losing the oldest downs the survivor too (FACTS.md).
    /// </remarks>
    public static AkkaConfigurationBuilder WithCallCenterCluster(this AkkaConfigurationBuilder builder, NodeClusterOptions options)
    {
        var seeds = options.Seeds.Select(s => SeedAddress.TryNormalize(s)
            ?? throw new StartupException($"CallCenter:Cluster:Seeds has a malformed seed '{s}'.")).ToArray();

        builder
            .WithRemoting(new RemoteOptions { HostName = options.Hostname, Port = options.Port })
            .WithClustering(new ClusterOptions
            {
                Roles = [.. options.Roles],
                SeedNodes = seeds,
                SplitBrainResolver = new KeepMajorityOption { Role = NodeRoles.Routing },
                FailureDetector = new PhiAccrualFailureDetectorOptions
                {
                    HeartbeatInterval = HeartbeatInterval,
                    AcceptableHeartbeatPause = TimeSpan.FromMilliseconds(options.AcceptableHeartbeatPauseMilliseconds),
                },
            })
            .AddHocon(ConfigurationFactory.ParseString(FailoverHocon(options)), HoconAddMode.Prepend);

        if (seeds.Length == 0)
            builder.AddStartup((system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        return builder;
    }

    /// <summary>The split-brain resolver's stable-after, the down-removal margin (off: the same) and the sharding timings.</summary>
    private static string FailoverHocon(NodeClusterOptions options) =>
        $"""
        akka.cluster.split-brain-resolver.stable-after = {options.StableAfterMilliseconds}ms
        akka.cluster.down-removal-margin = {(options.DownRemovalMarginMilliseconds == 0 ? "off" : $"{options.DownRemovalMarginMilliseconds}ms")}
        {ShardingTimings}
        """;
}
