using System.Net;
using System.Text.Json;
using CallCenter.Node.Health;

namespace CallCenter.Node.Tests.Hosting;

/// <summary>The whole node in-process: a cluster of one on SQLite with the sample definition.</summary>
public sealed class NodeHealthSpecs : IClassFixture<NodeFactory>
{
    private readonly NodeFactory _node;

    public NodeHealthSpecs(NodeFactory node) => _node = node;

    [Fact]
    public async Task Node_should_answer_live_while_the_process_runs()
    {
        var response = await _node.CreateClient().GetAsync(HealthEndpoints.LivePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Node_should_be_ready_once_it_is_an_Up_member_with_its_definition_loaded()
    {
        var client = _node.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage response;
        while ((response = await client.GetAsync(HealthEndpoints.ReadyPath)).StatusCode != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(200);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("cluster-member-up").GetProperty("status").GetString());
        Assert.Equal("5 queues, 13 agents", checks.GetProperty("definition-loaded").GetProperty("description").GetString());
    }

    [Fact]
    public async Task Node_should_answer_an_unknown_path_with_a_problem_document()
    {
        var response = await _node.CreateClient().GetAsync("/no-such-endpoint");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
