using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using CallCenter.Integration.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace CallCenter.Integration.Tests.Cluster;

/// <summary>
/// A page connected to the web node (which hosts no entity) is pushed every agent's changes, wherever the agent's entity
/// lives, and still is after the routing node holding some of them was killed and they moved.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossNodePushSpecs(ITestOutputHelper output)
{
    private static readonly TimeSpan PushedWithin = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan SubscriptionSpreadWithin = TimeSpan.FromSeconds(30);

    /// <summary>The kill's recovery budget (<see cref="RoutingNodeFailoverSpecs.KillBudget"/>) and the push on top.</summary>
    private static readonly TimeSpan PushedAfterKillWithin = RoutingNodeFailoverSpecs.KillBudget + PushedWithin;

    [Fact]
    public async Task Web_node_should_push_changes_of_agents_living_on_routing_nodes_before_and_after_one_is_killed()
    {
        await using var cluster = await ClusterOnPostgres.StartAsync();
        using var api = cluster.Web.ApiClient(TimeSpan.FromSeconds(8));
        var pushed = new ConcurrentQueue<(string Agent, string Status)>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.Web.Http, "/hubs/agents"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.Headers["X-Api-Key"] = NodeProcess.ApiKey;
            })
            .Build();
        hub.On<JsonElement>("agent", view => pushed.Enqueue((view.GetProperty("agentId").GetString()!, view.GetProperty("status").GetString()!)));
        await hub.StartAsync();
        foreach (var agent in ClusterOnPostgres.Agents)
            await WatchAsync(hub, agent, DateTimeOffset.UtcNow + SubscriptionSpreadWithin);

        // A node's topic subscription reaches the others with the publish-subscribe gossip: on a cluster this fresh (and a
        // busy machine) that may take some seconds, which a desktop opened later never sees. Once every agent's change
        // has come through, a change must come within PushedWithin.
        var state = "logged-out";
        var spreadBy = DateTimeOffset.UtcNow + SubscriptionSpreadWithin;
        List<string> missing;
        do
        {
            state = Other(state);
            missing = await ChangeEveryAgentAsync(api, pushed, state, PushedWithin);
        }
        while (missing.Count > 0 && DateTimeOffset.UtcNow < spreadBy);
        Assert.True(missing.Count == 0, $"no push for {string.Join(", ", missing)} within {SubscriptionSpreadWithin.TotalSeconds} s\n{cluster.Output()}");
        state = Other(state);
        missing = await ChangeEveryAgentAsync(api, pushed, state, PushedWithin);
        Assert.True(missing.Count == 0, $"no push for {string.Join(", ", missing)} within {PushedWithin.TotalSeconds} s\n{cluster.Output()}");

        await cluster.Routing[0].KillHardAsync();
        var killedAt = DateTimeOffset.UtcNow;
        missing = await ChangeEveryAgentAsync(api, pushed, Other(state), PushedAfterKillWithin);
        output.WriteLine($"every agent's change pushed again {(DateTimeOffset.UtcNow - killedAt).TotalSeconds:0.0} s after the kill");
        Assert.True(missing.Count == 0,
            $"after the kill no push for {string.Join(", ", missing)} within {PushedAfterKillWithin.TotalSeconds} s\n{cluster.Output()}");
    }

    /// <summary>
    /// Sets every agent to <paramref name="state"/> through the API (retrying while the cluster fails over) and answers the
    /// agents whose change the hub did not push within <paramref name="within"/>.
    /// </summary>
    private static async Task<List<string>> ChangeEveryAgentAsync(HttpClient api, ConcurrentQueue<(string Agent, string Status)> pushed,
        string state, TimeSpan within)
    {
        pushed.Clear();
        var deadline = DateTimeOffset.UtcNow + within;
        foreach (var agent in ClusterOnPostgres.Agents)
        {
            while (!await SetStateAsync(api, agent, state) && DateTimeOffset.UtcNow < deadline)
                await Task.Delay(200);
        }
        List<string> Missing() => [.. ClusterOnPostgres.Agents.Where(a => !pushed.Contains((a, state)))];
        while (Missing().Count > 0 && DateTimeOffset.UtcNow < deadline)
            await Task.Delay(100);
        return Missing();
    }

    /// <summary>
    /// Watches <paramref name="agent"/>, asking again while its entity is still starting on the fresh cluster (the hub
    /// answers "unavailable, try again" when the entity does not answer in time, as a desktop would retry).
    /// </summary>
    private static async Task WatchAsync(HubConnection hub, string agent, DateTimeOffset deadline)
    {
        while (true)
        {
            try
            {
                await hub.InvokeAsync<JsonElement>("WatchAgent", agent);
                return;
            }
            catch (HubException e) when (e.Message.Contains("try again", StringComparison.Ordinal) && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    private static string Other(string state) => state == "ready" ? "logged-out" : "ready";

    private static async Task<bool> SetStateAsync(HttpClient api, string agent, string state)
    {
        try
        {
            using var response = await api.PostAsJsonAsync($"/api/agents/{agent}/state", new { state });
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
