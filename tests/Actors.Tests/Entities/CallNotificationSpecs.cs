using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using Xunit.Abstractions;

namespace CallCenter.Actors.Tests.Entities;

/// <summary>What a call tells the node's EventStream: its view once it has ended and when its disposition changes, never the hot events in between.</summary>
public sealed class CallNotificationSpecs(ITestOutputHelper output) : EntityTestKit(output)
{
    private static readonly QueueDefinition Sales = QueueDefinition.Named("sales") with { WrapUpSeconds = 0, AutoReadyAfterWrapUp = true };

    [Fact]
    public async Task CallActor_should_publish_its_view_when_the_call_ends_and_not_while_it_is_queued()
    {
        var views = CreateTestProbe();
        Sys.EventStream.Subscribe(views.Ref, typeof(CallView));
        await ConfigureQueue(Sales);
        var call = await StartCall("sales");
        await AwaitCall(call, c => Assert.Equal(CallStatus.Queued, c.Status));

        await Command(new HangUpCall(call, CallParty.Caller));

        // The first view on the stream is the ended one: arriving and queueing told nobody.
        var told = views.ExpectMsg<CallView>(Patience);
        Assert.Equal((call, CallStatus.Ended, CallOutcome.Abandoned), (told.CallId, told.Status, told.Outcome));
    }

    [Fact]
    public async Task CallActor_should_publish_its_view_again_when_a_disposition_is_set_after_the_end()
    {
        var views = CreateTestProbe();
        Sys.EventStream.Subscribe(views.Ref, typeof(CallView));
        await ConfigureQueue(Sales, "a1");
        await ConfigureAgent("a1", null, "sales");
        await Ready("a1");
        var call = await StartCall("sales");
        await AnswerAndHangUp("a1", call, talkSeconds: 30);
        Assert.Equal(CallStatus.Ended, views.ExpectMsg<CallView>(Patience).Status);

        await Command(new SetCallDisposition(call, new AgentId("a1"), "sold", "two licences"));

        var told = views.ExpectMsg<CallView>(Patience);
        Assert.Equal(("sold", "two licences", new AgentId("a1")), (told.Disposition, told.DispositionNotes, told.AgentId));
    }
}
