using System.Net;
using CallCenter.Node.Auth;
using CallCenter.Node.Entities;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Node.Tests.Auth;

/// <summary>Passwords and their hashes stay secret: never logged, never in an answer.</summary>
public sealed class SecretsSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    private string HashOf(string agentId) => node.Services.GetRequiredService<ContactCenterDirectory>().Agent(agentId)!.PasswordHash!;

    [Fact]
    public async Task Sign_ins_should_be_logged_without_the_password_or_its_hash()
    {
        var client = await node.ReadyClientAsync();
        client.DefaultRequestHeaders.Remove(AuthSchemes.ApiKeyHeader);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(SessionApi.Path, new { agentId = "1004", password = "wrong-guess-4711" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(SessionApi.Path, new { agentId = "1004", password = "desk-1004" })).Status);

        var lines = node.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("Sign-in of agent 1004") && l.Contains("failed"));
        Assert.Contains(lines, l => l.Contains("Agent 1004 signed in"));
        Assert.DoesNotContain(lines, l => l.Contains("wrong-guess-4711") || l.Contains("desk-1004") || l.Contains(HashOf("1004")));
    }

    [Fact]
    public async Task Answers_should_never_hold_a_password_hash()
    {
        var key = await node.ReadyClientAsync();
        var admin = await node.SignInAsync("9901");
        var hashes = new[] { "1001", "9001", "9901" }.Select(HashOf).ToList();

        var answers = new List<string>();
        foreach (var path in new[] { "/api/agents", "/api/agents/1001", "/api/agents/9901", SessionApi.Path, "/openapi/v1.json" })
        {
            answers.Add(await key.GetStringAsync(path));
            answers.Add(await admin.Client.GetStringAsync(path));
        }

        Assert.All(answers, a => Assert.DoesNotContain(hashes, a.Contains));
        Assert.All(answers, a => Assert.DoesNotContain("desk-", a));
    }
}
