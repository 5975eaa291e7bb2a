using System.Net;
using Akka.Actor;
using CallCenter.Actors.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;

namespace CallCenter.Node.Tests.Telemetry;

/// <summary>Virtual calls through the API of a node of one: what their lives record in the contact-center metrics.</summary>
public sealed class CallMetricsSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    [Fact]
    public async Task An_answered_call_should_count_offered_answered_within_threshold_and_record_speed_of_answer_and_handle_time()
    {
        var client = await node.ReadyClientAsync();
        using var metrics = new RecordedMeasurements(node.Services.GetRequiredService<ActorSystem>());

        await client.AnsweredCallAsync("2001", "spanish");

        var spanish = ("queue", "spanish");
        await metrics.EventuallyAsync(m => m.Of("callcenter.calls.handle_time", spanish).Count == 1, "handle time recorded");
        Assert.Equal(1, metrics.Sum("callcenter.calls.offered", spanish));
        Assert.Equal(1, metrics.Sum("callcenter.calls.answered", spanish));
        Assert.Equal(1, metrics.Sum("callcenter.calls.answered_within_threshold", spanish));
        var speed = Assert.Single(metrics.Of("callcenter.calls.speed_of_answer", spanish));
        Assert.InRange(speed.Value, 0, 15);
        Assert.Equal(0, metrics.Sum("callcenter.calls.abandoned"));
        Assert.NotEmpty(metrics.Of("callcenter.routing.decision.duration", spanish));
        Assert.NotEmpty(metrics.Of("callcenter.journal.write.duration", ("entity", "call")));
    }

    [Fact]
    public async Task A_call_hung_up_while_waiting_should_count_as_a_short_abandon_in_the_queue_and_leave_the_waiting_gauge()
    {
        var client = await node.ReadyClientAsync();
        using var metrics = new RecordedMeasurements(node.Services.GetRequiredService<ActorSystem>());
        var waiting = await client.CreateCallAsync(new { queue = "general", skills = new { sales = 5, spanish = 5, billing = 5 } });
        await client.EventuallyAsync("/api/queues/general", q => q.GetProperty("waiting").GetArrayLength() == 1, "call waiting");
        metrics.Observe();
        Assert.Equal(1, metrics.Of("callcenter.queue.calls_waiting", ("queue", "general")).Last().Value);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/calls/{waiting}")).Status);

        var general = ("queue", "general");
        await metrics.EventuallyAsync(m => m.Sum("callcenter.calls.abandoned", general) == 1, "abandon counted");
        Assert.Equal(1, metrics.Sum("callcenter.calls.abandoned", general, ("where", "queue")));
        Assert.Equal(1, metrics.Sum("callcenter.calls.abandoned_short", general));
        Assert.Equal(0, metrics.Sum("callcenter.calls.answered", general));
        // The gauges read the state the queue publishes right after the decision that counted the abandon.
        await metrics.EventuallyAsync(m =>
        {
            m.Clear();
            m.Observe();
            return m.Of("callcenter.queue.calls_waiting", general).Last().Value == 0;
        }, "no call waiting");
        Assert.Equal(0, metrics.Of("callcenter.queue.longest_wait", general).Last().Value);
    }

    [Fact]
    public async Task Agents_gauge_should_show_a_ready_agent_in_each_of_its_queues_with_its_site()
    {
        var client = await node.ReadyClientAsync();
        using var metrics = new RecordedMeasurements(node.Services.GetRequiredService<ActorSystem>());
        var agent = await client.GetJsonAsync("/api/agents/1006");
        var site = agent.Body.Str("site");
        var queues = agent.Body.GetProperty("queues").EnumerateArray().Select(q => q.GetString()!).ToList();
        Assert.NotEmpty(queues);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/1006/state", new { state = "ready" })).Status);
        await client.EventuallyAsync("/api/agents/1006", a => a.Str("status") == "ready", "agent ready");

        metrics.Observe();
        foreach (var queue in queues)
            Assert.True(metrics.Sum("callcenter.agents.by_state", ("queue", queue), ("site", site), ("state", "ready")) >= 1,
                $"no ready agent at {site} in {queue}");
        metrics.Observe();
        Assert.NotEmpty(metrics.Of("callcenter.cluster.members", ("status", "up")));
    }

    [Fact]
    public async Task Metrics_endpoint_should_answer_anonymously_in_the_Prometheus_format()
    {
        await node.ReadyClientAsync();
        var anonymous = node.CreateAnonymousClient();

        var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE callcenter_queue_calls_waiting gauge", text);
        Assert.Contains("callcenter_cluster_members", text);
    }
}
