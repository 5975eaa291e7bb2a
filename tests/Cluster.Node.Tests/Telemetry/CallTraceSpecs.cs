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

/// <summary>
/// Ringing an agent's phone is a span of the call's trace, ended by the phone's answer or, as an event, its refusal
/// (a node of its own; each case ends its call, so none is left waiting for the next case's agent).
/// </summary>
public sealed class AgentLegTraceSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    [Theory]
    [InlineData("1003", 486)]
    [InlineData("1001", 200)]
    public async Task Ringing_the_agents_phone_should_be_a_span_of_the_INVITEs_trace_that_the_phones_answer_ends(string agent, int status)
    {
        using var phone = await RungPhone.RingAsync(node, agent);

        await phone.AnswerAsync(status);

        var leg = await phone.AgentLegAsync();
        await phone.EndCallAsync();
        Assert.Equal(agent, leg.GetTagItem("callcenter.agent.id"));
        Assert.Equal(phone.Invite.GetTagItem("callcenter.call.id"), leg.GetTagItem("callcenter.call.id"));
        Assert.Equal(status, leg.GetTagItem("sip.status_code"));
        if (status == 200)
        {
            Assert.Equal(ActivityStatusCode.Unset, leg.Status);
            Assert.Empty(leg.Events);
            return;
        }

        Assert.Equal(ActivityStatusCode.Error, leg.Status);
        var failed = Assert.Single(leg.Events);
        Assert.Equal("failed", failed.Name);
        Assert.Contains(failed.Tags, t => t.Key == "sip.status_code" && Equals(t.Value, status));
    }
}

/// <summary>
/// An agent's phone on a loopback UDP socket, rung by the node's gateway for a call from another socket: registered
/// (told to the agent's entity as the registrar would), the agent made ready, the call's INVITE sent.
/// </summary>
internal sealed class RungPhone : IDisposable
{
    private readonly UdpClient _phone = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly UdpClient _caller = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly RecordedSpans _spans = new();
    private string _ring = "";
    private IPEndPoint _gateway = null!;
    private string _agent = "";
    private HttpClient _client = null!;

    /// <summary>The span of the caller's INVITE, which opened the call's trace.</summary>
    public Activity Invite { get; private set; } = null!;

    public static async Task<RungPhone> RingAsync(NodeFactory node, string agent)
    {
        var client = await node.ReadyClientAsync();
        var phone = new RungPhone { _agent = agent, _client = client };
        node.Services.GetRequiredService<EntityRouter>().Tell(
            new RegisterPhone(new AgentId(agent), $"sip:{agent}@{phone.Local}", DateTimeOffset.UtcNow.AddHours(1)), ActorRefs.Nobody);
        await client.EventuallyAsync($"/api/agents/{agent}", a => a.TryGetProperty("phone", out var p) && p.ValueKind != JsonValueKind.Null, "phone registered");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/agents/{agent}/state", new { state = "ready" })).Status);
        phone.Invite = await CallTraceSpecs.InviteAsync(node, phone._caller, phone._spans, $"agent-leg-{Guid.NewGuid():N}");
        (phone._ring, phone._gateway) = await phone.ReceiveInviteAsync();
        return phone;
    }

    private IPEndPoint Local => (IPEndPoint)_phone.Client.LocalEndPoint!;

    /// <summary>
    /// The phone's final <paramref name="status"/> to the gateway's INVITE (RFC 3261 §8.2.6.2: its Via, From, Call-ID and
    /// CSeq, a tag on To), with a Contact and a PCMU answer when it is a 2xx (200 OK, else 486 Busy Here).
    /// </summary>
    public async Task AnswerAsync(int status)
    {
        var lines = _ring.Split("\r\n");
        string Header(string name) => string.Join("\r\n", lines.Where(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)));
        var sdp = status / 100 == 2
            ? $"v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {Local.Port + 2} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
            : "";
        var answer = sdp.Length > 0 ? $"Contact: <sip:{_agent}@{Local}>\r\nContent-Type: application/sdp\r\n" : "";
        var response = $"SIP/2.0 {status} {(status == 200 ? "OK" : "Busy Here")}\r\n{Header("Via")}\r\n{Header("From")}\r\n{Header("To")};tag=phone\r\n{Header("Call-ID")}\r\n" +
                       $"{Header("CSeq")}\r\n{answer}Content-Length: {sdp.Length}\r\n\r\n{sdp}";
        await _phone.SendAsync(Encoding.ASCII.GetBytes(response), _gateway);
    }

    /// <summary>Ends the call (answered or still waiting) through the API.</summary>
    public async Task EndCallAsync() =>
        await _client.SendAsync(HttpMethod.Delete, $"/api/calls/{Invite.GetTagItem("callcenter.call.id")}");

    /// <summary>The <c>sip.agent_leg</c> span once it ended: in the INVITE's trace, a child of the INVITE's span.</summary>
    public async Task<Activity> AgentLegAsync()
    {
        await _spans.EventuallyAsync(s => s.InTrace(Invite.TraceId).Any(a => a.OperationName == "sip.agent_leg"), "agent leg span in the INVITE's trace");
        var leg = _spans.InTrace(Invite.TraceId).Single(a => a.OperationName == "sip.agent_leg");
        Assert.Equal(Invite.SpanId, leg.ParentSpanId);
        return leg;
    }

    /// <summary>The gateway's INVITE to the phone (anything else it sends first is skipped).</summary>
    private async Task<(string Text, IPEndPoint From)> ReceiveInviteAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        for (var i = 0; i < 20; i++)
        {
            var datagram = await _phone.ReceiveAsync(timeout.Token);
            var text = Encoding.ASCII.GetString(datagram.Buffer);
            if (text.StartsWith("INVITE ", StringComparison.Ordinal))
                return (text, datagram.RemoteEndPoint);
        }

        throw new TimeoutException("the phone was sent no INVITE");
    }

    public void Dispose()
    {
        _spans.Dispose();
        _phone.Dispose();
        _caller.Dispose();
    }
}
