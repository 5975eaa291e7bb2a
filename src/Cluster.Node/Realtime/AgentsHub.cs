using Akka.Actor;
using CallCenter.Actors;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Queues;
using CallCenter.Node.Api;
using CallCenter.Node.Entities;
using Microsoft.AspNetCore.SignalR;

namespace CallCenter.Node.Realtime;

/// <summary>
/// Real-time updates for desktops and wallboards. A page first watches, which answers the state as
/// the entity holds it now, and then receives every change: after a reconnect it watches again and
/// so re-reads the state before showing anything.
/// </summary>
public sealed class AgentsHub(EntityRouter router, ContactCenterDirectory directory, QueueWatchers queueWatchers) : Hub
{
    private const string WatchesQueues = "watches-queues";

    /// <summary>Joins <c>agent:{id}</c> and answers the agent's current view.</summary>
    public async Task<AgentView> WatchAgent(string agentId)
    {
        if (directory.Agent(agentId) is null)
            throw new HubException($"no agent '{agentId}'");
        // Join before reading: a change stored in between is pushed, so nothing falls between the two.
        await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Agent(agentId), Context.ConnectionAborted);
        return await AskAsync<AgentView>(new GetAgent(new AgentId(agentId)), $"agent {agentId}");
    }

    /// <summary>Stops the pushes for one agent (a supervisor moving on).</summary>
    public Task UnwatchAgent(string agentId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeGroups.Agent(agentId), Context.ConnectionAborted);

    /// <summary>Joins <c>queues</c> and answers every configured queue's current view.</summary>
    public async Task<QueueView[]> WatchQueues()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Queues, Context.ConnectionAborted);
        if (Context.Items.TryAdd(WatchesQueues, true))
            queueWatchers.Add();
        return await Task.WhenAll(directory.QueueIds.Select(q => AskAsync<QueueView>(new GetQueue(q), $"queue {q}")));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        // SignalR drops the connection from its groups by itself; only our count needs telling.
        if (Context.Items.ContainsKey(WatchesQueues))
            queueWatchers.Remove();
        return Task.CompletedTask;
    }

    /// <summary>An entity that does not answer becomes an error the client sees, not a stack trace.</summary>
    private async Task<T> AskAsync<T>(IProtocolMessage query, string what)
    {
        try
        {
            return await router.Ask<T>(query, EntityAsk.Timeout);
        }
        catch (AskTimeoutException)
        {
            throw new HubException($"{what} is unavailable, try again");
        }
    }
}
