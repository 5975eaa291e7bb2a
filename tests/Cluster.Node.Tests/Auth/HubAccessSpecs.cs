using System.Net;
using CallCenter.Node.Auth;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;
using CallCenter.Node.Tests.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace CallCenter.Node.Tests.Auth;

/// <summary>The agents hub: signed-in users (or the key) only, each watching what it may read.</summary>
public sealed class HubAccessSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    private async Task<HubClient> ConnectAsAsync(string agentId) =>
        await HubClient.ConnectAsync(node, new Dictionary<string, string> { ["Cookie"] = await node.SessionCookieAsync(agentId) });

    [Fact]
    public async Task Hub_should_refuse_a_connection_without_credentials()
    {
        await node.ReadyClientAsync();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(node, new Dictionary<string, string>()));

        Assert.Contains("401", refused.ToString());
    }

    [Fact]
    public async Task Hub_should_refuse_a_wrong_key()
    {
        await node.ReadyClientAsync();

        await Assert.ThrowsAnyAsync<Exception>(() =>
            HubClient.ConnectAsync(node, new Dictionary<string, string> { [AuthSchemes.ApiKeyHeader] = "not-the-key-of-this-node" }));
    }

    [Fact]
    public async Task Agent_should_watch_itself_but_not_another_agent()
    {
        await node.ReadyClientAsync();
        await using var alice = await ConnectAsAsync("1001");

        Assert.Equal("1001", (await alice.WatchAgentAsync("1001")).Str("agentId"));
        var refused = await Assert.ThrowsAsync<HubException>(() => alice.WatchAgentAsync("1002"));
        Assert.Contains("may not watch agent '1002'", refused.Message);
    }

    [Fact]
    public async Task Supervisor_should_watch_the_agents_of_its_queues_only()
    {
        await node.ReadyClientAsync();
        await using var madrid = await ConnectAsAsync("9002");

        Assert.Equal("2001", (await madrid.WatchAgentAsync("2001")).Str("agentId"));
        await Assert.ThrowsAsync<HubException>(() => madrid.WatchAgentAsync("1001"));
    }

    [Fact]
    public async Task WatchQueues_should_answer_and_push_only_the_users_queues()
    {
        var key = await node.ReadyClientAsync();
        await using var carol = await ConnectAsAsync("1003");

        var queues = (await carol.WatchQueuesAsync()).EnumerateArray().Select(q => q.Str("queueId")).ToList();
        Assert.Equal(["sales", "general"], queues);

        // A call waiting in billing (not Carol's) and then one in sales (Carol's): she hears of the second only.
        var billing = await key.CreateCallAsync(new { queue = "billing", skills = new { billing = 5, spanish = 5 } });
        await key.EventuallyAsync("/api/queues/billing", q => q.GetProperty("waiting").EnumerateArray().Any(w => w.Str("callId") == billing), "billing call waiting");
        var sales = await key.CreateCallAsync(new { queue = "sales", skills = new { sales = 5, spanish = 5 } });

        var pushed = await carol.NextQueueAsync(q => q.GetProperty("waiting").EnumerateArray().Any(w => w.Str("callId") == sales));
        Assert.Equal("sales", pushed.Str("queueId"));
        Assert.Equal(HttpStatusCode.NoContent, (await key.SendAsync(HttpMethod.Delete, $"/api/calls/{billing}")).Status);
        await key.SendAsync(HttpMethod.Delete, $"/api/calls/{sales}");
        Assert.DoesNotContain(carol.QueuePushesSoFar, q => q.Str("queueId") is not ("sales" or "general"));
    }
}
