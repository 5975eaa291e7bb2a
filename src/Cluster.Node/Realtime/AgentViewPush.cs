using Akka.Actor;
using Akka.Event;
using CallCenter.Actors.Agents;
using Microsoft.AspNetCore.SignalR;

namespace CallCenter.Node.Realtime;

/// <summary>
/// Forwards every <see cref="AgentView"/> the node's agent entities publish (once a change is stored,
/// <c>EntityActor.Notification</c>) to the connections watching that agent. One actor per node, none per
/// connection: a push costs a group lookup and one serialization per watching connection.
/// </summary>
/// <remarks>
/// The event stream is the node's own: a page sees the agents whose entities live on the node it is
/// connected to. That is every agent on a node of one; in a cluster the views must cross nodes first.
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
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe<AgentView>(Self);

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    public static Props Props(IHubContext<AgentsHub> hub) => Akka.Actor.Props.Create(() => new AgentViewPush(hub));
}
