using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using CallCenter.Actors.Telemetry;
using CallCenter.Node.Entities;

namespace CallCenter.Node.Telemetry;

/// <summary>
/// The cluster as each node sees it: members by status (unreachable ones apart) and, on routing nodes, the shards
/// and entities this node hosts per entity kind. Gauges; the shard figures are asked of the regions every
/// <see cref="ShardPollInterval"/> and the last answer is what a scrape sees.
/// </summary>
public static class ClusterTelemetry
{
    public const string Name = "callcenter.cluster";

    /// <summary>Shard counts change on rebalance and failover only: every 5 s is fresh enough for a dashboard.</summary>
    public static readonly TimeSpan ShardPollInterval = TimeSpan.FromSeconds(5);

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Source = new(Name);

    private static readonly ConcurrentDictionary<ActorSystem, ConcurrentDictionary<string, CurrentShardRegionState>> Systems = new();

    static ClusterTelemetry()
    {
        Meter.CreateObservableGauge("callcenter.cluster.members", ObserveMembers, "{member}",
            "Cluster members this node sees, by status (unreachable: seen Up but not heard from)");
        Meter.CreateObservableGauge("callcenter.cluster.shards", () => ObserveRegions(r => r.Shards.Count), "{shard}",
            "Shards this node hosts, by entity kind");
        Meter.CreateObservableGauge("callcenter.cluster.entities", () => ObserveRegions(r => r.Shards.Sum(s => s.EntityIds.Count)), "{entity}",
            "Entities running on this node, by entity kind");
    }

    /// <summary>Watches the node's cluster membership and, if it hosts the entities, its shard regions.</summary>
    public static AkkaConfigurationBuilder WithCallCenterClusterTelemetry(this AkkaConfigurationBuilder akka, bool hostsRouting) =>
        akka.AddStartup((system, registry) =>
        {
            var regions = new ConcurrentDictionary<string, CurrentShardRegionState>();
            Systems[system] = regions;
            system.RegisterOnTermination(() => Systems.TryRemove(system, out _));
            if (!hostsRouting)
                return;
            var kinds = new (string Kind, Func<IActorRef> Region)[]
            {
                ("call", registry.Get<CallRegion>), ("agent", registry.Get<AgentRegion>), ("queue", registry.Get<QueueRegion>),
            };
            system.Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.Zero, ShardPollInterval, () =>
            {
                foreach (var (kind, region) in kinds)
                    region().Ask<CurrentShardRegionState>(GetShardRegionState.Instance, ShardPollInterval)
                        .ContinueWith(t => { if (t.IsCompletedSuccessfully) regions[kind] = t.Result; }, TaskScheduler.Default);
            });
        });

    private static IEnumerable<Measurement<long>> ObserveMembers()
    {
        foreach (var system in Systems.Keys)
        {
            var node = new KeyValuePair<string, object?>(TelemetryNode.Attribute, TelemetryNode.Of(system));
            var state = Cluster.Get(system).State;
            var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
            var byStatus = state.Members.Where(m => !unreachable.Contains(m.Address))
                .GroupBy(m => m.Status.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());
            byStatus["unreachable"] = unreachable.Count;
            byStatus.TryAdd("up", 0);
            foreach (var (status, count) in byStatus)
                yield return new Measurement<long>(count, new("status", status), node);
        }
    }

    private static IEnumerable<Measurement<long>> ObserveRegions(Func<CurrentShardRegionState, int> count) =>
        Systems.SelectMany(s => s.Value.Select(r => new Measurement<long>(count(r.Value),
            new("entity", r.Key), new(TelemetryNode.Attribute, TelemetryNode.Of(s.Key)))));
}
