using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Queues;
using static CallCenter.Actors.Tests.Support.Pure;

namespace CallCenter.Actors.Tests.Calls;

/// <summary>A blind transfer out: the talking agent hands the call to an outside number, and the call is over for the center.</summary>
public sealed class CallTransferOutSpecs
{
    private const string Gateway = TestGateway;
    private const string Number = "+3225550123";

    private static CallState Talking(string? gateway = Gateway) => TalkingCall(gateway);

    private static (CallState State, Decision<ICallEvent> Decision) TransferOut(CallState call, string by = "a1", string number = Number) =>
        call.Run(new TransferCallOut(Call("c1"), Agent(by), number), At(65));

    [Fact]
    public void CallState_should_end_completed_by_the_agent_when_transferred_out()
    {
        var (state, decision) = TransferOut(Talking());

        Assert.IsType<CommandAccepted>(decision.Reply);
        Assert.Equal(
        [
            new CallTransferredOut(Agent("a1"), Number, At(65)),
            new CallEnded(CallOutcome.Completed, CallParty.Agent, $"transferred to {Number}", At(65)),
        ], decision.Events);
        Assert.Equal((CallStatus.Ended, CallOutcome.Completed, Agent("a1"), Number), (state.Status, state.Outcome, state.AgentId, state.TransferredOutTo));
    }

    [Fact]
    public void CallState_should_send_the_agent_to_wrap_up_count_the_talk_and_disconnect_only_the_agent_when_transferred_out() =>
        Assert.Equal(
        [
            new AgentCallEnded(Agent("a1"), Call("c1"), Talked: true),
            new CallCompleted(Queue("sales"), Call("c1"), 60),
            new DisconnectAgent(Gateway, Call("c1"), Agent("a1"), $"transferred to {Number}"),
        ], TransferOut(Talking()).Decision.Messages);

    [Fact]
    public void CallState_should_not_release_a_call_transferred_out_when_hung_up_again()
    {
        var (_, decision) = TransferOut(Talking()).State.Run(new HangUpCall(Call("c1"), CallParty.Caller), At(90));

        Assert.IsType<CommandAccepted>(decision.Reply);
        Assert.Empty(decision.Events);
        Assert.DoesNotContain(decision.Messages, m => m is ReleaseCall);
        Assert.Contains(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: true), decision.Messages);
    }

    [Fact]
    public void CallState_should_tell_a_virtual_call_transferred_out_to_no_gateway() =>
        Assert.DoesNotContain(TransferOut(Talking(gateway: null)).Decision.Messages, m => m is IGatewayMessage);

    [Fact]
    public void CallState_should_refuse_a_transfer_out_by_an_agent_not_on_the_call()
    {
        var (state, decision) = TransferOut(Talking(), by: "a2");

        Assert.Contains("a2", Assert.IsType<CommandRejected>(decision.Reply).Reason);
        Assert.Empty(decision.Messages);
        Assert.Equal(CallStatus.Talking, state.Status);
    }

    [Fact]
    public void CallState_should_refuse_a_transfer_out_of_a_call_not_being_talked_on()
    {
        var queued = StartedCall("c1", "sales", At(0));
        var ended = Talking().Run(new HangUpCall(Call("c1"), CallParty.Caller), At(30)).State;

        Assert.Contains("Queued", Assert.IsType<CommandRejected>(TransferOut(queued).Decision.Reply).Reason);
        Assert.Contains("Ended", Assert.IsType<CommandRejected>(TransferOut(ended).Decision.Reply).Reason);
        Assert.Contains("unknown call", Assert.IsType<CommandRejected>(TransferOut(CallState.Initial(Call("c1"))).Decision.Reply).Reason);
    }

    [Fact]
    public void CallState_should_refuse_a_transfer_out_to_no_number() =>
        Assert.Contains("no number", Assert.IsType<CommandRejected>(TransferOut(Talking(), number: " ").Decision.Reply).Reason);
}
