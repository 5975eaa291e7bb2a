using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Queues;
using static CallCenter.Actors.Tests.Support.Pure;

namespace CallCenter.Actors.Tests.Calls;

/// <summary>Hold and resume from the desktop: only the talking agent, the caller hears music, hold time is counted.</summary>
public sealed class CallHoldSpecs
{
    private const string Gateway = TestGateway;

    private static readonly ContactCenterDefinition WithSalesMusic = ContactCenterDefinition.Empty with
    {
        Queues = [QueueDefinition.Named("sales") with { Hold = new QueueHold("sales-music", [], null, false, false) }],
    };

    private static CallState Talking(string? gateway = Gateway) => TalkingCall(gateway, priority: 1, Skills(("sales", 2)));

    private static (CallState State, Decision<ICallEvent> Decision) Hold(CallState call, double at, string by = "a1") =>
        Step(call, call.Process(new HoldCall(Call("c1"), Agent(by)), At(at), WithSalesMusic));

    private static (CallState State, Decision<ICallEvent> Decision) Resume(CallState call, double at, string by = "a1") =>
        call.Run(new ResumeCall(Call("c1"), Agent(by)), At(at));

    private static (CallState State, Decision<ICallEvent> Decision) Step(CallState state, Decision<ICallEvent> decision) =>
        (decision.Events.Aggregate(state, (s, e) => s.Apply(e)), decision);

    [Fact]
    public void CallState_should_hold_the_caller_with_the_queue_music_when_the_agent_puts_the_call_on_hold()
    {
        var talking = Talking();
        var (state, decision) = Hold(talking, 20);

        Assert.IsType<CommandAccepted>(decision.Reply);
        Assert.Equal(new CallHeld(Agent("a1"), talking.MediaSeq + 1, At(20)), Assert.Single(decision.Events));
        Assert.Equal(
        [
            new AgentCallHoldChanged(Agent("a1"), Call("c1"), OnHold: true),
        ], decision.Messages.Where(m => m is not HoldCaller));
        var hold = Assert.Single(decision.Messages.OfType<HoldCaller>());
        Assert.Equal((talking.MediaSeq + 1, "sales-music", 0, null), (hold.Seq, hold.Music, hold.Announcement.Count, hold.ExitDigits));
        Assert.Equal((CallStatus.Talking, true, At(20)), (state.Status, state.ToView().OnHold, state.ToView().HeldSince));
    }

    [Fact]
    public void CallState_should_hold_a_virtual_call_without_telling_any_gateway()
    {
        var (_, decision) = Hold(Talking(gateway: null), 20);

        Assert.Equal([new AgentCallHoldChanged(Agent("a1"), Call("c1"), OnHold: true)], decision.Messages);
    }

    [Fact]
    public void CallState_should_accept_a_second_hold_without_changing_anything()
    {
        var (held, _) = Hold(Talking(), 20);
        var (state, decision) = Hold(held, 25);

        Assert.IsType<CommandAccepted>(decision.Reply);
        Assert.Empty(decision.Events);
        Assert.Empty(decision.Messages);
        Assert.Equal(At(20), state.HeldSince);
    }

    [Fact]
    public void CallState_should_refuse_a_hold_by_an_agent_not_talking_on_the_call_or_of_a_call_not_talked_on()
    {
        Assert.Contains("a2", Assert.IsType<CommandRejected>(Hold(Talking(), 20, by: "a2").Decision.Reply).Reason);
        Assert.IsType<CommandRejected>(Hold(StartedCall("c1", "sales", At(0)), 20).Decision.Reply);
        Assert.IsType<CommandRejected>(Resume(StartedCall("c1", "sales", At(0)), 20).Decision.Reply);
        Assert.IsType<CommandRejected>(Hold(CallState.Initial(Call("c1")), 20).Decision.Reply);
    }

    [Fact]
    public void CallState_should_bridge_the_legs_again_and_count_the_hold_time_on_resume()
    {
        var (held, holding) = Hold(Talking(), 20);
        var (state, decision) = Resume(held, 50);

        var seq = ((CallHeld)holding.Events[0]).Seq + 1;
        Assert.Equal(new CallResumed(Agent("a1"), seq, At(50)), Assert.Single(decision.Events));
        Assert.Equal(
        [
            new AgentCallHoldChanged(Agent("a1"), Call("c1"), OnHold: false),
            new ReconnectAgent(Gateway, Call("c1"), Agent("a1"), seq),
        ], decision.Messages);
        Assert.Equal((false, null, 30.0), (state.ToView().OnHold, state.ToView().HeldSince, state.ToView().HeldSeconds));
    }

