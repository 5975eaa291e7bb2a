using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Queues;
using static CallCenter.Actors.Tests.Support.Pure;

namespace CallCenter.Actors.Tests.Calls;

public sealed class CallStateSpecs
{
    private static readonly CallState Queued = StartedCall("c1", "sales", At(0))
        .Run(new CallQueued(Call("c1"), Queue("sales"), 1, At(0)), At(0)).State;

    private static CallState Offered(CallState call, string agent = "a1", string queue = "sales") =>
        call.Run(new CallOffered(Call("c1"), Agent(agent), Queue(queue), At(2)), At(2)).State;

    [Fact]
    public void CallState_should_join_its_queue_when_it_starts()
    {
        var (state, decision) = CallState.Initial(Call("c1")).Run(new StartCall(Call("c1"), "+32", "+33", Queue("sales"), 1,
            Skills(("sales", 2)), new Dictionary<string, string>()), At(0));

        Assert.Equal(CallStatus.Queued, state.Status);
        var enqueue = Assert.IsType<EnqueueCall>(Assert.Single(decision.Messages));
        Assert.Equal((Queue("sales"), 1, At(0)), (enqueue.QueueId, enqueue.Priority, enqueue.ArrivedAt));
    }

    [Fact]
    public void CallState_should_free_the_offered_agent_when_the_caller_abandons()
    {
        var (state, decision) = Offered(Queued).Run(new HangUpCall(Call("c1"), CallParty.Caller), At(5));

        Assert.Equal((CallStatus.Ended, CallOutcome.Abandoned), (state.Status, state.Outcome));
        Assert.Contains(new CallAbandoned(Queue("sales"), Call("c1"), At(5)), decision.Messages);
        Assert.Contains(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: false), decision.Messages);
        var agent = ReadyAgent("a1", null, "sales");
        agent = agent.Run(agent.Reserve("c1", "sales"), At(1)).State;
        Assert.Equal(AgentStatus.Ready, agent.Run((AgentCallEnded)decision.Messages[1], At(5)).State.Status);
    }

    [Fact]
    public void CallState_should_go_back_to_its_queue_when_the_offered_agent_hangs_up_an_answer_it_never_heard()
    {
        var (state, decision) = Offered(Queued).Run(new HangUpCall(Call("c1"), CallParty.Agent), At(5));

        Assert.Equal((CallStatus.Queued, null), (state.Status, state.AgentId));
        Assert.Null(state.Outcome);
        Assert.Contains(decision.Messages, m => m is OfferFailed { QueueId.Value: "sales", AgentId.Value: "a1", CallId.Value: "c1" });
        Assert.Contains(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: false), decision.Messages);
        Assert.DoesNotContain(decision.Messages, m => m is CallAbandoned);
    }

    [Fact]
    public void CallState_should_keep_waiting_when_an_agent_hangs_up_a_call_no_agent_is_on()
    {
        var (state, decision) = Queued.Run(new HangUpCall(Call("c1"), CallParty.Agent), At(5));

        Assert.Equal(CallStatus.Queued, state.Status);
        Assert.IsType<CommandRejected>(decision.Reply);
        Assert.Empty(decision.Messages);
    }

    [Fact]
    public void CallState_should_drop_the_late_answer_of_an_agent_whose_hang_up_came_first()
    {
        // The agent's phone hung up (by the gateway) before the agent's answer reached the call; the queue offers the
        // call to the same agent again before that answer arrives: it must not put the caller through.
        var back = Offered(Queued).Run(new HangUpCall(Call("c1"), CallParty.Agent), At(5)).State;
        var offeredAgain = Offered(back);

        var (state, decision) = offeredAgain.Run(new AgentAnswered(Call("c1"), Agent("a1")), At(6));

        Assert.Equal(CallStatus.Offered, state.Status);
        Assert.DoesNotContain(decision.Messages, m => m is CallAnswered);
        var (answered, _) = state.Run(new AgentAnswered(Call("c1"), Agent("a1")), At(7));
        Assert.Equal((CallStatus.Talking, "a1"), (answered.Status, answered.AgentId?.Value));
    }

    [Fact]
    public void CallState_should_refuse_a_hang_up_from_an_agent_it_is_not_with()
    {
        // The agent hung up while its transfer was under way: the call now rings or talks with another agent.
        var offeredToA2 = Offered(Queued, agent: "a2");
        var talkingWithA2 = offeredToA2.Run(new AgentAnswered(Call("c1"), Agent("a2")), At(6)).State;

        foreach (var call in new[] { offeredToA2, talkingWithA2 })
        {
            var (state, decision) = call.Run(new HangUpCall(Call("c1"), CallParty.Agent, Agent("a1")), At(7));
            Assert.Equal((call.Status, "a2"), (state.Status, state.AgentId?.Value));
            Assert.IsType<CommandRejected>(decision.Reply);
        }
    }

    [Fact]
    public void CallState_should_refuse_a_hang_up_from_an_earlier_offer_to_the_agent_it_is_with_again()
    {
        // a1 talked on the call (its reservation 1), hung up while it transferred the call back to its queue, and the
        // queue offered the call to a1 again (reservation 2) before the hang-up arrived: that hang-up ends nothing.
        var offeredAgain = Queued.Run(new CallOffered(Call("c1"), Agent("a1"), Queue("sales"), At(9), Reservation: 2), At(9)).State;
        var talkingAgain = offeredAgain.Run(new AgentAnswered(Call("c1"), Agent("a1"), Reservation: 2), At(10)).State;

        foreach (var call in new[] { offeredAgain, talkingAgain })
        {
            var (state, decision) = call.Run(new HangUpCall(Call("c1"), CallParty.Agent, Agent("a1"), Reservation: 1), At(11));
            Assert.Equal((call.Status, "a1"), (state.Status, state.AgentId?.Value));
            Assert.IsType<CommandRejected>(decision.Reply);
            Assert.Empty(decision.Messages);
            Assert.IsType<CommandAccepted>(call.Run(new HangUpCall(Call("c1"), CallParty.Agent, Agent("a1"), Reservation: 2), At(11)).Decision.Reply);
        }
    }

    [Fact]
    public void CallState_should_drop_an_answer_to_an_earlier_offer_to_the_agent_and_take_one_to_a_later()
    {
        var offeredAgain = Queued.Run(new CallOffered(Call("c1"), Agent("a1"), Queue("sales"), At(9), Reservation: 2), At(9)).State;

        var (stale, staleDecision) = offeredAgain.Run(new AgentAnswered(Call("c1"), Agent("a1"), Reservation: 1), At(10));
        // The agent answered its reservation 3 before the queue's word of it reached the call: that answer is real.
        var (later, laterDecision) = offeredAgain.Run(new AgentAnswered(Call("c1"), Agent("a1"), Reservation: 3), At(10));

        Assert.Equal(CallStatus.Offered, stale.Status);
        Assert.Empty(staleDecision.Messages);
        Assert.Equal((CallStatus.Talking, 3), (later.Status, later.Reservation));
        Assert.Contains(laterDecision.Messages, m => m is CallAnswered);
    }

    [Fact]
    public void CallState_should_tell_its_queue_and_agent_when_answered_and_completed()
    {
        var talking = Offered(Queued).Run(new AgentAnswered(Call("c1"), Agent("a1")), At(6));
        var (ended, decision) = talking.State.Run(new HangUpCall(Call("c1"), CallParty.Caller), At(66));

        Assert.Equal(new CallAnswered(Queue("sales"), Call("c1"), Agent("a1"), At(6)), Assert.Single(talking.Decision.Messages));
        Assert.Equal(CallOutcome.Completed, ended.Outcome);
        Assert.Equal([new AgentCallEnded(Agent("a1"), Call("c1"), Talked: true), new CallCompleted(Queue("sales"), Call("c1"), 60)], decision.Messages);
    }

    [Fact]
    public void CallState_should_turn_away_an_agent_answering_after_another_took_it()
    {
        var talking = Offered(Queued).Run(new AgentAnswered(Call("c1"), Agent("a1")), At(6)).State;

        var (state, decision) = talking.Run(new AgentAnswered(Call("c1"), Agent("a2")), At(7));

        Assert.Equal(Agent("a1"), state.AgentId);
        Assert.Equal(new AgentCallEnded(Agent("a2"), Call("c1"), Talked: false), Assert.Single(decision.Messages));
    }

    [Fact]
    public void CallState_should_wait_again_when_its_offer_is_withdrawn()
    {
        var state = Offered(Queued).Run(new OfferWithdrawn(Call("c1"), Agent("a1"), Queue("sales"), "no-answer", At(17)), At(17)).State;

        Assert.Equal((CallStatus.Queued, null), (state.Status, state.AgentId));
    }

    [Fact]
    public void CallState_should_ignore_a_withdrawal_from_the_queue_it_overflowed_from()
    {
        // Regression: the first queue's late OfferWithdrawn for an agent took back the second queue's
        // offer to the same agent, leaving the agent reserved for a call that no longer knew it.
        var moved = Queued.Run(new CallQueued(Call("c1"), Queue("general"), 1, At(30)), At(30)).State;
        var offered = Offered(moved, "a3", "general");

        var state = offered.Run(new OfferWithdrawn(Call("c1"), Agent("a3"), Queue("sales"), "agent is NotReady", At(30)), At(31)).State;

        Assert.Equal((CallStatus.Offered, Agent("a3")), (state.Status, state.AgentId));
    }

    [Fact]
    public void CallState_should_forget_an_offer_from_the_queue_it_overflowed_from()
    {
        // Regression (with the one above): the second queue's CallQueued overtook the first queue's
        // withdrawal, and the call stayed "offered" to an agent no queue was offering it to.
        var state = Offered(Queued).Run(new CallQueued(Call("c1"), Queue("general"), 1, At(30)), At(30)).State;

        Assert.Equal((CallStatus.Queued, null, Queue("general")), (state.Status, state.AgentId, state.QueueId));
    }

    [Fact]
    public void CallState_should_follow_its_overflow_to_another_queue()
    {
        var state = Queued.Run(new CallQueued(Call("c1"), Queue("general"), 1, At(30)), At(30)).State;

        Assert.Equal(Queue("general"), state.QueueId);
    }

    [Fact]
    public void CallState_should_ignore_a_late_word_from_the_queue_it_overflowed_from()
    {
        // Regression: the first queue's CallQueued, overtaken by the second queue's, moved the call back.
        var moved = Queued.Run(new CallQueued(Call("c1"), Queue("general"), 1, At(30)), At(30)).State;

        var (state, decision) = moved.Run(new CallQueued(Call("c1"), Queue("sales"), 1, At(0)), At(31));

        Assert.Equal(Queue("general"), state.QueueId);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void CallState_should_ignore_an_offer_from_the_queue_it_overflowed_from()
    {
        // Regression: a late offer from the first queue made the call "offered" while the second queue held it.
        var moved = Queued.Run(new CallQueued(Call("c1"), Queue("general"), 1, At(30)), At(30)).State;

        var state = Offered(moved, queue: "sales");

        Assert.Equal((CallStatus.Queued, null), (state.Status, state.AgentId));
    }

    [Fact]
    public void CallState_should_release_the_overflow_queue_when_answered_before_hearing_it_waits_there()
    {
        // Regression: answered through the second queue before its CallQueued arrived, the call told
        // only the first queue, and the second kept it waiting for ever.
        var talking = Offered(Queued, "a2", "general").Run(new AgentAnswered(Call("c1"), Agent("a2")), At(40)).State;

        var (state, decision) = talking.Run(new CallQueued(Call("c1"), Queue("general"), 1, At(30)), At(41));

        Assert.Equal(new CallAnswered(Queue("general"), Call("c1"), Agent("a2"), At(40)), Assert.Single(decision.Messages));
        Assert.Equal(Queue("general"), state.QueueId);
    }

    [Fact]
    public void CallState_should_leave_a_queue_that_takes_it_after_it_ended() =>
        Assert.Equal(new CallAbandoned(Queue("general"), Call("c1"), At(50)), Assert.Single(
            Queued.Run(new HangUpCall(Call("c1"), CallParty.Caller), At(20)).State
                .Run(new CallQueued(Call("c1"), Queue("general"), 1, At(30)), At(50)).Decision.Messages));

    [Fact]
    public void CallState_should_end_refused_and_free_its_offered_agent() =>
        Assert.Equal(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: false), Assert.Single(
            Offered(Queued).Run(new CallRefused(Call("c1"), Queue("sales"), "waited too long", At(90)), At(90)).Decision.Messages));

    [Fact]
    public void CallState_should_free_an_agent_offered_a_call_that_never_started() =>
        Assert.Equal(new AgentCallEnded(Agent("a1"), Call("zz"), Talked: false), Assert.Single(
            CallState.Initial(Call("zz")).Run(new CallOffered(Call("zz"), Agent("a1"), Queue("sales"), At(0)), At(0)).Decision.Messages));

    [Fact]
    public void CallState_should_accept_a_disposition_only_from_the_agent_who_talked()
    {
        var ended = Offered(Queued).Run(new AgentAnswered(Call("c1"), Agent("a1")), At(6)).State
            .Run(new HangUpCall(Call("c1"), CallParty.Agent), At(60)).State;

        Assert.IsType<CommandAccepted>(ended.Run(new SetCallDisposition(Call("c1"), Agent("a1"), "sale", null), At(61)).Decision.Reply);
        Assert.IsType<CommandRejected>(ended.Run(new SetCallDisposition(Call("c1"), Agent("a2"), "sale", null), At(61)).Decision.Reply);
    }
}
