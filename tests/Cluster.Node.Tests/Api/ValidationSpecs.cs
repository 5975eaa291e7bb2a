using System.Net;
using System.Text.Json;
using CallCenter.Node.Tests.Hosting;

namespace CallCenter.Node.Tests.Api;

/// <summary>Bad bodies get a 400 problem document naming each bad field; unknown ids a 404 naming the id.</summary>
public sealed class ValidationSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    private static void AssertNamesField(JsonElement problem, string field, string fragment)
    {
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains(fragment));
    }

    [Theory]
    [InlineData("{bad", "body", "not valid JSON")]
    [InlineData("[1,2]", "body", "JSON object")]
    [InlineData("{}", "queue", "is required")]
    [InlineData("{\"queue\":\"nowhere\"}", "queue", "no queue 'nowhere'")]
    [InlineData("{\"queue\":\"billing\",\"priority\":\"high\"}", "priority", "whole number")]
    [InlineData("{\"queue\":\"billing\",\"priority\":1000}", "priority", "between 0 and 100")]
    [InlineData("{\"queue\":\"billing\",\"skills\":[\"juggling\"]}", "skills", "unknown skill 'juggling'")]
    [InlineData("{\"queue\":\"billing\",\"skills\":{\"billing\":9}}", "skills.billing", "proficiency from 1 to 5")]
    [InlineData("{\"queue\":\"billing\",\"variables\":{\"account\":42}}", "variables.account", "must be a string")]
    [InlineData("{\"queue\":42}", "queue", "must be a string")]
    public async Task Create_call_should_answer_400_naming_the_bad_field(string body, string field, string fragment)
    {
        var client = await node.ReadyClientAsync();

        var (status, problem) = await client.PostAsync("/api/calls", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertNamesField(problem, field, fragment);
    }

    [Theory]
    [InlineData("{\"state\":\"asleep\"}", "state", "one of ready, not-ready, logged-out")]
    [InlineData("{\"state\":\"not-ready\"}", "reason", "is required")]
    [InlineData("{\"state\":\"not-ready\",\"reason\":\"nap\"}", "reason", "unknown reason code 'nap'")]
    [InlineData("{}", "state", "is required")]
    public async Task Set_agent_state_should_answer_400_naming_the_bad_field(string body, string field, string fragment)
    {
        var client = await node.ReadyClientAsync();

        var (status, problem) = await client.PostAsync("/api/agents/1005/state", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertNamesField(problem, field, fragment);
    }

    [Theory]
    [InlineData("{}", "queue", "exactly one of queue, agent or number")]
    [InlineData("{}", "number", "exactly one of queue, agent or number")]
    [InlineData("{\"queue\":\"sales\",\"agent\":\"1002\"}", "agent", "exactly one of queue, agent or number")]
    [InlineData("{\"queue\":\"nowhere\"}", "queue", "no queue 'nowhere'")]
    [InlineData("{\"agent\":\"7777\"}", "agent", "no agent '7777'")]
    [InlineData("{\"agent\":\"1005\"}", "agent", "to themselves")]
    [InlineData("{\"number\":\"call me\"}", "number", "must be a number")]
    [InlineData("{\"number\":\"sip:someone@example.com\"}", "number", "IP address host")]
    [InlineData("{\"queue\":42}", "queue", "must be a string")]
    public async Task Transfer_should_answer_400_naming_the_bad_field(string body, string field, string fragment)
    {
        var client = await node.ReadyClientAsync();

        var (status, problem) = await client.PostAsync("/api/agents/1005/transfer", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertNamesField(problem, field, fragment);
    }

    [Theory]
    [InlineData("GET", "/api/calls/no-such-call", "no-such-call")]
    [InlineData("DELETE", "/api/calls/no-such-call", "no-such-call")]
    [InlineData("GET", "/api/agents/no-such-agent", "no-such-agent")]
    [InlineData("POST", "/api/agents/no-such-agent/answer", "no-such-agent")]
    [InlineData("GET", "/api/queues/no-such-queue", "no-such-queue")]
    public async Task Api_should_answer_404_naming_an_unknown_id(string method, string path, string id)
    {
        var client = await node.ReadyClientAsync();

        var (status, problem) = await client.SendAsync(new HttpMethod(method), path, method == "POST" ? "{}" : null);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(id, problem.Str("id"));
    }

    [Fact]
    public async Task Not_ready_with_a_configured_reason_should_be_accepted()
    {
        var client = await node.ReadyClientAsync();

        var (status, _) = await client.PostAsync("/api/agents/1004/state", new { state = "not-ready", reason = "lunch" });

        Assert.Equal(HttpStatusCode.OK, status);
        var agent = await client.EventuallyAsync("/api/agents/1004", a => a.Str("status") == "not-ready", "agent not ready");
        Assert.Equal("lunch", agent.Str("reason"));
    }
}
