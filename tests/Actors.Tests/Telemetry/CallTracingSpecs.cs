using System.Diagnostics;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Tests.Entities;
using CallCenter.Actors.Tests.Support;

namespace CallCenter.Actors.Tests.Telemetry;

/// <summary>A call started with a trace parent: its entities' spans join that one trace, on virtual time.</summary>
public sealed class CallTracingSpecs : EntityTestKit
{
    private static readonly QueueDefinition Sales = QueueDefinition.Named("sales") with { RingTimeoutSeconds = 15 };

    private readonly RecordedSpans _spans = new();

    protected override void Dispose(bool disposing)
    {
        _spans.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public async Task A_call_rung_out_on_one_agent_and_answered_by_another_should_leave_its_spans_in_the_callers_trace()
    {
        await ConfigureQueue(Sales, "a1", "a2");
        await ConfigureAgent("a1", null, "sales");
        await ConfigureAgent("a2", null, "sales");
        await Ready("a1");
        AdvanceSeconds(1);
        await Ready("a2");
        await AwaitQueue("sales", q => Assert.Equal(2, q.AvailableAgents.Count));
        var trace = ActivityTraceId.CreateRandom();
        var call = CallId.New();

        await Command(new StartCall(call, "+3491", "100", new QueueId("sales"), 0, new Dictionary<string, int>(), new Dictionary<string, string>(),
            TraceParent: $"00-{trace}-{ActivitySpanId.CreateRandom()}-01"));
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Reserved, a.Status));
        AdvanceSeconds(15);
        await AwaitAgent("a2", a => Assert.Equal((AgentStatus.Reserved, call), (a.Status, a.CallId)));
        AdvanceSeconds(2);
        await AnswerAndHangUp("a2", call, talkSeconds: 30);

        await _spans.EventuallyAsync(s => s.InTrace(trace).Any(a => a.OperationName == "call.talk"), "talk span");
        var spans = _spans.InTrace(trace);
        Assert.Equal(["call.offer", "call.offer", "call.queue_wait", "call.talk", "queue.enqueue"], spans.Select(a => a.OperationName).Order());
        var missed = spans.Single(a => a.OperationName == "call.offer" && (string?)a.GetTagItem("callcenter.agent.id") == "a1");
        Assert.Equal(ActivityStatusCode.Error, missed.Status);
        Assert.Equal("ring-no-answer", Assert.Single(missed.Events).Name);
        Assert.Equal(TimeSpan.FromSeconds(15), missed.Duration);
        Assert.Equal(TimeSpan.FromSeconds(17), spans.Single(a => a.OperationName == "call.queue_wait").Duration);
        Assert.Equal(TimeSpan.FromSeconds(30), spans.Single(a => a.OperationName == "call.talk").Duration);
        Assert.All(spans, a => Assert.Equal(call.Value, a.GetTagItem("callcenter.call.id")));
    }

    [Fact]
    public async Task A_call_without_a_trace_parent_should_make_no_spans()
    {
        await ConfigureQueue(Sales);
        var call = await StartCall("sales");
        await Command(new HangUpCall(call, CallParty.Caller));
        await AwaitCall(call, c => Assert.Equal(CallStatus.Ended, c.Status));

        Assert.DoesNotContain(_spans.Named("call.queue_wait"), a => (string?)a.GetTagItem("callcenter.call.id") == call.Value);
    }
}
