using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Queues;
using static CallCenter.Actors.Tests.Support.Pure;

namespace CallCenter.Actors.Tests.Agents;

public sealed class AgentStateSpecs
{
    private static readonly AgentState Ready = ReadyAgent("a1", Skills(("sales", 3)), "sales", "support");

    private static AgentState Reserved(int ringSeconds = 15, int wrapUpSeconds = 10, bool autoReady = true, string call = "c1") =>
        Ready.Run(Ready.Reserve(call, "sales", ringSeconds, wrapUpSeconds, autoReady), At(0)).State;

    private static AgentState OnCall(int wrapUpSeconds = 10, bool autoReady = true) =>
        Reserved(wrapUpSeconds: wrapUpSeconds, autoReady: autoReady).Run(new AnswerOffer(Agent("a1")), At(5)).State;

    [Fact]
    public void AgentState_should_tell_its_queues_again_that_it_is_ready_when_its_entity_restarts()
    {
        Assert.Equal([Queue("sales"), Queue("support")], Ready.Restarted().Cast<AgentAvailable>().Select(m => m.QueueId));
        Assert.Empty(Reserved().Restarted());
        Assert.Empty(OnCall().Restarted());
    }

    [Fact]
    public void AgentState_should_tell_each_of_its_queues_when_it_becomes_ready()
    {
        var (state, decision) = ConfiguredAgent("a1", Skills(("sales", 3)), "sales", "support")
            .Run(new SetAgentStatus(Agent("a1"), RequestedStatus.Ready, null), At(3));

        Assert.Equal(AgentStatus.Ready, state.Status);
        Assert.Equal([Queue("sales"), Queue("support")], decision.Messages.Cast<AgentAvailable>().Select(a => a.QueueId));
        Assert.All(decision.Messages.Cast<AgentAvailable>(), a => Assert.Equal(At(3), a.IdleSince));
    }

    [Fact]
    public void AgentState_should_accept_a_reservation_and_tell_its_other_queues_it_is_busy()
    {
        var (state, decision) = Ready.Run(Ready.Reserve("c1", "sales", ringSeconds: 15), At(0));

        Assert.Equal(AgentStatus.Reserved, state.Status);
        Assert.Equal((Call("c1"), At(15)), (state.Call!.CallId, state.Call.ExpiresAt));
        Assert.Equal(new ReservationAccepted(Queue("sales"), Agent("a1"), Call("c1"), Reservation: 1), decision.Messages[0]);
        Assert.Equal(new AgentUnavailable(Queue("support"), Agent("a1"), Busy: true), decision.Messages[1]);
    }

    [Fact]
    public void AgentState_should_hold_a_single_reservation()
    {
        var (state, decision) = Reserved().Run(Ready.Reserve("c2", "support"), At(1));

        var declined = Assert.IsType<ReservationDeclined>(Assert.Single(decision.Messages));
        Assert.Equal((Call("c2"), Queue("support")), (declined.CallId, declined.QueueId));
        Assert.Equal(Call("c1"), state.Call!.CallId);
    }

    [Fact]
    public void AgentState_should_say_yes_again_when_the_same_queue_repeats_its_reservation() =>
        Assert.Equal(new ReservationAccepted(Queue("sales"), Agent("a1"), Call("c1"), Reservation: 1),
            Assert.Single(Reserved().Run(Ready.Reserve("c1", "sales"), At(1)).Decision.Messages));

    [Fact]
    public void AgentState_should_decline_the_same_call_from_another_queue()
    {
        // Regression: the agent used to accept, so the queue the call overflowed to believed it had
        // the agent while the reservation (and its ring-no-answer) belonged to the first queue.
        var (_, decision) = Reserved().Run(Ready.Reserve("c1", "support"), At(1));

        Assert.Equal(Queue("support"), Assert.IsType<ReservationDeclined>(Assert.Single(decision.Messages)).QueueId);
    }

    [Fact]
    public void AgentState_should_decline_a_reservation_for_a_queue_it_does_not_serve() =>
        Assert.IsType<ReservationDeclined>(Assert.Single(Ready.Run(Ready.Reserve("c1", "billing"), At(0)).Decision.Messages));

    [Fact]
    public void AgentState_should_decline_a_reservation_when_not_ready()
    {
        var away = Ready.Run(new SetAgentStatus(Agent("a1"), RequestedStatus.NotReady, "lunch"), At(0)).State;

        Assert.IsType<ReservationDeclined>(Assert.Single(away.Run(away.Reserve("c1", "sales"), At(1)).Decision.Messages));
    }

