using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using Xunit.Abstractions;

namespace CallCenter.Actors.Tests.Entities;

/// <summary>
/// Hold, resume and transfer from the desktop, between the entities: the call tells its gateway (a probe here) what to
/// do with the legs and its agent that the caller is on hold; the agent's figures survive a restart.
/// </summary>
public sealed class CallControlEntitySpecs(ITestOutputHelper output) : EntityTestKit(output)
{
    private static readonly QueueDefinition Sales = QueueDefinition.Named("sales") with { RingTimeoutSeconds = 15, WrapUpSeconds = 30, AutoReadyAfterWrapUp = true };

    private static readonly QueueDefinition Billing = QueueDefinition.Named("billing") with { RingTimeoutSeconds = 15, WrapUpSeconds = 30, AutoReadyAfterWrapUp = true };

    private static readonly AgentId A1 = new("a1");

    protected override ContactCenterDefinition Definition => ContactCenterDefinition.Empty with { Queues = [Sales, Billing] };

    private async Task<(Akka.TestKit.TestProbe Gateway, CallId Call)> TalkingSipCall()
    {
        var gateway = CreateTestProbe("gateway");
        await ConfigureQueue(Sales, "a1");
        await ConfigureQueue(Billing, "a2");
        await ConfigureAgent("a1", null, Sales.Name);
        await ConfigureAgent("a2", null, Billing.Name);
        await RegisterPhone("a1", "sip:a1@10.0.0.5:5060");
        await RegisterPhone("a2", "sip:a2@10.0.0.6:5060");
        await Ready("a1");
        await Ready("a2");
        await AwaitQueue("sales", q => Assert.Single(q.AvailableAgents));
        await AwaitQueue("billing", q => Assert.Single(q.AvailableAgents));
        return (gateway, await AnsweredSipCall(gateway, "sales", "a1"));
    }

    [Fact]
    public async Task Call_should_have_its_gateway_hold_the_caller_and_bridge_again_on_resume()
    {
        var (gateway, call) = await TalkingSipCall();

        await Command(new HoldCall(call, A1));
        var hold = gateway.ExpectMsg<HoldCaller>(Patience);
        Assert.Equal((call, QueueHold.DefaultMusic), (hold.CallId, hold.Music));
        await AwaitAgent("a1", a => Assert.Equal((AgentStatus.OnCall, true), (a.Status, a.OnHold)));

        AdvanceSeconds(12);
        await Command(new ResumeCall(call, A1));
        var reconnect = gateway.ExpectMsg<ReconnectAgent>(Patience);
        Assert.Equal((call, A1, hold.Seq + 1), (reconnect.CallId, reconnect.AgentId, reconnect.Seq));
        await AwaitAgent("a1", a => Assert.False(a.OnHold));
        var view = await GetCall(call);
        Assert.Equal((false, 12.0), (view.OnHold, view.HeldSeconds));
    }

    [Fact]
    public async Task Call_should_drop_the_agents_leg_and_hold_the_caller_when_transferred_to_another_queue()
    {
        var (gateway, call) = await TalkingSipCall();

        await Command(new TransferCall(call, A1, new QueueId("billing")));

        Assert.Equal(A1, gateway.ExpectMsg<DisconnectAgent>(Patience).AgentId);
        gateway.ExpectMsg<HoldCaller>(Patience);
        Assert.Equal(new AgentId("a2"), gateway.ExpectMsg<RingAgent>(Patience).AgentId);
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.WrapUp, a.Status));
        await AwaitCall(call, c => Assert.Equal((CallStatus.Offered, new QueueId("billing")), (c.Status, c.QueueId)));
    }

    [Fact]
    public async Task Agent_should_keep_its_figures_today_across_a_restart()
    {
        var (gateway, call) = await TalkingSipCall();
        await Command(new HoldCall(call, A1));
        gateway.ExpectMsg<HoldCaller>(Patience);
        AdvanceSeconds(40);
        await HangUp("a1");
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.WrapUp, a.Status));
        AdvanceSeconds(30);
        var before = await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Ready, a.Status));

        await StopEntity(Agents, "a1");

        var after = await GetAgent("a1");
        Assert.Equal((1, 70.0), (before.CallsToday, before.HandleSecondsToday));
        Assert.Equal((before.CallsToday, before.HandleSecondsToday, before.Status), (after.CallsToday, after.HandleSecondsToday, after.Status));
    }
}
