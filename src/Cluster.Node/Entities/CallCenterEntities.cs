using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using CallCenter.Actors;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Serialization;
using CallCenter.Node.Configuration;
using CallCenter.Node.Hosting;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Queues;

namespace CallCenter.Node.Entities;

/// <summary>Registry key of the calls' shard region (or proxy).</summary>
public sealed class CallRegion;

/// <summary>Registry key of the agents' shard region (or proxy).</summary>
public sealed class AgentRegion;

/// <summary>Registry key of the queues' shard region (or proxy).</summary>
public sealed class QueueRegion;

public static class CallCenterEntities
{
    /// <summary>
    /// Ended calls stop themselves (<see cref="CallActor.LingerAfterEnd"/>); this catches calls left
    /// idle by a lost message. Long enough to outlast any ring or wrap-up timer a call waits on.
    /// </summary>
    public static readonly TimeSpan CallIdlePassivation = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Hosts the three kinds of entity when this node has the routing role, or proxies to them
    /// when it does not. Agents and queues are remembered (restarted after a failover without
    /// waiting for a message) because their timers must keep running; calls are not.
    /// </summary>
    public static AkkaConfigurationBuilder WithCallCenterEntities(this AkkaConfigurationBuilder akka, bool hostsRouting)
    {
        var extractor = new EntityMessageExtractor();
        if (!hostsRouting)
            return akka
                .WithShardRegionProxy<CallRegion>("call", NodeRoles.Routing, extractor)
                .WithShardRegionProxy<AgentRegion>("agent", NodeRoles.Routing, extractor)
                .WithShardRegionProxy<QueueRegion>("queue", NodeRoles.Routing, extractor)
                .WithEntityRedelivery();

        var remembered = CallCenterShardOptions.Create();
        remembered.RememberEntities = true;
        remembered.RememberEntitiesStore = RememberEntitiesStore.Eventsourced;
        var calls = CallCenterShardOptions.Create();
        calls.PassivateIdleEntityAfter = CallIdlePassivation;
        return akka
            .WithShardRegion<CallRegion>("call", (system, registry, resolver) =>
            {
                // Flows and queues' hold rules as the node has them now (a definition applied later is seen by later steps).
                var directory = resolver.GetService<ContactCenterDirectory>();
                return id => CallActor.Props(id, Router(registry, system), () => directory.Definition);
            }, extractor, calls)
            .WithShardRegion<AgentRegion>("agent", (system, registry, _) => id => AgentActor.Props(id, Router(registry, system)), extractor, remembered)
            .WithShardRegion<QueueRegion>("queue", (system, registry, _) => id => QueueActor.Props(id, Router(registry, system)), extractor, remembered)
            .WithEntityRedelivery();
    }

    /// <summary>
    /// Messages an entity went down with (its journal write failed) or a region dropped in a hand-over are sent to
    /// their entity again (<see cref="EntityRedelivery"/>).
    /// </summary>
    private static AkkaConfigurationBuilder WithEntityRedelivery(this AkkaConfigurationBuilder akka) =>
        akka.WithActors((system, registry) => system.ActorOf(EntityRedelivery.Props(Router(registry, system)), "entity-redelivery"));

    /// <summary>Every persisted event and cluster message goes through our serializer with stable manifests.</summary>
    public static AkkaConfigurationBuilder WithCallCenterSerializer(this AkkaConfigurationBuilder akka) =>
        akka.WithCustomSerializer("callcenter", [typeof(IProtocolMessage)], system => new ProtocolSerializer(system));

    /// <summary>An <see cref="EntityRouter"/> over the registered regions (or proxies); gateways by actor path.</summary>
    public static EntityRouter Router(IReadOnlyActorRegistry registry, ActorSystem system) => new(
        () => registry.Get<CallRegion>(), () => registry.Get<AgentRegion>(), () => registry.Get<QueueRegion>())
    {
        Gateways = system.ActorSelection,
    };
}
