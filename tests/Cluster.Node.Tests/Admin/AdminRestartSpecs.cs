using System.Net;
using CallCenter.Node.Admin;
using CallCenter.Node.Configuration;
using CallCenter.Node.Definition;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Node.Tests.Admin;

/// <summary>Administration changes are kept in the node's database: a restart on the same data directory keeps them.</summary>
public sealed class AdminRestartSpecs
{
    [Fact]
    public async Task Changes_should_survive_a_restart_of_the_node_and_win_over_the_file()
    {
        using var data = new TempDirectory();
        await using (var first = new AdminNode(data.Path))
        {
            var client = await first.ReadyClientAsync();
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Put, "/api/admin/not-ready-reasons/coaching", "{}")).Status);
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, "/api/admin/not-ready-reasons/meeting")).Status);
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Put, "/api/admin/queues/renewals", new { ringTimeoutSeconds = 12 })).Status);
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, "/api/admin/queues/sales", new { ringTimeoutSeconds = 7 })).Status);
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Put, "/api/admin/agents/3101",
                new { name = "Robin Renewals", site = "york", queues = new[] { "renewals" } })).Status);
        }

        await using var second = new AdminNode(data.Path);
        var restarted = await second.ReadyClientAsync();

        var definition = (await restarted.GetJsonAsync("/api/admin/definition")).Body;
        var reasons = definition.GetProperty("notReadyReasons").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("coaching", reasons);
        Assert.DoesNotContain("meeting", reasons);
        Assert.Equal(12, (await restarted.GetJsonAsync("/api/admin/queues/renewals")).Body.GetProperty("ringTimeoutSeconds").GetInt32());
        Assert.Equal(7, (await restarted.GetJsonAsync("/api/admin/queues/sales")).Body.GetProperty("ringTimeoutSeconds").GetInt32());
        Assert.Equal("Robin Renewals", (await restarted.GetJsonAsync("/api/admin/agents/3101")).Body.Str("name"));
        Assert.Equal("Robin Renewals", (await restarted.GetJsonAsync("/api/agents/3101")).Body.Str("name"));
        Assert.Equal(HttpStatusCode.OK, (await restarted.PostAsync("/api/agents/3101/state", new { state = "not-ready", reason = "coaching" })).Status);
        // The file's own entries still load.
        Assert.Equal(HttpStatusCode.OK, (await restarted.GetJsonAsync("/api/admin/queues/billing")).Status);
    }
}

/// <summary>Changes another node stores in the shared database come into force here without a restart.</summary>
public sealed class AdminFollowSpecs(AdminNodeFixture fixture) : IClassFixture<AdminNodeFixture>
{
    [Fact]
    public async Task A_change_stored_by_another_node_should_come_into_force()
    {
        var client = await fixture.Node.ReadyClientAsync();
        var options = fixture.Node.Services.GetRequiredService<CallCenterOptions>();
        await using var otherNode = DefinitionChangeStore.For(options.Persistence);

        await otherNode.SaveAsync(new DefinitionChange(
            DefinitionChangeKind.Queue, "followed", "{name: followed, ringTimeoutSeconds: 4}"), DateTimeOffset.UtcNow);

        await client.EventuallyAsync("/api/admin/queues/followed", q => q.GetProperty("ringTimeoutSeconds").GetInt32() == 4, "the change taken");
        await client.EventuallyAsync("/api/queues/followed", q => q.GetProperty("configured").GetBoolean(), "the queue entity configured");
    }
}