    [Fact]
    public void CallState_should_add_up_every_hold_of_a_call()
    {
        var state = Resume(Hold(Talking(), 20).State, 30).State;
        state = Resume(Hold(state, 40).State, 45).State;

        Assert.Equal(15.0, state.ToView().HeldSeconds);
    }

    [Fact]
    public void CallState_should_accept_a_resume_of_a_call_not_on_hold_without_changing_anything()
    {
        var (_, decision) = Resume(Talking(), 20);

        Assert.IsType<CommandAccepted>(decision.Reply);
        Assert.Empty(decision.Events);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void CallState_should_count_the_hold_time_of_a_call_hung_up_on_hold()
    {
        var (held, _) = Hold(Talking(), 20);
        var (state, decision) = held.Run(new HangUpCall(Call("c1"), CallParty.Caller), At(80));

        Assert.Equal((CallStatus.Ended, 60.0, false), (state.Status, state.HeldSeconds, state.ToView().OnHold));
        Assert.Contains(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: true), decision.Messages);
    }

    [Fact]
    public void CallState_should_transfer_a_call_on_hold_to_a_queue_counting_its_hold_time()
    {
        var (held, _) = Hold(Talking(), 20);
        var (state, decision) = held.Run(new TransferCall(Call("c1"), Agent("a1"), Queue("billing")), At(30));

        Assert.Equal((CallStatus.Queued, Queue("billing"), 10.0, false), (state.Status, state.QueueId, state.HeldSeconds, state.ToView().OnHold));
        Assert.Contains(new DisconnectAgent(Gateway, Call("c1"), Agent("a1"), "transferred to queue 'billing'"), decision.Messages);
        Assert.Equal(state.MediaSeq, decision.Messages.OfType<HoldCaller>().Single().Seq);
    }

    [Fact]
    public void CallState_should_have_the_gateway_dial_a_number_the_desktop_transfers_to_after_the_agent_leaves()
    {
        var talking = Talking();
        var (state, decision) = talking.Run(new TransferCallOut(Call("c1"), Agent("a1"), "sip:+3225550111@192.0.2.10", Dial: true), At(30));

        Assert.Equal((CallStatus.Ended, CallOutcome.Completed), (state.Status, state.Outcome));
        var messages = decision.Messages.ToList();
        var disconnect = messages.FindIndex(m => m is DisconnectAgent);
        var bridge = messages.FindIndex(m => m is BridgeOutside);
        Assert.True(disconnect >= 0 && bridge > disconnect, "the agent's leg ends before the outside party is called");
        Assert.Equal(new BridgeOutside(Gateway, Call("c1"), talking.MediaSeq + 1, "sip:+3225550111@192.0.2.10"), messages[bridge]);
        Assert.Contains(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: true), messages);
    }

    [Fact]
    public void CallState_should_let_the_caller_go_when_the_number_the_desktop_transferred_to_cannot_be_reached()
    {
        var (state, dialled) = Talking().Run(new TransferCallOut(Call("c1"), Agent("a1"), "sip:+3225550111@192.0.2.10", Dial: true), At(30));
        var seq = dialled.Messages.OfType<BridgeOutside>().Single().Seq;

        var (_, decision) = state.Run(new MediaFinished(Call("c1"), seq, MediaOutcome.Failed, Reason: "486 Busy Here"), At(35));

        var release = Assert.IsType<ReleaseCall>(Assert.Single(decision.Messages));
        Assert.Contains("486 Busy Here", release.Reason);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void CallState_should_not_dial_a_number_the_phone_already_called()
    {
        var (_, decision) = Talking().Run(new TransferCallOut(Call("c1"), Agent("a1"), "sip:+3225550111@192.0.2.10"), At(30));

        Assert.Empty(decision.Messages.OfType<BridgeOutside>());
    }

    [Fact]
    public void CallState_should_recover_its_hold_from_the_journal()
    {
        var (held, holding) = Hold(Talking(), 20);
        var journal = new ICallEvent[]
        {
            new CallArrived("+3225550100", "+3225550199", Queue("sales"), 1, Skills(("sales", 2)), new Dictionary<string, string>(), At(0), Gateway),
            new CallOfferedToAgent(Agent("a1"), Queue("sales"), At(2)),
            new CallAnsweredByAgent(Agent("a1"), At(5)),
            holding.Events[0],
        };

        var recovered = journal.Aggregate(CallState.Initial(Call("c1")), (s, e) => s.Apply(e));

        Assert.Equal((CallStatus.Talking, Agent("a1"), At(20), held.MediaSeq),
            (recovered.Status, recovered.AgentId, recovered.HeldSince, recovered.MediaSeq));
        Assert.True(recovered.ToView().OnHold);
    }
}
