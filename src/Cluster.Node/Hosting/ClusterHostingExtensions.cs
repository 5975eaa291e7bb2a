using Akka.Cluster.Hosting;
using Akka.Cluster.Hosting.SBR;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Remote.Hosting;
using CallCenter.Node.Configuration;

namespace CallCenter.Node.Hosting;

/// <summary>Remoting and clustering for a node, bound from <see cref="NodeClusterOptions"/>.</summary>
public static class ClusterHostingExtensions
{
    /// <summary>
    /// Heartbeat every 1 s (the default) and declare a node unreachable after 2 s of silence (default 3 s).
    /// With the split-brain resolver's 3 s below, a killed node's entities come back in ~12 s instead of
    /// ~49 s (FACTS.md).
    /// </summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan AcceptableHeartbeatPause = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Two settings Akka.Cluster.Hosting has no C# option for, so HOCON they are:
    /// the split-brain resolver decides after 3 s of a stable membership (default 20 s), and sharding
    /// retries registering and locating shards every 500 ms (default 2 s) so entities move fast.
    /// </summary>
    private const string FailoverTimings = """
        akka.cluster.split-brain-resolver.stable-after = 3s
        akka.cluster.sharding.retry-interval = 500ms
        """;

    /// <summary>
    /// Remoting on <c>Hostname:Port</c>, clustering with the node's roles and seeds (none: the node
    /// joins itself, a cluster of one), keep-majority split-brain resolver and the fast failover timings.
    /// Run three routing nodes for failover: two cannot survive losing the oldest (FACTS.md).
    /// </summary>
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
                SplitBrainResolver = new KeepMajorityOption(),
                FailureDetector = new PhiAccrualFailureDetectorOptions
                {
                    HeartbeatInterval = HeartbeatInterval,
                    AcceptableHeartbeatPause = AcceptableHeartbeatPause,
                },
            })
            .AddHocon(ConfigurationFactory.ParseString(FailoverTimings), HoconAddMode.Prepend);

        if (seeds.Length == 0)
            builder.AddStartup((system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        return builder;
    }
}
