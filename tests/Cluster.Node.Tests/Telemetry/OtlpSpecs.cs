using System.Collections.Concurrent;
using System.Net;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;

namespace CallCenter.Node.Tests.Telemetry;

/// <summary>A loopback OTLP/HTTP receiver that keeps the paths it was posted to, and a node told to export to it.</summary>
public sealed class OtlpNodeFactory : NodeFactory
{
    private readonly HttpListener _receiver = new();

    public OtlpNodeFactory()
    {
        Endpoint = $"http://127.0.0.1:{PrometheusProcess.FreeLoopbackPort()}/";
        _receiver.Prefixes.Add(Endpoint);
        _receiver.Start();
        _ = ReceiveAsync();
    }

    public string Endpoint { get; }

    public ConcurrentQueue<string> Posted { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", Endpoint.TrimEnd('/'));
        builder.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        builder.UseSetting("OTEL_METRIC_EXPORT_INTERVAL", "500");
        builder.UseSetting("OTEL_BSP_SCHEDULE_DELAY", "500");
        builder.UseSetting("OTEL_BLRP_SCHEDULE_DELAY", "500");
    }

    private async Task ReceiveAsync()
    {
        while (_receiver.IsListening)
        {
            try
            {
                var context = await _receiver.GetContextAsync();
                Posted.Enqueue($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}");
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _receiver.Close();
    }
}

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the node sends metrics, traces and logs over OTLP.</summary>
public sealed class OtlpSpecs(OtlpNodeFactory node) : IClassFixture<OtlpNodeFactory>
{
    [Fact]
    public async Task A_node_with_an_OTLP_endpoint_should_post_metrics_traces_and_logs_to_it()
    {
        var client = await node.ReadyClientAsync();

        await client.AbandonedCallAsync("general");

        await Actors.Tests.Support.Polling.UntilAsync(
            () => new[] { "/v1/metrics", "/v1/traces", "/v1/logs" }.All(p => node.Posted.Contains($"POST {p}")),
            "metrics, traces and logs posted", () => $"posted: {string.Join(", ", node.Posted.Distinct())}");
    }
}
