using System.Net;
using System.Text.Json;
using CallCenter.Actors.Definition;
using CallCenter.Node.Auth;
using CallCenter.Node.Entities;
using CallCenter.Node.Gateway;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Node.Tests.Admin;

/// <summary>The administration API on a running node of one (SQLite): changes apply at once, without a restart.</summary>
public sealed class AdminApiSpecs(AdminNodeFixture fixture) : IClassFixture<AdminNodeFixture>
{
    private static readonly object Claims = new
    {
        strategy = "most-skilled", skills = new { insurance = 2 }, ringTimeoutSeconds = 20, wrapUpSeconds = 5,
        serviceLevelSeconds = 30, maxWaitingCalls = 50, whenFullOrTooLong = "general",
        overflow = new object[] { new { afterSeconds = 60, moveTo = "general" } },
    };

    private static object Agent(string queue, string skill) => new
    {
        name = "Casey Claims", site = "leeds", role = "agent", skills = new Dictionary<string, int> { [skill] = 3 },
        queues = new[] { queue }, password = "desk-secret", phonePassword = "phone-secret",
    };

    private static async Task<JsonElement> PutAsync(HttpClient client, string path, object? body, HttpStatusCode expected)
    {
        var (status, json) = await client.SendAsync(HttpMethod.Put, path, body ?? "{}");
        Assert.True(status == expected, $"PUT {path}: {status}, expected {expected}: {json}");
        return json;
    }

    [Fact]
    public async Task A_queue_and_an_agent_created_through_the_API_should_take_a_call_without_a_restart()
    {
        var client = await fixture.Node.ReadyClientAsync();
        await PutAsync(client, "/api/admin/skills/insurance", null, HttpStatusCode.Created);
        var queue = await PutAsync(client, "/api/admin/queues/claims", Claims, HttpStatusCode.Created);
        var agent = await PutAsync(client, "/api/admin/agents/3001", Agent("claims", "insurance"), HttpStatusCode.Created);

        Assert.Equal(("claims", "most-skilled", 20), (queue.Str("name"), queue.Str("strategy"), queue.GetProperty("ringTimeoutSeconds").GetInt32()));
        Assert.Equal(("3001", "leeds", "True", "True"), (agent.Str("id"), agent.Str("site"), agent.Str("hasPassword"), agent.Str("hasPhonePassword")));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/3001/state", new { state = "ready" })).Status);
        var call = await client.CreateCallAsync(new { from = "+441130000001", queue = "claims" });
        await client.EventuallyAsync("/api/agents/3001", a => a.Str("status") == "reserved" && a.Str("callId") == call, "the new agent reserved for the call");
        await client.EventuallyAsync($"/api/calls/{call}", c => c.Str("status") == "offered", "call offered");
        await client.PostAsync("/api/agents/3001/reject");
    }

    [Fact]
    public async Task A_changed_ring_timeout_should_apply_to_the_next_offer()
    {
        var client = await fixture.Node.ReadyClientAsync();
        await PutAsync(client, "/api/admin/skills/motor", null, HttpStatusCode.Created);
        await PutAsync(client, "/api/admin/queues/motor", new { skills = new { motor = 1 }, ringTimeoutSeconds = 30 }, HttpStatusCode.Created);
        await PutAsync(client, "/api/admin/agents/3002", Agent("motor", "motor"), HttpStatusCode.Created);

        var updated = await PutAsync(client, "/api/admin/queues/motor", new { skills = new { motor = 1 }, ringTimeoutSeconds = 1 }, HttpStatusCode.OK);
        await client.PostAsync("/api/agents/3002/state", new { state = "ready" });
        var call = await client.CreateCallAsync(new { queue = "motor" });

        Assert.Equal(1, updated.GetProperty("ringTimeoutSeconds").GetInt32());
        Assert.Equal(1, (await client.GetJsonAsync("/api/admin/queues/motor")).Body.GetProperty("ringTimeoutSeconds").GetInt32());
        await client.EventuallyAsync("/api/agents/3002", a => a.Str("callId") == call, "the agent offered the call");
        // Unanswered for 1 s (not the 30 s first configured): ring-no-answer puts the agent in not-ready.
        await client.EventuallyAsync("/api/agents/3002", a => a.Str("status") == "not-ready" && a.Str("reason") == NotReadyReasonCodes.NoAnswer,
            "the agent not ready after the new ring timeout");
    }

