using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Hosting;
using CallCenter.Actors.Agents;
using CallCenter.Node.Configuration;

namespace CallCenter.Node.Realtime;

/// <summary>
/// On a routing node: every <see cref="AgentView"/> the node's agent entities publish on its event stream goes to the
/// cluster-wide topic <see cref="Topic"/>, where each node's <see cref="AgentViewPush"/> takes it to the pages watching
/// the agent. A page on a web node thus sees agents whose entities live on any routing node (and keeps seeing them when
/// a failover moves them).
/// </summary>
public sealed class AgentViewRelay : ReceiveActor
{
    public const string Topic = "agent-views";

    public AgentViewRelay(IActorRef mediator) => Receive<AgentView>(view => mediator.Tell(new Publish(Topic, view)));

    protected override void PreStart() => Context.System.EventStream.Subscribe<AgentView>(Self);

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    public static Props Props(IActorRef mediator) => Akka.Actor.Props.Create(() => new AgentViewRelay(mediator));
}

public static class AgentViewRelayHosting
{
    /// <summary>Distributed publish-subscribe on every node (the pushers subscribe), and the relay on routing nodes.</summary>
    public static AkkaConfigurationBuilder WithAgentViewRelay(this AkkaConfigurationBuilder akka, NodeClusterOptions cluster)
    {
        akka.WithDistributedPubSub(role: "");
        return !cluster.HasRole(NodeRoles.Routing)
            ? akka
            : akka.WithActors((system, registry) => registry.Register<AgentViewRelay>(
                system.ActorOf(AgentViewRelay.Props(DistributedPubSub.Get(system).Mediator), "realtime-agent-view-relay")));
    }
}
