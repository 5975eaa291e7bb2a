using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CallCenter.Actors.Telemetry;
using CallCenter.Actors.Tests.Support;
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
            var attributes = (record.Attributes ?? []).ToDictionary(a => a.Key, a => a.Value?.ToString() ?? "");
            exported.Enqueue(new Exported(record.CategoryName ?? "", record.FormattedMessage ?? "", record.TraceId, scopes, attributes));
        }
    }
}

public sealed record Exported(string Category, string Message, ActivityTraceId TraceId, IReadOnlyDictionary<string, string> Scopes,
    IReadOnlyDictionary<string, string> Attributes);

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
    public async Task A_SIP_calls_gateway_log_should_carry_its_call_id_and_the_trace_its_INVITE_started()
    {
        await node.ReadyClientAsync();
        using var spans = new RecordedSpans();
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var sipCallId = $"log-{Guid.NewGuid():N}";

        var invite = await CallTraceSpecs.InviteAsync(node, udp, spans, sipCallId);

        var call = (string)invite.GetTagItem("callcenter.call.id")!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!node.Exported.Any(e => e.Message.Contains($"(SIP Call-ID {sipCallId})", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
            await Task.Delay(20);

        var arrival = Assert.Single(node.Exported, e => e.Message.Contains($"(SIP Call-ID {sipCallId})", StringComparison.Ordinal));
        Assert.StartsWith("Akka", arrival.Category, StringComparison.Ordinal);
        Assert.Equal(call, arrival.Attributes[CallLog.CallIdProperty]);
        Assert.Contains($"Call {call} (SIP Call-ID {sipCallId}) from ", arrival.Message, StringComparison.Ordinal);
        Assert.Equal(invite.TraceId, arrival.TraceId);
        Assert.All(node.Exported.Where(e => e.Attributes.GetValueOrDefault(CallLog.CallIdProperty) == call), e => Assert.Equal(invite.TraceId, e.TraceId));
    }

    [Fact]
    public async Task The_actor_systems_logs_should_reach_OpenTelemetry_too()
    {
        await node.ReadyClientAsync();

        Assert.Contains(node.Exported, e => e.Category.StartsWith("Akka", StringComparison.Ordinal) && e.Message.Contains("Remoting started"));
    }
}
