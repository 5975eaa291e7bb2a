using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using CallCenter.Actors.Agents;
using Microsoft.AspNetCore.SignalR;

namespace CallCenter.Node.Realtime;

/// <summary>
/// Forwards every <see cref="AgentView"/> the cluster's agent entities publish (once a change is stored,
/// <c>EntityActor.Notification</c>; <see cref="AgentViewRelay"/> puts them on a cluster-wide topic) to the connections
/// watching that agent. One actor per node, none per connection: a push costs a group lookup and one serialization per
/// watching connection.
/// </summary>
/// <remarks>
/// A view is pushed once on every node, the one its entity lives on included (the topic delivers there without
/// serializing). A node's subscription reaches the other nodes with the publish-subscribe gossip (a second or so after
/// start-up); a page reads the agent's view when it starts watching, so it misses nothing meanwhile.
/// </remarks>
public sealed class AgentViewPush : ReceiveActor
{
    public AgentViewPush(IHubContext<AgentsHub> hub)
    {
        var log = Context.GetLogger();
        Receive<AgentView>(view =>
        {
            var sent = hub.Clients.Group(RealtimeGroups.Agent(view.AgentId)).SendAsync(RealtimeGroups.AgentMethod, view);
            if (!sent.IsCompletedSuccessfully)
                sent.ContinueWith(t => log.Warning(t.Exception, "Push of agent {0} failed", view.AgentId),
                    CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        });
        Receive<SubscribeAck>(_ => { });
    }

    protected override void PreStart() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(AgentViewRelay.Topic, Self));

    public static Props Props(IHubContext<AgentsHub> hub) => Akka.Actor.Props.Create(() => new AgentViewPush(hub));
}
