using Akka.Actor;
using CallCenter.Actors.Telemetry;
using CallCenter.Node.Tests.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Node.Tests.Telemetry;

/// <summary>The node on a real loopback socket, so that a Prometheus process can scrape it.</summary>
public sealed class ListeningNodeFactory : NodeFactory
{
    public ListeningNodeFactory()
    {
        UseKestrel(0);
        StartServer();
    }

    /// <summary>host:port the node's HTTP listens on.</summary>
    public string Target => new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Authority;
}

/// <summary>A real Prometheus scraping a running node: PromQL answers the answered and abandoned counts of virtual calls.</summary>
public sealed class PrometheusScrapeSpecs(ListeningNodeFactory node) : IClassFixture<ListeningNodeFactory>
{
    [Fact]
    public async Task Prometheus_should_answer_the_answered_and_abandoned_counts_of_the_calls_it_scraped()
    {
        var client = await node.ReadyClientAsync();
        using var prometheus = PrometheusProcess.Start(node.Target);
        var self = $"node=\"{TelemetryNode.Of(node.Services.GetRequiredService<ActorSystem>())}\"";
        await prometheus.AssertEventuallyAsync($"sum(up{{job=\"callcenter\"}})", 1);

        await client.AnsweredCallAsync("2001", "spanish");
        await client.AnsweredCallAsync("2001", "spanish");
        await client.AbandonedCallAsync("general");

        await prometheus.AssertEventuallyAsync($"sum(callcenter_calls_answered_total{{queue=\"spanish\",{self}}})", 2);
        await prometheus.AssertEventuallyAsync($"sum(callcenter_calls_abandoned_total{{queue=\"general\",where=\"queue\",{self}}})", 1);
        await prometheus.AssertEventuallyAsync($"sum(callcenter_calls_offered_total{{{self}}})", 3);
        await prometheus.AssertEventuallyAsync($"sum(callcenter_calls_speed_of_answer_seconds_count{{queue=\"spanish\",{self}}})", 2);
        await prometheus.AssertEventuallyAsync($"sum(callcenter_queue_calls_waiting{{queue=\"general\",{self}}})", 0);
    }
}
