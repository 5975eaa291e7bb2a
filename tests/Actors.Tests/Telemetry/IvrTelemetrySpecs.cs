using System.Diagnostics;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Tests.Entities;
using CallCenter.Actors.Tests.Support;

namespace CallCenter.Actors.Tests.Telemetry;

/// <summary>A caller who hangs up in the IVR: counted where=ivr (by no queue), and their IVR step is a span of their trace.</summary>
public sealed class IvrTelemetrySpecs : EntityTestKit
{
    private static readonly IvrFlowDefinition Flow = new("main", "greeting",
    [
        new PlayStep("greeting", ["welcome"], "to-sales"),
        new QueueStep("to-sales", "sales", null, null),
    ]);

    private readonly RecordedMeasurements _metrics;
    private readonly RecordedSpans _spans = new();

    public IvrTelemetrySpecs() => _metrics = new RecordedMeasurements(Sys);

    protected override ContactCenterDefinition Definition { get; } = ContactCenterDefinition.Empty with
    {
        Flows = [Flow],
        Queues = [QueueDefinition.Named("sales")],
    };

    protected override void Dispose(bool disposing)
    {
        _metrics.Dispose();
        _spans.Dispose();
        base.Dispose(disposing);
    }

    [Fact]
    public async Task A_caller_hanging_up_during_the_greeting_should_be_abandoned_in_the_ivr_and_leave_the_greetings_span()
    {
        var gateway = CreateTestProbe("gateway");
        var trace = ActivityTraceId.CreateRandom();
        var call = CallId.New();
        await Command(new StartCall(call, "+3491", "200", null, 0, new Dictionary<string, int>(), new Dictionary<string, string>(),
            gateway.Ref.Path.ToString(), "main", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01"));
        gateway.ExpectMsg<PlayPrompts>(Patience);
        AdvanceSeconds(3);

        await Command(new HangUpCall(call, CallParty.Caller));

        await _metrics.EventuallyAsync(m => m.Sum("callcenter.calls.abandoned", ("where", "ivr")) == 1, "IVR abandon counted");
        Assert.DoesNotContain(_metrics.Of("callcenter.calls.abandoned", ("where", "ivr")), r => r.Tags.ContainsKey("queue"));
        Assert.Equal(0, _metrics.Sum("callcenter.calls.abandoned", ("where", "queue")));
        var step = Assert.Single(_spans.InTrace(trace));
        Assert.Equal(("call.ivr_step", "greeting", TimeSpan.FromSeconds(3)), (step.OperationName, (string?)step.GetTagItem("callcenter.ivr.step"), step.Duration));
    }
}