    [Theory]
    [InlineData("/api/admin/queues/bad", """{"strategy":"busiest-first"}""", "strategy", "unknown strategy 'busiest-first'")]
    [InlineData("/api/admin/queues/bad", """{"skills":{"juggling":2}}""", "skills.juggling", "unknown skill 'juggling'")]
    [InlineData("/api/admin/queues/bad", """{"skills":{"billing":9}}""", "skills.billing", "between 1 and 5, got 9")]
    [InlineData("/api/admin/queues/bad", """{"whenFullOrTooLong":"nowhere"}""", "whenFullOrTooLong", "unknown queue 'nowhere'")]
    [InlineData("/api/admin/queues/bad", """{"overflow":[{"afterSeconds":30}]}""", "overflow[0]", "exactly one of minProficiency or moveTo")]
    [InlineData("/api/admin/queues/bad", """{"ringTimeoutSeconds":0}""", "ringTimeoutSeconds", "at least 1")]
    [InlineData("/api/admin/queues/bad", """{"colour":"red"}""", "colour", "unknown key 'colour'")]
    [InlineData("/api/admin/queues/bad", """{"hold":{"music":"no-such-prompt"}}""", "hold.music", "no-such-prompt.wav does not exist")]
    [InlineData("/api/admin/queues/bad", """{"maxWaitSeconds":"soon"}""", "maxWaitSeconds", "must be a whole number")]
    [InlineData("/api/admin/queues/bad", """{"name":"other"}""", "name", "as in the URL")]
    [InlineData("/api/admin/agents/3999", """{"name":"X","site":"leeds","queues":["nowhere"]}""", "queues[0]", "unknown queue 'nowhere'")]
    [InlineData("/api/admin/agents/3999", """{"name":"X","site":"leeds","skills":{"billing":9}}""", "skills.billing", "between 1 and 5, got 9")]
    [InlineData("/api/admin/agents/3999", """{"name":"X","site":"leeds","role":"boss"}""", "role", "unknown role 'boss'")]
    [InlineData("/api/admin/agents/3999", """{"site":"leeds"}""", "", "missing required key 'name'")]
    [InlineData("/api/admin/agents/3999", """{"name":"X","site":"leeds","password":""}""", "password", "must not be empty")]
    [InlineData("/api/admin/agents/3999", """{"name":"X","site":"leeds","passwordHash":"AQAAAA"}""", "passwordHash", "is not taken")]
    public async Task A_bad_change_should_be_a_400_problem_naming_the_field(string path, string body, string field, string reason)
    {
        var client = await fixture.Node.ReadyClientAsync();

        var (status, problem) = await client.SendAsync(HttpMethod.Put, path, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem.GetProperty("errors");
        var named = field.Length == 0 ? errors.EnumerateObject().Single().Value : errors.GetProperty(field);
        Assert.Contains(reason, named[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync(path)).Status);
    }

    [Fact]
    public async Task An_unknown_queue_or_agent_should_be_404()
    {
        var client = await fixture.Node.ReadyClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync("/api/admin/queues/nowhere")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync("/api/admin/agents/0000")).Status);
    }

    [Fact]
    public async Task The_definition_should_never_show_a_password_or_a_hash()
    {
        var client = await fixture.Node.ReadyClientAsync();
        await PutAsync(client, "/api/admin/agents/3003", Agent("billing", "billing"), HttpStatusCode.Created);

        var response = await client.GetStringAsync("/api/admin/definition");
        var definition = JsonDocument.Parse(response).RootElement;

        Assert.Contains(definition.GetProperty("agents").EnumerateArray(), a => a.Str("id") == "3003");
        Assert.Contains(definition.GetProperty("queues").EnumerateArray(), q => q.Str("name") == "billing");
        foreach (var secret in new[] { "desk-secret", "phone-secret", "\"password", "passwordHash", "phonePassword", "AQAAAA" })
            Assert.DoesNotContain(secret, response);
        foreach (var id in new[] { "3003", "1001" })
            Assert.DoesNotContain("assword\"", (await client.GetStringAsync($"/api/admin/agents/{id}")).Replace("hasPassword\"", "").Replace("hasPhonePassword\"", ""));
    }

    [Fact]
    public async Task A_new_agent_should_have_a_phone_credential_and_a_sign_in_hash_at_once()
    {
        var client = await fixture.Node.ReadyClientAsync();
        await PutAsync(client, "/api/admin/agents/3004", Agent("billing", "billing"), HttpStatusCode.Created);
        var directory = fixture.Node.Services.GetRequiredService<ContactCenterDirectory>();

        var credential = await new AgentPhoneCredentials(directory).FindAsync("3004", "callcenter");
        var hash = directory.Agent("3004")!.PasswordHash!;

        Assert.Equal("phone-secret", credential?.Password);
        Assert.True(PasswordHashes.Verify(directory.Agent("3004"), "desk-secret"));
        Assert.True(PasswordHashes.IsWellFormed(hash));
    }

    [Fact]
    public async Task An_agent_created_with_a_password_should_sign_in_at_once()
    {
        var client = await fixture.Node.ReadyClientAsync();
        await PutAsync(client, "/api/admin/agents/3007", Agent("billing", "billing"), HttpStatusCode.Created);

        var (status, session) = await fixture.Node.CreateAnonymousClient().PostAsync(SessionApi.Path, new { agentId = "3007", password = "desk-secret" });
        var (wrong, _) = await fixture.Node.CreateAnonymousClient().PostAsync(SessionApi.Path, new { agentId = "3007", password = "desk-wrong" });

        Assert.Equal((HttpStatusCode.OK, "agent", "leeds"), (status, session.Str("role"), session.Str("site")));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
    }

    [Fact]
    public async Task Only_an_admin_or_the_key_should_reach_the_administration_API()
    {
        await fixture.Node.ReadyClientAsync();
        var anonymous = fixture.Node.CreateAnonymousClient();
        var agent = fixture.Node.CreateAnonymousClient();
        var (signedIn, session) = await agent.PostAsync(SessionApi.Path, new { agentId = "1001", password = "desk-1001" });
        agent.DefaultRequestHeaders.Add(AuthSchemes.CsrfHeader, session.Str("csrfToken"));

        Assert.Equal(HttpStatusCode.OK, signedIn);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetJsonAsync("/api/admin/definition")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetJsonAsync("/api/admin/definition")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.SendAsync(HttpMethod.Put, "/api/admin/skills/hacking", "{}")).Status);
        var skills = (await fixture.Node.CreateClient().GetJsonAsync("/api/admin/definition")).Body.GetProperty("skills");
        Assert.DoesNotContain("hacking", skills.EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Replacing_an_agent_without_passwords_should_keep_them()
    {
        var client = await fixture.Node.ReadyClientAsync();
        await PutAsync(client, "/api/admin/agents/3005", Agent("billing", "billing"), HttpStatusCode.Created);

        var replaced = await PutAsync(client, "/api/admin/agents/3005", new { name = "Casey Renamed", site = "york", queues = new[] { "billing" } }, HttpStatusCode.OK);

        Assert.Equal(("Casey Renamed", "True", "True"), (replaced.Str("name"), replaced.Str("hasPassword"), replaced.Str("hasPhonePassword")));
        await client.EventuallyAsync("/api/agents/3005", a => a.Str("site") == "york", "the entity renamed");
    }

    [Fact]
    public async Task Text_should_be_kept_exactly_whatever_it_holds()
    {
        var client = await fixture.Node.ReadyClientAsync();
        const string name = "Zoë \"Z\" O'Neil: {null} \\ 東京 #1 - ~";

        var stored = await PutAsync(client, "/api/admin/agents/3006", new { name, site = "null", queues = new[] { "billing" } }, HttpStatusCode.Created);

        Assert.Equal((name, "null"), (stored.Str("name"), stored.Str("site")));
        await client.EventuallyAsync("/api/agents/3006", a => a.Str("name") == name, "the entity named");
    }

    [Fact]
    public async Task Concurrent_changes_should_all_be_kept()
    {
        var client = await fixture.Node.ReadyClientAsync();

        var statuses = await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
            (await client.SendAsync(HttpMethod.Put, $"/api/admin/queues/burst-{i}", new { ringTimeoutSeconds = 10 + i })).Status));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        var queues = (await client.GetJsonAsync("/api/admin/definition")).Body.GetProperty("queues").EnumerateArray()
            .Where(q => q.Str("name").StartsWith("burst-")).ToDictionary(q => q.Str("name"), q => q.GetProperty("ringTimeoutSeconds").GetInt32());
        Assert.Equal(Enumerable.Range(1, 8).ToDictionary(i => $"burst-{i}", i => 10 + i), queues);
    }

    [Fact]
    public async Task A_file_queue_read_back_should_be_accepted_unchanged()
    {
        var client = await fixture.Node.ReadyClientAsync();
        var billing = (await client.GetJsonAsync("/api/admin/queues/billing")).Body;

        var replaced = await PutAsync(client, "/api/admin/queues/billing", billing.GetRawText(), HttpStatusCode.OK);

        Assert.Equal(billing.GetRawText(), replaced.GetRawText());
    }
}

