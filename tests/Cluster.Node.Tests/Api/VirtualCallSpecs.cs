using System.Net;
using CallCenter.Node.Tests.Hosting;

namespace CallCenter.Node.Tests.Api;

/// <summary>Virtual calls through the HTTP API, routed by the real entities in a node of one.</summary>
public sealed class VirtualCallSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    [Fact]
    public async Task Api_should_route_a_virtual_call_to_a_ready_agent_through_its_whole_life()
    {
        var client = await node.ReadyClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/2001/state", new { state = "ready" })).Status);
        var before = (await client.GetJsonAsync("/api/queues/spanish")).Body.GetProperty("figures").GetProperty("answered").GetInt32();

        var call = await client.CreateCallAsync(new { from = "+34911000001", to = "900", queue = "spanish" });
        await client.EventuallyAsync($"/api/agents/2001", a => a.Str("status") == "reserved" && a.Str("callId") == call, "agent reserved");
        await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("status") == "offered", "call offered");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/2001/answer")).Status);
        await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("status") == "talking" && c.Str("agentId") == "2001", "call talking");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/2001/hangup")).Status);

        var ended = await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("status") == "ended", "call ended");
        Assert.Equal("completed", ended.Str("outcome"));
        foreach (var stamp in new[] { "arrivedAt", "queuedAt", "offeredAt", "answeredAt", "endedAt" })
            Assert.NotEqual("", ended.Str(stamp));
        await client.EventuallyAsync("/api/agents/2001", a => a.Str("status") == "wrap-up", "agent in wrap-up");
        var queue = await client.EventuallyAsync("/api/queues/spanish",
            q => q.GetProperty("figures").GetProperty("answered").GetInt32() == before + 1, "queue counted the answer");
        Assert.Equal(0, queue.GetProperty("waiting").GetArrayLength());
    }

    [Fact]
    public async Task Wrapup_done_should_record_the_disposition_on_the_call_and_make_the_agent_ready()
    {
        var client = await node.ReadyClientAsync();
        await client.PostAsync("/api/agents/1004/state", new { state = "ready" });
        await client.EventuallyAsync("/api/queues/support", q => q.GetProperty("availableAgents").EnumerateArray().Any(a => a.Str("agentId") == "1004"), "agent available");
        var call = await client.CreateCallAsync(new { queue = "support", skills = new { support = 5 } });
        await client.EventuallyAsync("/api/agents/1004", a => a.Str("status") == "reserved" && a.Str("callId") == call, "agent reserved");
        await client.PostAsync("/api/agents/1004/answer");
        await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("status") == "talking", "talking");
        await client.PostAsync("/api/agents/1004/hangup");
        await client.EventuallyAsync("/api/agents/1004", a => a.Str("status") == "wrap-up", "wrap-up");

        var (status, _) = await client.PostAsync("/api/agents/1004/wrapup-done", new { disposition = "resolved", notes = "reset the router" });

        Assert.Equal(HttpStatusCode.OK, status);
        var ended = await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("disposition") == "resolved", "disposition recorded");
        Assert.Equal("reset the router", ended.Str("dispositionNotes"));
        await client.EventuallyAsync("/api/agents/1004", a => a.Str("status") == "ready", "ready again");
    }

    [Fact]
    public async Task Api_should_count_a_call_hung_up_while_waiting_as_abandoned()
    {
        var client = await node.ReadyClientAsync();
        var call = await client.CreateCallAsync(new { queue = "general", priority = 5, skills = new { sales = 5, spanish = 5, billing = 5 } });
        var waiting = await client.EventuallyAsync("/api/queues/general",
            q => q.GetProperty("waiting").EnumerateArray().Any(w => w.Str("callId") == call), "call waiting");
        var entry = waiting.GetProperty("waiting").EnumerateArray().First(w => w.Str("callId") == call);
        Assert.True(entry.GetProperty("position").GetInt32() >= 1);

        var (status, _) = await client.SendAsync(HttpMethod.Delete, $"/api/calls/{call}");

        Assert.Equal(HttpStatusCode.NoContent, status);
        var ended = await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("status") == "ended", "call ended");
        Assert.Equal("abandoned", ended.Str("outcome"));
        Assert.NotEqual("", ended.Str("abandonedAt"));
        await client.EventuallyAsync("/api/queues/general",
            q => q.GetProperty("waiting").EnumerateArray().All(w => w.Str("callId") != call)
                 && q.GetProperty("figures").GetProperty("abandoned").GetInt32() >= 1, "queue counted the abandon");
    }

    [Fact]
    public async Task Api_should_list_every_configured_agent_and_queue()
    {
        var client = await node.ReadyClientAsync();

        var agents = (await client.GetJsonAsync("/api/agents")).Body.EnumerateArray().Select(a => a.Str("agentId")).ToList();
        var queues = (await client.GetJsonAsync("/api/queues")).Body.EnumerateArray().Select(q => q.Str("queueId")).ToList();

        Assert.Equal(13, agents.Count);
        Assert.Contains("9001", agents);
        Assert.Equal(["billing", "sales", "support", "spanish", "general"], queues);
    }

    [Fact]
    public async Task Api_should_refuse_an_answer_from_an_agent_with_no_offer_with_409()
    {
        var client = await node.ReadyClientAsync();

        var (status, body) = await client.PostAsync("/api/agents/1006/answer");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("no call is offered", body.Str("detail"));
    }
}
