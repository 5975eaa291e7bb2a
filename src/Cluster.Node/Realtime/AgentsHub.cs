using Akka.Actor;
using CallCenter.Actors;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Queues;
using CallCenter.Node.Api;
using CallCenter.Node.Auth;
using CallCenter.Node.Entities;
using Microsoft.AspNetCore.SignalR;

namespace CallCenter.Node.Realtime;

/// <summary>
/// Real-time updates for desktops and wallboards. A page first watches, which answers the state as
/// the entity holds it now, and then receives every change: after a reconnect it watches again and
/// so re-reads the state before showing anything.
/// Only signed-in users (or the key) connect; each watches what <see cref="AccessRules"/> lets it read.
/// </summary>
public sealed class AgentsHub(EntityRouter router, ContactCenterDirectory directory, QueueWatchers queueWatchers, AccessRules rules) : Hub
{
    private const string WatchesQueues = "watches-queues";

    /// <summary>Joins <c>agent:{id}</c> and answers the agent's current view: an agent watches itself, a supervisor its queues' agents.</summary>
    public async Task<AgentView> WatchAgent(string agentId)
    {
        if (!rules.MayReadAgent(Context.User!, agentId))
            throw new HubException($"you may not watch agent '{agentId}'");
        if (directory.Agent(agentId) is null)
            throw new HubException($"no agent '{agentId}'");
        // Join before reading: a change stored in between is pushed, so nothing falls between the two.
        await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Agent(agentId), Context.ConnectionAborted);
        return await AskAsync<AgentView>(new GetAgent(new AgentId(agentId)), $"agent {agentId}");
    }

    /// <summary>Stops the pushes for one agent (a supervisor moving on).</summary>
    public Task UnwatchAgent(string agentId) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, RealtimeGroups.Agent(agentId), Context.ConnectionAborted);

    /// <summary>
    /// Joins <c>queue:{name}</c> of every queue the user may read (all for an admin) and answers their current views.
    /// The queues are those of the definition at the time of the call: after a change, the page watches again.
    /// </summary>
    public async Task<QueueView[]> WatchQueues()
    {
        var readable = directory.QueueIds.Where(q => rules.MayReadQueue(Context.User!, q.Value)).ToList();
        foreach (var queue in readable)
            await Groups.AddToGroupAsync(Context.ConnectionId, RealtimeGroups.Queue(queue), Context.ConnectionAborted);
        if (Context.Items.TryAdd(WatchesQueues, true))
            queueWatchers.Add();
        return await Task.WhenAll(readable.Select(q => AskAsync<QueueView>(new GetQueue(q), $"queue {q}")));
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