/// <summary>Removing entries: refused while anything refers to them, so the definition always holds.</summary>
public sealed class AdminRemovalSpecs(AdminNodeFixture fixture) : IClassFixture<AdminNodeFixture>
{
    [Theory]
    [InlineData("/api/admin/queues/billing", "refers to unknown queue 'billing'")]
    [InlineData("/api/admin/skills/billing", "unknown skill 'billing'")]
    [InlineData("/api/admin/not-ready-reasons/supervisor", "the platform itself sets")]
    public async Task Removing_an_entry_in_use_should_be_a_409_with_the_reason(string path, string reason)
    {
        var client = await fixture.Node.ReadyClientAsync();

        var (status, problem) = await client.SendAsync(HttpMethod.Delete, path);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains(reason, problem.Str("detail"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync("/api/admin/queues/billing")).Status);
    }

    [Fact]
    public async Task Removing_an_unused_queue_and_agent_should_take_them_out_of_the_definition()
    {
        var client = await fixture.Node.ReadyClientAsync();
        await client.SendAsync(HttpMethod.Put, "/api/admin/queues/temporary", "{}");
        await client.SendAsync(HttpMethod.Put, "/api/admin/agents/3201", new { name = "Temp", site = "leeds", queues = new[] { "temporary" } });

        var queueInUse = (await client.SendAsync(HttpMethod.Delete, "/api/admin/queues/temporary")).Status;
        var agentRemoved = (await client.SendAsync(HttpMethod.Delete, "/api/admin/agents/3201")).Status;
        var queueRemoved = (await client.SendAsync(HttpMethod.Delete, "/api/admin/queues/temporary")).Status;

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.NoContent, HttpStatusCode.NoContent), (queueInUse, agentRemoved, queueRemoved));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync("/api/admin/queues/temporary")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync("/api/queues/temporary")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Delete, "/api/admin/agents/3201")).Status);
    }

    [Fact]
    public async Task A_removed_agent_should_no_longer_be_offered_calls()
    {
        var client = await fixture.Node.ReadyClientAsync();
        await client.SendAsync(HttpMethod.Put, "/api/admin/agents/3202", new { name = "Leaving", site = "leeds", skills = new { support = 5 }, queues = new[] { "support" } });
        await client.PostAsync("/api/agents/3202/state", new { state = "ready" });
        await client.EventuallyAsync("/api/queues/support", q => Available(q).Contains("3202"), "the agent available");

        var (status, _) = await client.SendAsync(HttpMethod.Delete, "/api/admin/agents/3202");

        Assert.Equal(HttpStatusCode.NoContent, status);
        await client.EventuallyAsync("/api/queues/support", q => !Available(q).Contains("3202"), "the removed agent no longer available");
    }

    [Fact]
    public async Task A_queue_with_waiting_calls_should_not_be_removed()
    {
        var client = await fixture.Node.ReadyClientAsync();
        await client.SendAsync(HttpMethod.Put, "/api/admin/queues/busy", "{}");
        var call = await client.CreateCallAsync(new { queue = "busy" });
        await client.EventuallyAsync("/api/queues/busy", q => q.GetProperty("waiting").GetArrayLength() == 1, "the call waiting");

        var (status, problem) = await client.SendAsync(HttpMethod.Delete, "/api/admin/queues/busy");
        await client.SendAsync(HttpMethod.Delete, $"/api/calls/{call}");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("Calls still wait in queue 'busy' (1)", problem.Str("detail"));
        await client.EventuallyAsync("/api/queues/busy", q => q.GetProperty("waiting").GetArrayLength() == 0, "the call gone");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, "/api/admin/queues/busy")).Status);
    }

    private static List<string> Available(JsonElement queue) =>
        [.. queue.GetProperty("availableAgents").EnumerateArray().Select(a => a.Str("agentId"))];
}