    [Fact]
    public void AgentState_should_go_not_ready_no_answer_when_the_reservation_rings_out()
    {
        var reserved = Reserved(ringSeconds: 15);

        var early = reserved.ReservationExpired(Call("c1"), At(14));
        var (state, decision) = reserved.Step(reserved.ReservationExpired(Call("c1"), At(15)));

        Assert.Empty(early.Events);
        Assert.Equal((AgentStatus.NotReady, NotReadyReasonCodes.NoAnswer), (state.Status, state.Reason));
        Assert.Null(state.Call);
        Assert.Equal(new OfferFailed(Queue("sales"), Agent("a1"), Call("c1"), NotReadyReasonCodes.NoAnswer), Assert.Single(decision.Messages));
    }

    [Fact]
    public void AgentState_should_ignore_the_reservation_timer_once_answered()
    {
        var onCall = OnCall();

        Assert.Same(Decision<IAgentEvent>.Nothing, onCall.ReservationExpired(Call("c1"), At(60)));
    }

    [Fact]
    public void AgentState_should_go_not_ready_rejected_when_it_rejects_the_offer()
    {
        var (state, decision) = Reserved().Run(new RejectOffer(Agent("a1")), At(3));

        Assert.Equal((AgentStatus.NotReady, AgentState.RejectedReason), (state.Status, state.Reason));
        Assert.Equal(AgentState.RejectedReason, Assert.IsType<OfferFailed>(Assert.Single(decision.Messages)).Reason);
    }

    [Fact]
    public void AgentState_should_tell_the_call_when_it_answers()
    {
        var (state, decision) = Reserved().Run(new AnswerOffer(Agent("a1")), At(5));

        Assert.Equal(AgentStatus.OnCall, state.Status);
        Assert.True(state.Call!.Connected);
        Assert.Equal(new AgentAnswered(Call("c1"), Agent("a1"), Reservation: 1), Assert.Single(decision.Messages));
    }

    [Fact]
    public void AgentState_should_refuse_not_ready_without_a_reason()
    {
        var (state, decision) = Ready.Run(new SetAgentStatus(Agent("a1"), RequestedStatus.NotReady, " "), At(1));

        Assert.Equal("not-ready needs a reason", Assert.IsType<CommandRejected>(decision.Reply).Reason);
        Assert.Equal(AgentStatus.Ready, state.Status);
    }

    [Fact]
    public void AgentState_should_go_not_ready_with_its_reason_and_leave_its_queues()
    {
        var (state, decision) = Ready.Run(new SetAgentStatus(Agent("a1"), RequestedStatus.NotReady, "lunch"), At(1));

        Assert.Equal((AgentStatus.NotReady, "lunch"), (state.Status, state.Reason));
        Assert.All(decision.Messages, m => Assert.False(Assert.IsType<AgentUnavailable>(m).Busy));
        Assert.Equal(2, decision.Messages.Count);
    }

    [Fact]
    public void AgentState_should_refuse_a_status_change_while_on_a_call() =>
        Assert.IsType<CommandRejected>(OnCall().Run(new SetAgentStatus(Agent("a1"), RequestedStatus.LoggedOut, null), At(6)).Decision.Reply);

    [Fact]
    public void AgentState_should_refuse_commands_for_an_agent_never_configured() =>
        Assert.IsType<CommandRejected>(AgentState.Initial(Agent("ghost"))
            .Run(new SetAgentStatus(Agent("ghost"), RequestedStatus.Ready, null), At(0)).Decision.Reply);

    [Fact]
    public void AgentState_should_wrap_up_and_become_ready_when_the_queue_wrap_up_time_ends()
    {
        var (wrapping, ended) = OnCall(wrapUpSeconds: 10).Run(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: true), At(40));

        var early = wrapping.WrapUpElapsed(At(49));
        var (ready, decision) = wrapping.Step(wrapping.WrapUpElapsed(At(50)));

