using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Queues;
using static CallCenter.Actors.Tests.Support.Pure;

namespace CallCenter.Actors.Tests.Calls;

/// <summary>A call that came through a gateway tells it what to do with its SIP legs; a virtual call tells no gateway anything.</summary>
public sealed class CallGatewaySpecs
{
    private const string Gateway = "akka.tcp://callcenter@10.0.0.2:4053/user/gateway";
    private const string Phone = "sip:a1@10.0.0.5:5060";

    private static CallState Started(string? gateway = Gateway) =>
        CallState.Initial(Call("c1")).Run(new StartCall(Call("c1"), "+3225550100", "+3225550199", Queue("sales"), 0, Skills(),
            new Dictionary<string, string>(), gateway), At(0)).State
            .Run(new CallQueued(Call("c1"), Queue("sales"), 1, At(0)), At(0)).State;

    private static (CallState State, Decision<ICallEvent> Decision) Offer(CallState call, string agent = "a1", string queue = "sales") =>
        call.Run(new CallOffered(Call("c1"), Agent(agent), Queue(queue), At(2), Phone), At(2));

    private static CallState Talking(string? gateway = Gateway) =>
        Offer(Started(gateway)).State.Run(new AgentAnswered(Call("c1"), Agent("a1")), At(6)).State;

    private static IReadOnlyList<IGatewayMessage> ToGateway(Decision<ICallEvent> decision) =>
        decision.Messages.OfType<IGatewayMessage>().ToList();

    [Fact]
    public void CallState_should_remember_its_gateway_and_need_a_phone()
    {
        var (state, decision) = CallState.Initial(Call("c1")).Run(new StartCall(Call("c1"), "+32", "+33", Queue("sales"), 0, Skills(),
            new Dictionary<string, string>(), Gateway), At(0));

        Assert.Equal(Gateway, state.Gateway);
        Assert.Equal(Gateway, Assert.IsType<CallArrived>(Assert.Single(decision.Events)).Gateway);
        Assert.True(Assert.IsType<EnqueueCall>(Assert.Single(decision.Messages)).NeedsPhone);
    }

    [Fact]
    public void CallState_should_not_need_a_phone_without_a_gateway() =>
        Assert.False(CallState.Initial(Call("c1")).Process(new StartCall(Call("c1"), "+32", "+33", Queue("sales"), 0, Skills(),
            new Dictionary<string, string>()), At(0)).Messages.OfType<EnqueueCall>().Single().NeedsPhone);

    [Fact]
    public void CallState_should_ring_the_offered_agents_phone()
    {
        var (_, decision) = Offer(Started());

        Assert.Equal(new RingAgent(Gateway, Call("c1"), Agent("a1"), Phone), Assert.Single(decision.Messages));
    }

    [Fact]
    public void CallState_should_ring_nothing_for_an_offer_it_ignores()
    {
        var moved = Started().Run(new CallQueued(Call("c1"), Queue("general"), 1, At(1)), At(1)).State;

        Assert.Empty(ToGateway(Offer(moved, queue: "sales").Decision));
        Assert.Empty(ToGateway(Offer(Offer(Started()).State).Decision));
    }

    [Fact]
    public void CallState_should_stop_ringing_the_agent_when_the_offer_is_withdrawn()
    {
        var (_, decision) = Offer(Started()).State
            .Run(new OfferWithdrawn(Call("c1"), Agent("a1"), Queue("sales"), "no-answer", At(17)), At(17));

        Assert.Equal(new DisconnectAgent(Gateway, Call("c1"), Agent("a1"), "no-answer"), Assert.Single(decision.Messages));
    }

    [Fact]
    public void CallState_should_stop_ringing_the_agent_when_the_call_moves_to_another_queue()
    {
        var (_, decision) = Offer(Started()).State.Run(new CallQueued(Call("c1"), Queue("general"), 1, At(30)), At(30));

        Assert.Equal(new DisconnectAgent(Gateway, Call("c1"), Agent("a1"), "moved to queue 'general'"), Assert.Single(decision.Messages));
    }

    [Fact]
    public void CallState_should_connect_the_agent_who_answers()
    {
        var (_, decision) = Offer(Started()).State.Run(new AgentAnswered(Call("c1"), Agent("a1")), At(6));

        Assert.Equal([new ConnectAgent(Gateway, Call("c1"), Agent("a1"))], ToGateway(decision));
    }

    [Fact]
    public void CallState_should_disconnect_the_offered_agent_when_another_answers()
    {
        var (_, decision) = Offer(Started()).State.Run(new AgentAnswered(Call("c1"), Agent("a2")), At(6));

        Assert.Equal(
            [new ConnectAgent(Gateway, Call("c1"), Agent("a2")), new DisconnectAgent(Gateway, Call("c1"), Agent("a1"), "answered by agent 'a2'")],
            ToGateway(decision));
        Assert.Contains(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: false), decision.Messages);
    }

    [Fact]
    public void CallState_should_release_the_call_when_the_caller_abandons() =>
        Assert.Equal([new ReleaseCall(Gateway, Call("c1"), "abandoned")],
            ToGateway(Offer(Started()).State.Run(new HangUpCall(Call("c1"), CallParty.Caller), At(5)).Decision));

    [Fact]
    public void CallState_should_release_the_call_when_it_completes() =>
        Assert.Equal([new ReleaseCall(Gateway, Call("c1"), "completed")],
            ToGateway(Talking().Run(new HangUpCall(Call("c1"), CallParty.Agent), At(60)).Decision));

    [Fact]
    public void CallState_should_release_the_call_when_the_queue_refuses_it() =>
        Assert.Equal([new ReleaseCall(Gateway, Call("c1"), "refused: waited too long")],
            ToGateway(Started().Run(new CallRefused(Call("c1"), Queue("sales"), "waited too long", At(90)), At(90)).Decision));

    [Fact]
    public void CallState_should_release_the_call_again_when_hung_up_again()
    {
        var ended = Talking().Run(new HangUpCall(Call("c1"), CallParty.Caller), At(60)).State;

        var (_, decision) = ended.Run(new HangUpCall(Call("c1"), CallParty.System), At(61));

        Assert.Equal([new ReleaseCall(Gateway, Call("c1"), "completed")], ToGateway(decision));
        Assert.Contains(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: true), decision.Messages);
    }

    [Fact]
    public void CallState_should_tell_no_gateway_anything_for_a_virtual_call()
    {
        var offered = Offer(Started(gateway: null));
        var withdrawn = offered.State.Run(new OfferWithdrawn(Call("c1"), Agent("a1"), Queue("sales"), "no-answer", At(17)), At(17));
        var answered = Offer(withdrawn.State).State.Run(new AgentAnswered(Call("c1"), Agent("a2")), At(20));
        var transferred = answered.State.Run(new TransferCall(Call("c1"), Agent("a2"), Queue("general")), At(30));
        var ended = transferred.State.Run(new HangUpCall(Call("c1"), CallParty.Caller), At(40));
        var again = ended.State.Run(new HangUpCall(Call("c1"), CallParty.Caller), At(41));

        Assert.All(new[] { offered, withdrawn, answered, transferred, ended, again }, step => Assert.Empty(ToGateway(step.Decision)));
        Assert.False(transferred.Decision.Messages.OfType<EnqueueCall>().Single().NeedsPhone);
    }
}
