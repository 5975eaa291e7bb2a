using System.Net;
using CallCenter.Actors.Definition;
using CallCenter.Node.Api;
using CallCenter.Node.Tests.Auth;
using CallCenter.Node.Tests.Hosting;
using CallCenter.Node.Tests.Realtime;

namespace CallCenter.Node.Tests.Api;

/// <summary>
/// The desktop's call control on virtual calls, in a node of one: hold, resume, blind transfer to a queue or an agent
/// or out, and the agent's figures today. Each spec logs its agents out at the end, so that none takes another's call.
/// </summary>
public sealed class CallControlSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    private static async Task<string> AnsweredCallAsync(HttpClient client, string agent, object call)
    {
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/agents/{agent}/state", new { state = "ready" })).Status);
        var id = await client.CreateCallAsync(call);
        await client.EventuallyAsync($"/api/agents/{agent}", a => a.Str("status") == "reserved" && a.Str("callId") == id, $"{agent} reserved");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/agents/{agent}/answer")).Status);
        await client.EventuallyAsync($"/api/calls/{id}", c => c.Str("status") == "talking" && c.Str("agentId") == agent, "talking");
        return id;
    }

    private static async Task LogOutAsync(HttpClient client, params string[] agents)
    {
        foreach (var agent in agents)
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/agents/{agent}/state", new { state = "logged-out" })).Status);
    }

    [Fact]
    public async Task Agent_should_hold_resume_and_transfer_a_call_to_a_queue_where_the_next_agent_gets_it()
    {
        var client = await node.ReadyClientAsync();
        var call = await AnsweredCallAsync(client, "1003", new { queue = "general" });

        var (held, reply) = await client.PostAsync("/api/agents/1003/hold");
        Assert.Equal((HttpStatusCode.OK, call), (held, reply.Str("id")));
        await client.EventuallyAsync("/api/agents/1003", a => a.GetProperty("onHold").GetBoolean(), "agent shows the call on hold");
        var onHold = (await client.GetJsonAsync($"/api/calls/{call}")).Body;
        Assert.True(onHold.GetProperty("onHold").GetBoolean());
        Assert.NotEqual("", onHold.Str("heldSince"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/1003/hold")).Status); // a second click changes nothing
        await Task.Delay(200);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/1003/resume")).Status);
        await client.EventuallyAsync("/api/agents/1003", a => !a.GetProperty("onHold").GetBoolean(), "agent shows the call resumed");
        var resumed = (await client.GetJsonAsync($"/api/calls/{call}")).Body;
        Assert.False(resumed.GetProperty("onHold").GetBoolean());
        // The hold is counted from the call entity's own clock, which ran at least from its hold to its resume; under a loaded
        // machine the two commands' decisions are not 200 ms apart to the millisecond, so the check is that the hold counted.
        var heldSeconds = resumed.GetProperty("heldSeconds").GetDouble();
        Assert.True(heldSeconds > 0, $"heldSeconds {heldSeconds}");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/1006/state", new { state = "ready" })).Status);
        var (transferred, _) = await client.PostAsync("/api/agents/1003/transfer", new { queue = "sales" });

        Assert.Equal(HttpStatusCode.OK, transferred);
        await client.EventuallyAsync("/api/agents/1006", a => a.Str("status") == "reserved" && a.Str("callId") == call, "the next agent is offered the call");
        var first = await client.EventuallyAsync("/api/agents/1003", a => a.Str("status") == "wrap-up", "the first agent wraps up");
        Assert.Equal(1, first.GetProperty("callsToday").GetInt32());
        Assert.True(first.GetProperty("handleSecondsToday").GetDouble() >= 0.2);
        var waiting = (await client.GetJsonAsync($"/api/calls/{call}")).Body;
        Assert.Equal(("sales", "offered"), (waiting.Str("queueId"), waiting.Str("status")));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/1006/answer")).Status);
        await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("status") == "talking" && c.Str("agentId") == "1006", "the next agent talks");
        await client.PostAsync("/api/agents/1006/hangup");
        await client.EventuallyAsync("/api/agents/1006", a => a.Str("status") == "wrap-up", "the next agent wraps up");
        await LogOutAsync(client, "1003", "1006");
    }

    [Fact]
    public async Task Desktop_watching_the_agent_should_be_pushed_the_hold_and_the_figures_today()
    {
        var client = await node.ReadyClientAsync();
        var call = await AnsweredCallAsync(client, "1001", new { queue = "general" });
        await using var desktop = await HubClient.ConnectAsync(node);
        await desktop.WatchAgentAsync("1001");

        await client.PostAsync("/api/agents/1001/hold");
        await desktop.NextAgentAsync(a => a.GetProperty("onHold").GetBoolean());
        await client.PostAsync("/api/agents/1001/resume");
        await desktop.NextAgentAsync(a => !a.GetProperty("onHold").GetBoolean());
        await client.PostAsync("/api/agents/1001/hangup");
        var wrapUp = await desktop.NextAgentAsync(a => a.Str("status") == "wrap-up");

        Assert.Equal(1, wrapUp.GetProperty("callsToday").GetInt32());
        Assert.True(wrapUp.GetProperty("handleSecondsToday").GetDouble() > 0);
        Assert.Equal(call, wrapUp.Str("callId"));
        await LogOutAsync(client, "1001");
    }

    [Fact]
    public async Task Agent_should_transfer_a_call_to_another_agent_who_alone_is_offered_it()
    {
        var client = await node.ReadyClientAsync();
        var call = await AnsweredCallAsync(client, "2001", new { queue = "support" });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/2003/state", new { state = "ready" })).Status);

        var (status, _) = await client.PostAsync("/api/agents/2001/transfer", new { agent = "2003" });

        Assert.Equal(HttpStatusCode.OK, status);
        await client.EventuallyAsync("/api/agents/2003", a => a.Str("status") == "reserved" && a.Str("callId") == call, "the named agent is offered the call");
        await client.EventuallyAsync("/api/agents/2001", a => a.Str("status") == "wrap-up", "the first agent wraps up");
        Assert.Equal("spanish", (await client.GetJsonAsync($"/api/calls/{call}")).Body.Str("queueId")); // 2003's first queue
        await client.SendAsync(HttpMethod.Delete, $"/api/calls/{call}");
        await client.EventuallyAsync("/api/agents/2003", a => a.Str("status") == "ready", "the named agent is freed");
        await LogOutAsync(client, "2001", "2003");
    }

    [Fact]
    public async Task Agent_should_transfer_a_call_out_to_a_number_and_wrap_up()
    {
        var client = await node.ReadyClientAsync();
        var call = await AnsweredCallAsync(client, "1004", new { queue = "billing", skills = new { billing = 1 } });

        var (status, reply) = await client.PostAsync("/api/agents/1004/transfer", new { number = "+442071234567" });

        Assert.True(status == HttpStatusCode.OK, reply.ToString());
        var ended = await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("status") == "ended", "the call is over for the center");
        Assert.Equal("completed", ended.Str("outcome"));
        await client.EventuallyAsync("/api/agents/1004", a => a.Str("status") == "wrap-up", "the agent wraps up");
        await LogOutAsync(client, "1004");
    }

    [Fact]
    public async Task Signed_in_agent_should_hold_resume_and_transfer_its_own_call_only()
    {
        var client = await node.ReadyClientAsync();
        var call = await AnsweredCallAsync(client, "1002", new { queue = "general" });
        var bob = await node.SignInAsync("1002");
        var bobWithoutToken = await node.SignInAsync("1002", csrfHeader: false);
        var alice = await node.SignInAsync("1001");
        var grace = await node.SignInAsync("9001"); // supervises general: reads 1002, but may not act on its call

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.PostAsync("/api/agents/1002/hold")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await grace.Client.PostAsync("/api/agents/1002/hold")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await bobWithoutToken.Client.PostAsync("/api/agents/1002/hold")).Status);
        Assert.Equal(HttpStatusCode.OK, (await bob.Client.PostAsync("/api/agents/1002/hold")).Status);
        await bob.Client.EventuallyAsync("/api/agents/1002", a => a.GetProperty("onHold").GetBoolean(), "bob sees his call on hold");
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.PostAsync("/api/agents/1002/resume")).Status);
        Assert.Equal(HttpStatusCode.OK, (await bob.Client.PostAsync("/api/agents/1002/resume")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.PostAsync("/api/agents/1002/transfer", new { queue = "billing" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await bob.Client.PostAsync("/api/agents/1002/transfer", new { queue = "billing" })).Status);

        await client.EventuallyAsync("/api/agents/1002", a => a.Str("status") == "wrap-up", "bob wraps up");
        await client.SendAsync(HttpMethod.Delete, $"/api/calls/{call}");
        await LogOutAsync(client, "1002");
    }

    [Theory]
    [InlineData("/api/agents/1005/hold", null)]
    [InlineData("/api/agents/1005/resume", null)]
    [InlineData("/api/agents/1005/transfer", "{\"queue\":\"sales\"}")]
    public async Task Call_control_should_answer_409_when_the_agent_is_on_no_call(string path, string? body)
    {
        var client = await node.ReadyClientAsync();

        var (status, problem) = await client.PostAsync(path, body);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("not on a call", problem.Str("detail"));
    }

    [Theory]
    [InlineData("/api/agents/no-such-agent/hold")]
    [InlineData("/api/agents/no-such-agent/resume")]
    [InlineData("/api/agents/no-such-agent/transfer")]
    public async Task Call_control_should_answer_404_for_an_unknown_agent(string path)
    {
        var client = await node.ReadyClientAsync();

        var (status, problem) = await client.PostAsync(path, "{\"queue\":\"sales\"}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("no-such-agent", problem.Str("id"));
    }

    [Theory]
    [InlineData("+442071234567", "sip:+442071234567@192.0.2.10")]
    [InlineData("2000", "sip:2000@192.0.2.10")]
    [InlineData("sip:2000@127.0.0.1:5070", "sip:2000@127.0.0.1:5070")]
    public void Outside_address_should_send_a_number_to_the_first_single_address_trunk(string number, string address)
    {
        var definition = ContactCenterDefinition.Empty with
        {
            Trunks = [new TrunkDefinition("local", ["127.0.0.0/8"]), new TrunkDefinition("carrier", ["192.0.2.10", "198.51.100.0/24"])],
        };

        Assert.Equal((address, null), CallControl.OutsideAddress(number, definition));
    }

    [Fact]
    public void Outside_address_should_refuse_a_number_when_no_trunk_names_a_single_address()
    {
        var definition = ContactCenterDefinition.Empty with { Trunks = [new TrunkDefinition("local", ["127.0.0.0/8"])] };

        var (address, error) = CallControl.OutsideAddress("+442071234567", definition);

        Assert.Null(address);
        Assert.Contains("SIP URI", error);
    }
}