        Assert.Empty(ended.Messages);
        Assert.Equal((AgentStatus.WrapUp, At(50), 1), (wrapping.Status, wrapping.WrapUpEndsAt, wrapping.CallsHandled));
        Assert.Empty(early.Events);
        Assert.Equal(AgentStatus.Ready, ready.Status);
        Assert.Equal(2, decision.Messages.OfType<AgentAvailable>().Count());
    }

    private static CallView CallSeenAs(CallStatus status, string? agent) => CallState.Initial(Call("c1")).ToView() with
    {
        Status = status, AgentId = agent is null ? null : Agent(agent), AnsweredAt = At(5),
    };

    [Theory]
    [InlineData(CallStatus.Ended, "a1")]
    [InlineData(CallStatus.Unknown, null)]
    [InlineData(CallStatus.Talking, "a2")]
    public void AgentState_should_wrap_up_when_its_call_turns_out_over_or_with_someone_else(CallStatus status, string? agent)
    {
        var (state, decision) = OnCall().Step(OnCall().CallChecked(CallSeenAs(status, agent), At(70)));

        Assert.Equal(AgentStatus.WrapUp, state.Status);
        Assert.IsType<AgentWrapUpStarted>(Assert.Single(decision.Events));
    }

    [Fact]
    public void AgentState_should_stay_on_a_call_that_is_still_its_own()
    {
        Assert.Empty(OnCall().CallChecked(CallSeenAs(CallStatus.Talking, "a1"), At(70)).Events);
        Assert.Empty(Ready.CallChecked(CallSeenAs(CallStatus.Ended, "a1"), At(70)).Events);
    }

    [Fact]
    public void AgentState_should_stay_in_wrap_up_until_the_agent_finishes_when_auto_ready_is_off()
    {
        var wrapping = OnCall(autoReady: false).Run(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: true), At(40)).State;

        var (ready, _) = wrapping.Run(new FinishWrapUp(Agent("a1")), At(500));

        Assert.Null(wrapping.WrapUpEndsAt);
        Assert.Empty(wrapping.WrapUpElapsed(At(400)).Events);
        Assert.Equal((AgentStatus.Ready, At(500)), (ready.Status, ready.IdleSince));
    }

    [Fact]
    public void AgentState_should_be_ready_at_once_with_no_wrap_up_and_offer_itself_as_just_idle()
    {
        // Regression: with a zero wrap-up the agent told its queues its idle time and call count from
        // before the call, so longest-idle and fewest-calls queues put it first again at once.
        var (state, decision) = OnCall(wrapUpSeconds: 0).Run(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: true), At(40));

        Assert.Equal(AgentStatus.Ready, state.Status);
        Assert.All(decision.Messages.Cast<AgentAvailable>(), a => Assert.Equal((At(40), 1), (a.IdleSince, a.CallsHandled)));
    }

    [Fact]
    public void AgentState_should_be_ready_again_when_its_call_ends_before_it_answers()
    {
        var (state, decision) = Reserved().Run(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: false), At(3));

        Assert.Equal(AgentStatus.Ready, state.Status);
        Assert.Null(state.Call);
        Assert.Equal(2, decision.Messages.OfType<AgentAvailable>().Count());
    }

    [Fact]
    public void AgentState_should_be_freed_when_the_queue_releases_an_unanswered_reservation()
    {
        var (state, _) = Reserved().Run(new ReleaseReservation(Agent("a1"), Call("c1"), Queue("sales")), At(3));

        Assert.Equal(AgentStatus.Ready, state.Status);
    }

    [Fact]
    public void AgentState_should_stay_on_the_call_when_the_queue_releases_a_reservation_already_answered()
    {
        // Regression (with QueueState_should_release_not_end_a_reservation_accepted_for_a_call_that_already_left).
        var (state, decision) = OnCall().Run(new ReleaseReservation(Agent("a1"), Call("c1"), Queue("sales")), At(20));

        Assert.Equal((AgentStatus.OnCall, Call("c1")), (state.Status, state.Call!.CallId));
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void AgentState_should_ignore_a_release_from_a_queue_that_did_not_reserve_it() =>
        Assert.Empty(Reserved().Run(new ReleaseReservation(Agent("a1"), Call("c1"), Queue("support")), At(3)).Decision.Events);

    [Fact]
    public void AgentState_should_not_be_freed_by_the_end_of_an_earlier_reservation_for_the_same_call()
    {
        // Reserved for c1 (1), freed, reserved for c1 again (2, the call came back to its queue), answered: the call's
        // late word that reservation 1 ended before it was answered must not free the agent, nor one later, reserved.
        var again = Reserved().Run(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: false, Reservation: 1), At(1)).State;
        var reservedAgain = again.Run(again.Reserve("c1", "sales"), At(2)).State;
        var onCallAgain = reservedAgain.Run(new AnswerOffer(Agent("a1")), At(3)).State;

        foreach (var agent in new[] { reservedAgain, onCallAgain })
        {
            Assert.Equal(2, agent.Call!.Reservation);
            Assert.Empty(agent.Run(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: false, Reservation: 1), At(4)).Decision.Events);
            Assert.Equal(AgentStatus.Ready,
                agent.Run(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: false, Reservation: 2), At(4)).State.Status);
        }
        Assert.Empty(reservedAgain.Run(new ReleaseReservation(Agent("a1"), Call("c1"), Queue("sales"), Reservation: 1), At(4)).Decision.Events);
    }

    [Fact]
    public void AgentState_should_hang_up_through_the_call() =>
        Assert.Equal(new HangUpCall(Call("c1"), CallParty.Agent, Agent("a1"), Reservation: 1),
            Assert.Single(OnCall().Run(new HangUpAgentCall(Agent("a1")), At(30)).Decision.Messages));

    [Fact]
    public void AgentState_should_answer_a_queue_rebuilding_its_index_only_when_ready()
    {
        var asked = new RequestAvailability(Agent("a1"), Queue("sales"));

        Assert.IsType<AgentAvailable>(Assert.Single(Ready.Run(asked, At(1)).Decision.Messages));
        Assert.Empty(Reserved().Run(asked, At(1)).Decision.Messages);
    }
}
