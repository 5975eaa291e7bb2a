using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using CallCenter.Actors;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Entities;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenter.Actors.Tests.Support;
using CallCenter.Node.Gateway;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CallCenter.Node.Tests.Telemetry;

/// <summary>A call through the node's SIP gateway: one trace from the INVITE to the routing decision in its queue.</summary>
public sealed class CallTraceSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    [Fact]
    public async Task An_INVITE_should_start_the_trace_that_the_queues_routing_decision_joins()
    {
        await node.ReadyClientAsync();
        using var spans = new RecordedSpans();
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        var invite = await InviteAsync(node, udp, spans, $"trace-{Guid.NewGuid():N}");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var ringing = await udp.ReceiveAsync(timeout.Token);
        Assert.StartsWith("SIP/2.0 1", Encoding.ASCII.GetString(ringing.Buffer));
        await spans.EventuallyAsync(s => s.InTrace(invite.TraceId).Any(a => a.OperationName == "queue.enqueue"), "routing span in the INVITE's trace");
        var enqueue = spans.InTrace(invite.TraceId).Single(a => a.OperationName == "queue.enqueue");
        Assert.Equal("general", enqueue.GetTagItem("callcenter.queue"));
        Assert.Equal(invite.GetTagItem("callcenter.call.id"), enqueue.GetTagItem("callcenter.call.id"));
        Assert.Equal(invite.SpanId, enqueue.ParentSpanId);
        Assert.Equal("callcenter.sip", invite.Source.Name);
        Assert.Equal("callcenter.routing", enqueue.Source.Name);
    }

    /// <summary>Sends the node's SIP port an INVITE from <paramref name="udp"/> and returns the span it opened.</summary>
    internal static async Task<Activity> InviteAsync(NodeFactory node, UdpClient udp, RecordedSpans spans, string sipCallId)
    {
        var sip = node.Services.GetRequiredService<SipGateway>().Stack.EndPoint;
        await udp.SendAsync(Encoding.ASCII.GetBytes(Invite(sip, (IPEndPoint)udp.Client.LocalEndPoint!, sipCallId)), sip);
        await spans.EventuallyAsync(s => s.Named("sip.invite").Any(a => (string?)a.GetTagItem("sip.call_id") == sipCallId), "INVITE span");
        return spans.Named("sip.invite").Single(a => (string?)a.GetTagItem("sip.call_id") == sipCallId);
    }

    /// <summary>An INVITE from a local trunk to entry point 100 (the general queue) with a PCMU offer.</summary>
    private static string Invite(IPEndPoint sip, IPEndPoint local, string callId)
    {
        var sdp = $"v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {local.Port + 2} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        return $"INVITE sip:100@{sip} SIP/2.0\r\nVia: SIP/2.0/UDP {local};branch=z9hG4bK{callId}\r\nMax-Forwards: 70\r\n" +
               $"From: <sip:caller@{local}>;tag=t1\r\nTo: <sip:100@{sip}>\r\nCall-ID: {callId}\r\nCSeq: 1 INVITE\r\n" +
               $"Contact: <sip:caller@{local}>\r\nContent-Type: application/sdp\r\nContent-Length: {sdp.Length}\r\n\r\n{sdp}";
    }
}

/// <summary>Ringing an agent's phone is a span of the call's trace, its failure an event (a node of its own: no other call waits).</summary>
public sealed class AgentLegTraceSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    [Fact]
    public async Task Ringing_the_agents_phone_should_be_a_span_of_the_INVITEs_trace_with_the_phones_refusal_as_an_event()
    {
        var client = await node.ReadyClientAsync();
        using var spans = new RecordedSpans();
        using var phone = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        node.Services.GetRequiredService<EntityRouter>().Tell(
            new RegisterPhone(new AgentId("1003"), $"sip:1003@{phone.Client.LocalEndPoint}", DateTimeOffset.UtcNow.AddHours(1)), ActorRefs.Nobody);
        await client.EventuallyAsync("/api/agents/1003", a => a.TryGetProperty("phone", out var p) && p.ValueKind != JsonValueKind.Null, "phone registered");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/agents/1003/state", new { state = "ready" })).Status);
        using var caller = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        var invite = await CallTraceSpecs.InviteAsync(node, caller, spans, $"agent-leg-{Guid.NewGuid():N}");
        var ring = await ReceiveInviteAsync(phone);
        await phone.SendAsync(Encoding.ASCII.GetBytes(Busy(ring.Text)), ring.From);

        await spans.EventuallyAsync(s => s.InTrace(invite.TraceId).Any(a => a.OperationName == "sip.agent_leg"), "agent leg span in the INVITE's trace");
        var leg = spans.InTrace(invite.TraceId).Single(a => a.OperationName == "sip.agent_leg");
        Assert.Equal(invite.SpanId, leg.ParentSpanId);
        Assert.Equal("1003", leg.GetTagItem("callcenter.agent.id"));
        Assert.Equal(invite.GetTagItem("callcenter.call.id"), leg.GetTagItem("callcenter.call.id"));
        Assert.Equal(ActivityStatusCode.Error, leg.Status);
        var failed = Assert.Single(leg.Events);
        Assert.Equal("failed", failed.Name);
        Assert.Contains(failed.Tags, t => t.Key == "sip.status_code" && Equals(t.Value, 486));
    }

    /// <summary>The gateway's INVITE to the phone (anything else it sends first is skipped).</summary>
    private static async Task<(string Text, IPEndPoint From)> ReceiveInviteAsync(UdpClient phone)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        for (var i = 0; i < 20; i++)
        {
            var datagram = await phone.ReceiveAsync(timeout.Token);
            var text = Encoding.ASCII.GetString(datagram.Buffer);
            if (text.StartsWith("INVITE ", StringComparison.Ordinal))
                return (text, datagram.RemoteEndPoint);
        }

        throw new TimeoutException("the phone was sent no INVITE");
    }

    /// <summary>486 Busy Here to <paramref name="invite"/> (RFC 3261 §8.2.6.2: its Via, From, Call-ID and CSeq, a tag on To).</summary>
    private static string Busy(string invite)
    {
        var lines = invite.Split("\r\n");
        string Header(string name) => string.Join("\r\n", lines.Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)));
        return $"SIP/2.0 486 Busy Here\r\n{Header("Via")}\r\n{Header("From")}\r\n{Header("To")};tag=phone\r\n{Header("Call-ID")}\r\n" +
               $"{Header("CSeq")}\r\nContent-Length: 0\r\n\r\n";
    }
}
