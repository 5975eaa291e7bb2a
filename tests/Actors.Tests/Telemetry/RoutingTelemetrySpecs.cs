using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Tests.Entities;
using CallCenter.Actors.Tests.Support;

namespace CallCenter.Actors.Tests.Telemetry;

/// <summary>What the entities record in the routing metrics, on virtual time: counted once, when it happens, never on replay.</summary>
public sealed class RoutingTelemetrySpecs : EntityTestKit
{
    private static readonly QueueDefinition Sales = QueueDefinition.Named("sales") with { RingTimeoutSeconds = 15, ServiceLevelSeconds = 20 };

    private static readonly (string, string) InSales = ("queue", "sales");

    private readonly RecordedMeasurements _metrics;

    public RoutingTelemetrySpecs() => _metrics = new RecordedMeasurements(Sys);

    protected override void Dispose(bool disposing)
    {
        _metrics.Dispose();
        base.Dispose(disposing);
    }

    private async Task Center(params string[] agents)
    {
        await ConfigureQueue(Sales, agents);
        foreach (var agent in agents)
            await ConfigureAgent(agent, null, "sales");
    }

    [Fact]
    public async Task A_call_answered_after_25_seconds_should_record_that_speed_of_answer_outside_the_threshold_and_its_handle_time()
    {
        await Center("a1");
        var call = await StartCall("sales");
        AdvanceSeconds(25);
        await Ready("a1");
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Reserved, a.Status));

        await AnswerAndHangUp("a1", call, talkSeconds: 90);

        await _metrics.EventuallyAsync(m => m.Of("callcenter.calls.handle_time", InSales).Count == 1, "handle time recorded");
        Assert.Equal(90, _metrics.Of("callcenter.calls.handle_time", InSales).Single().Value);
        Assert.Equal(25, _metrics.Of("callcenter.calls.speed_of_answer", InSales).Single().Value);
        Assert.Equal((1, 1, 0), (_metrics.Sum("callcenter.calls.offered", InSales), _metrics.Sum("callcenter.calls.answered", InSales),
            _metrics.Sum("callcenter.calls.answered_within_threshold", InSales)));
    }

    [Fact]
    public async Task A_ring_no_answer_should_be_counted_with_the_queue_and_the_agents_site()
    {
        await Center("a1");
        await Ready("a1");
        await StartCall("sales");
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Reserved, a.Status));

        AdvanceSeconds(15);

        await AwaitAgent("a1", a => Assert.Equal(NotReadyReasonCodes.NoAnswer, a.Reason));
        await _metrics.EventuallyAsync(m => m.Sum("callcenter.agents.ring_no_answers", InSales, ("site", "brussels")) == 1, "ring-no-answer counted");
    }

    [Fact]
    public async Task A_queue_recovering_its_journal_should_not_count_its_calls_again_and_its_gauge_should_show_them_waiting()
    {
        await ConfigureQueue(Sales);
        await StartCall("sales");
        await StartCall("sales");
        AdvanceSeconds(30);
        await AwaitQueue("sales", q => Assert.Equal(2, q.Waiting.Count));
        Assert.Equal(2, _metrics.Sum("callcenter.calls.offered", InSales));

        await StopEntity(Queues, "sales");
        await AwaitQueue("sales", q => Assert.Equal(2, q.Figures.Offered));

        Assert.Equal(2, _metrics.Sum("callcenter.calls.offered", InSales));
        _metrics.Observe();
        Assert.Equal(2, _metrics.Of("callcenter.queue.calls_waiting", InSales).Last().Value);
        Assert.Equal(30, _metrics.Of("callcenter.queue.longest_wait", InSales).Last().Value);
    }

    [Fact]
    public async Task A_caller_hanging_up_in_a_queue_after_3_seconds_should_be_a_short_abandon_in_that_queue()
    {
        await ConfigureQueue(Sales);
        var call = await StartCall("sales");
        AdvanceSeconds(3);

        await Command(new HangUpCall(call, CallParty.Caller));

        await _metrics.EventuallyAsync(m => m.Sum("callcenter.calls.abandoned", InSales, ("where", "queue")) == 1, "abandon counted");
        Assert.Equal(1, _metrics.Sum("callcenter.calls.abandoned_short", InSales));
    }
}
