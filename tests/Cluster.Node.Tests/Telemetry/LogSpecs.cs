using System.Collections.Concurrent;
using System.Diagnostics;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace CallCenter.Node.Tests.Telemetry;

/// <summary>The node with one more OpenTelemetry log processor: it keeps what an exporter would be handed.</summary>
public sealed class LoggedNodeFactory : NodeFactory
{
    public ConcurrentQueue<Exported> Exported { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddOpenTelemetry(o => o.AddProcessor(new Keep(Exported))));
    }

    private sealed class Keep(ConcurrentQueue<Exported> exported) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord record)
        {
            var scopes = new Dictionary<string, string>();
            record.ForEachScope((scope, _) =>
            {
                foreach (var (key, value) in scope)
                    scopes[key] = value?.ToString() ?? "";
            }, (object?)null);
            exported.Enqueue(new Exported(record.CategoryName ?? "", record.FormattedMessage ?? "", record.TraceId, scopes));
        }
    }
}

public sealed record Exported(string Category, string Message, ActivityTraceId TraceId, IReadOnlyDictionary<string, string> Scopes);

/// <summary>Logs go through OpenTelemetry with the call's id and the trace they were written in.</summary>
public sealed class LogSpecs(LoggedNodeFactory node) : IClassFixture<LoggedNodeFactory>
{
    [Fact]
    public async Task A_virtual_calls_log_should_reach_OpenTelemetry_with_its_call_id_scope_and_a_trace_id()
    {
        var client = await node.ReadyClientAsync();

        var call = await client.CreateCallAsync(new { queue = "general" });

        var log = Assert.Single(node.Exported, e => e.Message.StartsWith($"Virtual call {call}", StringComparison.Ordinal));
        Assert.Equal(call, log.Scopes["CallId"]);
        Assert.NotEqual(default, log.TraceId);
    }

    [Fact]
    public async Task The_actor_systems_logs_should_reach_OpenTelemetry_too()
    {
        await node.ReadyClientAsync();

        Assert.Contains(node.Exported, e => e.Category.StartsWith("Akka", StringComparison.Ordinal) && e.Message.Contains("Remoting started"));
    }
}
