using System.Net;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;

namespace CallCenter.Node.Tests.Auth;

/// <summary>
/// Who may do what, with the sample definition: 1001 serves billing, sales, general; 2001 spanish, support;
/// 9001 supervises billing, sales, support, general; 9002 supervises spanish; 9901 is an admin.
/// </summary>
public sealed class AccessSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    public static TheoryData<string, string> EveryGroup => new()
    {
        { "GET", "/api/agents" },
        { "GET", "/api/agents/1001" },
        { "POST", "/api/agents/1001/state" },
        { "POST", "/api/agents/1001/answer" },
        { "GET", "/api/queues" },
        { "GET", "/api/queues/billing" },
        { "POST", "/api/calls" },
        { "GET", "/api/calls/no-such-call" },
        { "DELETE", "/api/calls/no-such-call" },
        { "GET", "/api/customers/+441134960001" },
        { "PUT", "/api/customers/+441134960001" },
        { "GET", "/api/customers/+441134960001/interactions" },
    };

    [Theory]
    [MemberData(nameof(EveryGroup))]
    public async Task Api_should_answer_401_problem_without_credentials(string method, string path)
    {
        await node.ReadyClientAsync();

        var (status, body) = await node.CreateAnonymousClient().SendAsync(new HttpMethod(method), path, new { state = "ready" });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Api_should_answer_401_for_a_wrong_key()
    {
        var client = await node.ReadyClientAsync();
        client.DefaultRequestHeaders.Remove("X-Api-Key");
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key-of-this-node");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetJsonAsync("/api/agents")).Status);
    }

    [Fact]
    public async Task Health_and_the_openapi_document_should_stay_anonymous()
    {
        await node.ReadyClientAsync();
        var anonymous = node.CreateAnonymousClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task Agent_should_read_and_act_on_itself_only()
    {
        var alice = await node.SignInAsync("1001");

        Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetJsonAsync("/api/agents/1001")).Status);
        Assert.Equal(HttpStatusCode.OK, (await alice.Client.PostAsync("/api/agents/1001/state", new { state = "not-ready", reason = "break" })).Status);
        var (readOther, problem) = await alice.Client.GetJsonAsync("/api/agents/1002");
        Assert.Equal(HttpStatusCode.Forbidden, readOther);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.PostAsync("/api/agents/1002/state", new { state = "ready" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.PostAsync("/api/agents/1002/answer")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.PostAsync("/api/agents/1002/hangup")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.PostAsync("/api/agents/1002/wrapup-done")).Status);
    }

    [Fact]
    public async Task Agent_should_list_itself_and_its_own_queues_only()
    {
        var alice = await node.SignInAsync("1001");

        var agents = (await alice.Client.GetJsonAsync("/api/agents")).Body.EnumerateArray().Select(a => a.Str("agentId")).ToList();
        var queues = (await alice.Client.GetJsonAsync("/api/queues")).Body.EnumerateArray().Select(q => q.Str("queueId")).ToList();

        Assert.Equal(["1001"], agents);
        Assert.Equal(["billing", "sales", "general"], queues);
        Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetJsonAsync("/api/queues/billing")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.GetJsonAsync("/api/queues/spanish")).Status);
    }

    [Fact]
    public async Task Supervisor_should_force_its_queues_agent_not_ready_but_not_an_agent_outside_its_queues()
    {
        var madrid = await node.SignInAsync("9002");
        var admin = await node.ReadyClientAsync();
        await admin.PostAsync("/api/agents/2002/state", new { state = "ready" });

        var forced = await madrid.Client.PostAsync("/api/agents/2002/state", new { state = "not-ready", reason = "supervisor" });
        var outside = await madrid.Client.PostAsync("/api/agents/1001/state", new { state = "not-ready", reason = "supervisor" });
        var readOutside = await madrid.Client.GetJsonAsync("/api/agents/1001");

        Assert.Equal(HttpStatusCode.OK, forced.Status);
        await admin.EventuallyAsync("/api/agents/2002", a => a.Str("status") == "not-ready" && a.Str("reason") == "supervisor", "2002 forced not-ready");
        Assert.Equal(HttpStatusCode.Forbidden, outside.Status);
        Assert.Equal(HttpStatusCode.Forbidden, readOutside.Status);
    }

    [Fact]
    public async Task Supervisor_should_only_force_not_ready_for_supervisor_or_log_out_and_not_answer_for_an_agent()
    {
        var grace = await node.SignInAsync("9001");

        Assert.Equal(HttpStatusCode.OK, (await grace.Client.GetJsonAsync("/api/agents/1003")).Status);
        Assert.Equal(HttpStatusCode.OK, (await grace.Client.PostAsync("/api/agents/1003/state", new { state = "logged-out" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await grace.Client.PostAsync("/api/agents/1003/state", new { state = "ready" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await grace.Client.PostAsync("/api/agents/1003/state", new { state = "not-ready", reason = "break" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await grace.Client.PostAsync("/api/agents/1003/answer")).Status);
        var agents = (await grace.Client.GetJsonAsync("/api/agents")).Body.EnumerateArray().Select(a => a.Str("agentId")).ToList();
        Assert.Contains("1003", agents);
        Assert.DoesNotContain("9901", agents);
    }

    [Fact]
    public async Task Agent_should_not_create_or_end_calls_but_admin_and_key_may()
    {
        var alice = await node.SignInAsync("1001");
        var ada = await node.SignInAsync("9901");
        var key = await node.ReadyClientAsync();
        var call = new { from = "+441134960001", queue = "general", skills = new { sales = 5, spanish = 5, billing = 5 } };

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.PostAsync("/api/calls", call)).Status);
        var byAdmin = await ada.Client.CreateCallAsync(call);
        var byKey = await key.CreateCallAsync(call);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.SendAsync(HttpMethod.Delete, $"/api/calls/{byKey}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.Client.SendAsync(HttpMethod.Delete, $"/api/calls/{byKey}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await key.SendAsync(HttpMethod.Delete, $"/api/calls/{byAdmin}")).Status);
    }

    [Fact]
    public async Task Agent_should_read_a_call_offered_to_it_but_not_another_agents_call()
    {
        var key = await node.ReadyClientAsync();
        var pablo = await node.SignInAsync("2004");
        var carol = await node.SignInAsync("2003");
        var madrid = await node.SignInAsync("9002");
        await pablo.Client.PostAsync("/api/agents/2004/state", new { state = "ready" });
        await key.EventuallyAsync("/api/queues/general", q => q.GetProperty("availableAgents").EnumerateArray().Any(a => a.Str("agentId") == "2004"), "2004 available");

        var call = await key.CreateCallAsync(new { queue = "general", skills = new { spanish = 3, support = 3 } });
        await key.EventuallyAsync("/api/agents/2004", a => a.Str("callId") == call, "call offered to 2004");

        Assert.Equal(HttpStatusCode.OK, (await pablo.Client.GetJsonAsync($"/api/calls/{call}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await carol.Client.GetJsonAsync($"/api/calls/{call}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await madrid.Client.GetJsonAsync($"/api/calls/{call}")).Status);
        await key.SendAsync(HttpMethod.Delete, $"/api/calls/{call}");
    }

    [Fact]
    public async Task Agent_should_read_customers_supervisor_edit_them_and_admin_import_them()
    {
        var alice = await node.SignInAsync("1001");
        var grace = await node.SignInAsync("9001");
        var key = await node.ReadyClientAsync();
        var record = new { name = "Sam Example", account = "A-1" };

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.SendAsync(HttpMethod.Put, "/api/customers/+441134960099", record)).Status);
        Assert.Equal(HttpStatusCode.Created, (await grace.Client.SendAsync(HttpMethod.Put, "/api/customers/+441134960099", record)).Status);
        Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetJsonAsync("/api/customers/+441134960099")).Status);
        Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetJsonAsync("/api/customers/+441134960099/interactions")).Status);
        using var csv = new StringContent("phone,name,account,notes\n+441134960098,Kim Example,,\n", System.Text.Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.Forbidden, (await grace.Client.PostAsync("/api/customers/import", csv)).StatusCode);
        using var csv2 = new StringContent("phone,name,account,notes\n+441134960098,Kim Example,,\n", System.Text.Encoding.UTF8, "text/csv");
        Assert.Equal(HttpStatusCode.OK, (await key.PostAsync("/api/customers/import", csv2)).StatusCode);
    }
}
