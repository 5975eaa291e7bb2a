using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenter.Actors.Tests.Support;
using CallCenter.Node.Gateway;
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
