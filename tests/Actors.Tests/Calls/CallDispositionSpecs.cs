using CallCenter.Actors.Calls;
using CallCenter.Actors.Queues;
using static CallCenter.Actors.Tests.Support.Pure;

namespace CallCenter.Actors.Tests.Calls;

/// <summary>Who may record a disposition: every agent who talked on the call, also after handing it on.</summary>
public sealed class CallDispositionSpecs
{
    private static CallState Talking(string agent = "a1") =>
        StartedCall("c1", "sales", At(0)).Run(new AgentAnswered(Call("c1"), Agent(agent)), At(5)).State;

    private static Decision<ICallEvent> SetDisposition(CallState call, string agent) =>
        call.Process(new SetCallDisposition(Call("c1"), Agent(agent), "sold", "two licences"), At(100));

    [Fact]
    public void CallState_should_take_the_disposition_of_the_agent_talking_on_it() =>
        Assert.Equal(new CallDispositionSet(Agent("a1"), "sold", "two licences"), Assert.Single(SetDisposition(Talking(), "a1").Events));

    [Fact]
    public void CallState_should_take_the_disposition_of_an_agent_who_transferred_it_to_a_queue()
    {
        var transferred = Talking().Run(new TransferCall(Call("c1"), Agent("a1"), Queue("billing")), At(60)).State;

        Assert.IsType<CommandAccepted>(SetDisposition(transferred, "a1").Reply);
    }

    [Fact]
    public void CallState_should_take_the_disposition_of_an_agent_who_transferred_it_once_another_agent_talks_and_after_it_ends()
    {
        var withB1 = Talking().Run(new TransferCall(Call("c1"), Agent("a1"), Queue("billing")), At(60)).State
            .Run(new AgentAnswered(Call("c1"), Agent("b1")), At(70)).State;
        var ended = withB1.Run(new HangUpCall(Call("c1"), CallParty.Caller), At(90)).State;

        Assert.IsType<CommandAccepted>(SetDisposition(withB1, "a1").Reply);
        Assert.IsType<CommandAccepted>(SetDisposition(withB1, "b1").Reply);
        Assert.IsType<CommandAccepted>(SetDisposition(ended, "a1").Reply);
        Assert.Equal([Agent("a1"), Agent("b1")], ended.Handlers);
    }

    [Fact]
    public void CallState_should_take_the_disposition_of_an_agent_who_transferred_it_out()
    {
        var transferredOut = Talking().Run(new TransferCallOut(Call("c1"), Agent("a1"), "+3225550123"), At(60)).State;

        Assert.IsType<CommandAccepted>(SetDisposition(transferredOut, "a1").Reply);
    }

    [Fact]
    public void CallState_should_refuse_the_disposition_of_an_agent_who_never_talked_on_it()
    {
        var offered = StartedCall("c1", "sales", At(0)).Run(new CallOffered(Call("c1"), Agent("a2"), Queue("sales"), At(1)), At(1)).State;
        var transferred = Talking().Run(new TransferCall(Call("c1"), Agent("a1"), Queue("billing")), At(60)).State;

        Assert.Contains("did not handle", Assert.IsType<CommandRejected>(SetDisposition(offered, "a2").Reply).Reason);
        Assert.IsType<CommandRejected>(SetDisposition(transferred, "b1").Reply);
    }
}
