using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Transport;
using CallCenter.Node.Gateway;
using CallCenter.Node.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Tests.Telemetry;

/// <summary>
/// The shipped dashboards (k8s/dashboards/*.json) and alert rules (alerts.yaml) name only metrics a running node
/// exports: the node is driven (an answered and an abandoned call, a SIP request, an RTP stream) so that every
/// series exists, and every <c>callcenter_*</c> name of every PromQL expression must be in its /metrics.
/// </summary>
public sealed partial class DashboardSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    private static string Dashboards => Path.Combine(RepositoryFiles.Root, "k8s", "dashboards");

    [GeneratedRegex(@"\bcallcenter_[a-z0-9_]+\b")]
    private static partial Regex MetricName();

    [Fact]
    public async Task Every_metric_the_dashboards_and_alert_rules_name_should_be_exported_by_a_node_that_handled_calls()
    {
        var exported = await ExportedNamesAfterTrafficAsync();

        var named = Expressions().SelectMany(e => MetricName().Matches(e.Expression).Select(m => (e.Where, Name: m.Value))).ToList();

        Assert.True(named.Select(n => n.Name).Distinct().Count() >= 20, $"only {named.Count} metric names found in the dashboards and rules");
        Assert.Equal([], named.Where(n => !exported.Contains(n.Name)).Select(n => $"{n.Where}: {n.Name}").Distinct().ToList());
    }

    [Fact]
    public async Task Every_SIP_and_RTP_series_should_name_its_gateway_by_its_SIP_address()
    {
        var sip = node.Services.GetRequiredService<SipGateway>().Stack.EndPoint;
        await SipOptionsAsync(sip);
        await RtpStreamAsync(sip.ToString());

        var text = await node.CreateAnonymousClient().GetStringAsync("/metrics");
        var series = text.Split('\n').Where(l => l.StartsWith("callcenter_sip_", StringComparison.Ordinal) || l.StartsWith("callcenter_rtp_", StringComparison.Ordinal)).ToList();

        Assert.True(series.Count >= 8, $"only {series.Count} SIP and RTP series");
        Assert.Equal([], series.Where(l => !l.Contains("gateway=\"", StringComparison.Ordinal)).ToList());
        Assert.Contains(series, l => l.StartsWith("callcenter_sip_requests_total{", StringComparison.Ordinal) && l.Contains("method=\"OPTIONS\"", StringComparison.Ordinal)
                                     && l.Contains($"gateway=\"{sip}\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Dashboards_should_be_the_five_the_operators_open_each_with_panels_and_queries()
    {
        var files = Directory.GetFiles(Dashboards, "*.json").Select(Path.GetFileName).Order().ToList();

        Assert.Equal(["agents.json", "cluster-health.json", "overview.json", "queue.json", "sip-gateway.json"], files);
        foreach (var file in files)
        {
            var board = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dashboards, file!))).RootElement;
            Assert.False(string.IsNullOrEmpty(board.GetProperty("uid").GetString()));
            Assert.All(board.GetProperty("panels").EnumerateArray(), p => Assert.NotEmpty(p.GetProperty("targets").EnumerateArray()));
        }
    }

    [Fact]
    public void Alert_rules_should_pass_promtool_and_cover_the_five_conditions()
    {
        using var promtool = Process.Start(new ProcessStartInfo("/usr/bin/promtool", ["check", "rules", Path.Combine(Dashboards, "alerts.yaml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = promtool.StandardOutput.ReadToEnd() + promtool.StandardError.ReadToEnd();
        Assert.True(promtool.WaitForExit(30_000), "promtool did not finish in 30 s");
        Assert.True(promtool.ExitCode == 0, output);

        var alerts = Expressions().Where(e => e.Where.StartsWith("alerts.yaml", StringComparison.Ordinal)).Select(e => e.Where).ToList();
        foreach (var alert in new[] { "ServiceLevelBelowTarget", "LongestWaitAboveThreshold", "NoReadyAgentsInStaffedQueue", "NodeUnreachable", "JournalWriteFailures" })
            Assert.Contains($"alerts.yaml {alert}", alerts);
    }

    /// <summary>Every PromQL expression: dashboard targets and variable queries, and alert rules, with where each stands.</summary>
    private static IEnumerable<(string Where, string Expression)> Expressions()
    {
        foreach (var file in Directory.GetFiles(Dashboards, "*.json"))
        {
            var board = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
            foreach (var panel in board.GetProperty("panels").EnumerateArray())
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                    yield return ($"{Path.GetFileName(file)} '{panel.GetProperty("title").GetString()}'", target.GetProperty("expr").GetString()!);
            foreach (var variable in board.GetProperty("templating").GetProperty("list").EnumerateArray())
                if (variable.TryGetProperty("definition", out var definition))
                    yield return ($"{Path.GetFileName(file)} ${variable.GetProperty("name").GetString()}", definition.GetString()!);
        }

        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Dashboards, "alerts.yaml"))));
        var groups = (YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["groups"];
        foreach (var rule in groups.Cast<YamlMappingNode>().SelectMany(g => (YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>())
            yield return ($"alerts.yaml {rule["alert"]}", ((YamlScalarNode)rule["expr"]).Value!);
    }

    /// <summary>The names in the node's /metrics once calls, SIP and RTP went through it.</summary>
    private async Task<HashSet<string>> ExportedNamesAfterTrafficAsync()
    {
        var client = await node.ReadyClientAsync();
        await client.AnsweredCallAsync("2001", "spanish");
        await client.AbandonedCallAsync("general");
        await SipOptionsAsync(node.Services.GetRequiredService<SipGateway>().Stack.EndPoint);
        await RtpStreamAsync(node.Services.GetRequiredService<SipGateway>().Stack.EndPoint.ToString());

        var text = await node.CreateAnonymousClient().GetStringAsync("/metrics");
        return text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l[..l.IndexOfAny(['{', ' '])]).ToHashSet();
    }

    /// <summary>An OPTIONS to the node's SIP port over UDP, answered.</summary>
    private static async Task SipOptionsAsync(IPEndPoint sip)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)udp.Client.LocalEndPoint!;
        var options = $"OPTIONS sip:{sip} SIP/2.0\r\nVia: SIP/2.0/UDP {local};branch=z9hG4bKdash1\r\nMax-Forwards: 70\r\n" +
                      $"From: <sip:ops@{local}>;tag=d1\r\nTo: <sip:{sip}>\r\nCall-ID: dashboards-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        await udp.SendAsync(Encoding.ASCII.GetBytes(options), sip);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var answer = await udp.ReceiveAsync(timeout.Token);
        Assert.StartsWith("SIP/2.0 200", Encoding.ASCII.GetString(answer.Buffer));
    }

    /// <summary>
    /// A short RTP stream between two endpoints of this process: the media meter is the process's, as the node's
    /// exporter reads it, so the stream's jitter, recorded when it closes, is in the node's /metrics.
    /// </summary>
    private static async Task RtpStreamAsync(string gateway)
    {
        var ports = new RtpPortAllocator(47100, 47199) { Gateway = gateway };
        var sender = RtpEndpoint.Open(ports, IPAddress.Loopback);
        var receiver = RtpEndpoint.Open(ports, IPAddress.Loopback);
        sender.SetRemote(receiver.LocalEndPoint);
        sender.Start();
        receiver.Start();
        var packetizer = new RtpPacketizer(0);
        var datagram = new byte[RtpPacketizer.PacketLength(160)];
        for (var i = 0; i < 5; i++)
            sender.Send(datagram.AsSpan(0, packetizer.WriteFrame(new byte[160], datagram)));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (receiver.PacketsReceived < 5 && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        await sender.DisposeAsync();
        await receiver.DisposeAsync();
    }
}
