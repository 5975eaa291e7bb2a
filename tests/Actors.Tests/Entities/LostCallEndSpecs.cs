using Akka.Actor;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using Xunit.Abstractions;

namespace CallCenter.Actors.Tests.Entities;

/// <summary>
/// An agent must not stay "on call" when the word that the call ended never reaches it (the call's node died
/// between storing the end and telling the agent): the agent asks its call now and then and learns it.
/// </summary>
public sealed class LostCallEndSpecs(ITestOutputHelper output) : EntityTestKit(output)
{
    private static readonly QueueDefinition Sales = QueueDefinition.Named("sales") with { WrapUpSeconds = 0, AutoReadyAfterWrapUp = true };

    /// <summary>Passes everything to the agents but the first word that a call ended.</summary>
    private sealed class LosesFirstCallEnd : ReceiveActor
    {
        public LosesFirstCallEnd(IActorRef agents)
        {
            var lost = false;
            ReceiveAny(m =>
            {
                if (m is AgentCallEnded && !lost)
                {
                    lost = true;
                    return;
                }

                agents.Forward(m);
            });
        }
    }

    protected override Props AgentsFront(IActorRef agents) => Props.Create(() => new LosesFirstCallEnd(agents));

    [Fact]
    public async Task Agent_should_learn_that_its_call_ended_when_the_word_was_lost()
    {
        await ConfigureQueue(Sales, "a1");
        await ConfigureAgent("a1", new Dictionary<string, int> { ["sales"] = 3 }, Sales.Name);
        await Ready("a1");
        var call = await StartCall("sales");
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Reserved, a.Status));
        await Answer("a1");
        await Command(new HangUpCall(call, CallParty.Caller));
        await AwaitCall(call, c => Assert.Equal(CallStatus.Ended, c.Status));

        await Task.Delay(200); // the lost word would have arrived by now
        Assert.Equal(AgentStatus.OnCall, (await GetAgent("a1")).Status);

        Advance(AgentActor.CallCheckInterval);
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Ready, a.Status));
    }
}
