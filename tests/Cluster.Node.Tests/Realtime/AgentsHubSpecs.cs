using System.Net;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace CallCenter.Node.Tests.Realtime;

/// <summary>The agents hub in a node of one: watching answers the current state, stored changes are pushed.</summary>
public sealed class AgentsHubSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    [Fact]
    public async Task WatchAgent_should_answer_the_agents_current_view()
    {
        var api = await node.ReadyClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/agents/1001/state", new { state = "not-ready", reason = "lunch" })).Status);
        await using var page = await HubClient.ConnectAsync(node);

        var view = await page.WatchAgentAsync("1001");

        Assert.Equal("1001", view.Str("agentId"));
        Assert.Equal("not-ready", view.Str("status"));
        Assert.Equal("lunch", view.Str("reason"));
    }

    [Fact]
    public async Task WatchAgent_should_refuse_an_unknown_agent()
    {
        await node.ReadyClientAsync();
        await using var page = await HubClient.ConnectAsync(node);

        var refused = await Assert.ThrowsAsync<HubException>(() => page.WatchAgentAsync("no-such-agent"));

        Assert.Contains("no agent 'no-such-agent'", refused.Message);
    }

    [Fact]
    public async Task A_state_change_should_reach_every_tab_watching_the_agent()
    {
        var api = await node.ReadyClientAsync();
        await api.PostAsync("/api/agents/1002/state", new { state = "not-ready", reason = "break" });
        await using var tab1 = await HubClient.ConnectAsync(node);
        await using var tab2 = await HubClient.ConnectAsync(node);
        await tab1.WatchAgentAsync("1002");
        await tab2.WatchAgentAsync("1002");

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/agents/1002/state", new { state = "ready" })).Status);

        var seen1 = await tab1.NextAgentAsync(a => a.Str("status") == "ready");
        var seen2 = await tab2.NextAgentAsync(a => a.Str("status") == "ready");
        Assert.Equal("1002", seen1.Str("agentId"));
        Assert.Equal(seen1.ToString(), seen2.ToString());
    }

    [Fact]
    public async Task A_connection_watching_another_agent_should_receive_nothing()
    {
        var api = await node.ReadyClientAsync();
        await using var watcher = await HubClient.ConnectAsync(node);
        await using var bystander = await HubClient.ConnectAsync(node);
        await watcher.WatchAgentAsync("1003");
        await bystander.WatchAgentAsync("2002");

        await api.PostAsync("/api/agents/1003/state", new { state = "not-ready", reason = "training" });
        await watcher.NextAgentAsync(a => a.Str("status") == "not-ready");
        // The same hub pushed the watcher's change; a round trip to the server after it shows nothing is on its way to the bystander.
        await bystander.WatchAgentAsync("2002");

        Assert.Equal(0, bystander.PendingAgentPushes);
    }

    [Fact]
    public async Task A_waiting_call_should_be_pushed_to_queue_watchers()
    {
        var api = await node.ReadyClientAsync();
        await using var wallboard = await HubClient.ConnectAsync(node);
        var queues = await wallboard.WatchQueuesAsync();
        Assert.Contains(queues.EnumerateArray(), q => q.Str("queueId") == "general");

        var call = await api.CreateCallAsync(new { queue = "general", priority = 5, skills = new { sales = 5, spanish = 5, billing = 5 } });

        var pushed = await wallboard.NextQueueAsync(q => q.Str("queueId") == "general"
            && q.GetProperty("waiting").EnumerateArray().Any(w => w.Str("callId") == call));
        Assert.Equal("longest-idle", pushed.Str("strategy")); // the API's kebab-case enums
        await api.SendAsync(HttpMethod.Delete, $"/api/calls/{call}");
    }
}
