using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using Xunit.Abstractions;

namespace CallCenter.Actors.Tests.Entities;

/// <summary>
/// No stuck agents when SIP loses the end of a call: a call with legs asks its gateway now and then whether it
/// still holds them, and a "no" or a gateway gone silent ends the call and frees its agent.
/// </summary>
public sealed class LegCheckSpecs(ITestOutputHelper output) : EntityTestKit(output)
{
    private static readonly QueueDefinition Sales = QueueDefinition.Named("sales") with { RingTimeoutSeconds = 15, WrapUpSeconds = 0, AutoReadyAfterWrapUp = true };

    private async Task<(Akka.TestKit.TestProbe Gateway, CallId Call)> TalkingSipCall()
    {
        var gateway = CreateTestProbe("gateway");
        await ConfigureQueue(Sales, "a1");
        await ConfigureAgent("a1", new Dictionary<string, int> { ["sales"] = 3 }, Sales.Name);
        await RegisterPhone("a1", "sip:a1@10.0.0.5:5060");
        await Ready("a1");
        await AwaitQueue("sales", q => Assert.Single(q.AvailableAgents));
        return (gateway, await AnsweredSipCall(gateway, "sales", "a1"));
    }

    [Fact]
    public async Task Call_should_keep_talking_while_its_gateway_holds_the_legs()
    {
        var (gateway, call) = await TalkingSipCall();

        for (var i = 0; i < CallActor.UnansweredLegChecksAllowed + 2; i++)
        {
            Advance(CallActor.LegCheckInterval);
            Assert.Equal(call, gateway.ExpectMsg<CheckLegs>(Patience).CallId);
            gateway.Reply(new LegsChecked(call, Held: true));
        }

        await AwaitCall(call, c => Assert.Equal(CallStatus.Talking, c.Status));
    }

    [Fact]
    public async Task Call_should_end_and_free_its_agent_when_the_gateway_no_longer_holds_the_legs()
    {
        var (gateway, call) = await TalkingSipCall();

        Advance(CallActor.LegCheckInterval);
        gateway.ExpectMsg<CheckLegs>(Patience);
        gateway.Reply(new LegsChecked(call, Held: false));

        await AwaitCall(call, c => Assert.Equal((CallStatus.Ended, CallOutcome.Completed), (c.Status, c.Outcome)));
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Ready, a.Status));
    }

    [Fact]
    public async Task Call_should_end_when_its_gateway_stays_silent()
    {
        var (gateway, call) = await TalkingSipCall();

        for (var i = 0; i < CallActor.UnansweredLegChecksAllowed; i++)
        {
            Advance(CallActor.LegCheckInterval);
            gateway.ExpectMsg<CheckLegs>(Patience);
        }

        await AwaitCall(call, c => Assert.Equal(CallStatus.Talking, c.Status));
        Advance(CallActor.LegCheckInterval);
        await AwaitCall(call, c => Assert.Equal(CallStatus.Ended, c.Status));
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Ready, a.Status));
    }
}
