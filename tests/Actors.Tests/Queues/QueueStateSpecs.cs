using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Queues;
using static CallCenter.Actors.Tests.Support.Pure;

namespace CallCenter.Actors.Tests.Queues;

public sealed class QueueStateSpecs
{
    private static readonly QueueDefinition Sales = QueueDefinition.Named("sales");

    private static (QueueState State, Decision<IQueueChange> Decision) AgentReady(QueueState queue, string agent, double at,
        IReadOnlyDictionary<string, int>? skills = null, int callsHandled = 0) =>
        queue.Run(new AgentAvailable(queue.Id, Agent(agent), skills ?? Skills(), At(at), callsHandled), At(at));

    [Fact]
    public void QueueState_should_offer_longest_waiting_call_first()
    {
        var queue = ConfiguredQueue(Sales, "a1").Enqueue("c1", At(0)).Enqueue("c2", At(5));

        var (_, decision) = AgentReady(queue, "a1", 10);

        Assert.Equal([("a1", "c1")], decision.Reservations());
    }

    [Fact]
    public void QueueState_should_offer_higher_priority_call_before_older_call()
    {
        var queue = ConfiguredQueue(Sales, "a1").Enqueue("c1", At(0), priority: 0).Enqueue("c2", At(5), priority: 1);

        var (_, decision) = AgentReady(queue, "a1", 10);

        Assert.Equal(["c2", "c1"], queue.WaitingOrder());
        Assert.Equal([("a1", "c2")], decision.Reservations());
    }

    [Fact]
    public void QueueState_should_place_a_call_by_its_arrival_in_the_center_not_its_arrival_in_the_queue()
    {
        var queue = ConfiguredQueue(Sales).Enqueue("c1", At(10)).Enqueue("c0", At(20), arrivedAt: At(0));

        Assert.Equal(["c0", "c1"], queue.WaitingOrder());
    }

    [Fact]
    public void QueueState_should_offer_a_call_only_to_an_agent_with_its_required_skills()
    {
        var queue = ConfiguredQueue(Sales, "a1", "a2");
        queue = AgentReady(queue, "a1", 0, Skills(("sales", 1))).State;
        queue = AgentReady(queue, "a2", 5, Skills(("sales", 3))).State;

        var (_, decision) = queue.Run(new EnqueueCall(queue.Id, Call("c1"), 0, Skills(("sales", 3)), At(10)), At(10));

        Assert.Equal([("a2", "c1")], decision.Reservations());
    }

    [Fact]
    public void QueueState_should_offer_the_next_call_when_no_agent_can_take_the_first()
    {
        var queue = ConfiguredQueue(Sales, "a1")
            .Enqueue("c1", At(0), skills: Skills(("billing", 2)))
            .Enqueue("c2", At(5));

        var (_, decision) = AgentReady(queue, "a1", 10, Skills(("sales", 3)));

        Assert.Equal([("a1", "c2")], decision.Reservations());
    }

    [Fact]
    public void QueueState_should_ignore_an_agent_who_is_not_a_member()
    {
        var (state, decision) = AgentReady(ConfiguredQueue(Sales, "a1").Enqueue("c1", At(0)), "stranger", 5);

        Assert.Empty(decision.Reservations());
        Assert.Equal(0, state.Available.Count);
    }

    [Fact]
    public void QueueState_should_rotate_offers_among_agents_under_round_robin()
    {
        var queue = ConfiguredQueue(Sales with { Strategy = RoutingStrategyKind.RoundRobin }, "a", "b", "c");
        foreach (var agent in new[] { "a", "b", "c" })
            queue = AgentReady(queue, agent, 0).State;
        var offeredTo = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            var (state, decision) = queue.Run(new EnqueueCall(queue.Id, Call($"c{i}"), 0, Skills(), At(i)), At(i));
            var agent = Assert.Single(decision.Reservations()).Agent;
            offeredTo.Add(agent);
            // The agent answers, hangs up and is ready again with the same idle time: only rotation tells them apart.
            state = state.Run(new CallAnswered(queue.Id, Call($"c{i}"), Agent(agent), At(i)), At(i)).State;
            queue = AgentReady(state, agent, 0).State;
        }

        Assert.Equal(["a", "b", "c", "a"], offeredTo);
    }

    [Fact]
    public void QueueState_should_widen_the_required_proficiency_after_the_overflow_seconds()
    {
        var definition = Sales with { Overflow = [new OverflowRule(20, MinProficiency: 1, MoveToQueue: null)] };
        var queue = AgentReady(ConfiguredQueue(definition, "a1"), "a1", 0, Skills(("sales", 1))).State
            .Enqueue("c1", At(0), skills: Skills(("sales", 3)));

        var (early, before) = queue.RunTick(At(19));
        var (_, after) = early.RunTick(At(20));

        Assert.Empty(before.Reservations());
        Assert.Contains(after.Events, e => e is CallRequirementWidened { MinProficiency: 1 });
        Assert.Equal([("a1", "c1")], after.Reservations());
    }

    [Fact]
    public void QueueState_should_move_a_call_to_the_overflow_queue_keeping_its_arrival_time()
    {
        var definition = QueueDefinition.Named("support") with { Overflow = [new OverflowRule(30, null, MoveToQueue: "general")] };
        var queue = ConfiguredQueue(definition).Enqueue("c1", At(5), priority: 2, skills: Skills(("support", 2)), arrivedAt: At(0));

        var (stays, before) = queue.RunTick(At(34));
        var (moved, after) = stays.RunTick(At(35));

        Assert.Empty(before.Messages);
        var enqueue = Assert.IsType<EnqueueCall>(Assert.Single(after.Messages));
        Assert.Equal(new QueueId("general"), enqueue.QueueId);
        Assert.Equal((At(0), 2, 2), (enqueue.ArrivedAt, enqueue.Priority, enqueue.RequiredSkills["support"]));
        Assert.Empty(moved.Waiting);
        Assert.Equal(1, moved.Figures.Overflowed);
    }

    [Fact]
    public void QueueState_should_send_a_call_to_its_destination_when_full()
    {
        var queue = ConfiguredQueue(Sales with { MaxWaitingCalls = 1, WhenFullOrTooLong = "general" }).Enqueue("c1", At(0));

        var (state, decision) = queue.Run(new EnqueueCall(queue.Id, Call("c2"), 1, Skills(), At(3)), At(5));

        var enqueue = Assert.IsType<EnqueueCall>(Assert.Single(decision.Messages));
        Assert.Equal((new QueueId("general"), Call("c2"), At(3)), (enqueue.QueueId, enqueue.CallId, enqueue.ArrivedAt));
        Assert.Equal(["c1"], state.WaitingOrder());
    }

    [Fact]
    public void QueueState_should_refuse_a_call_when_full_without_a_destination()
    {
        var queue = ConfiguredQueue(Sales with { MaxWaitingCalls = 1 }).Enqueue("c1", At(0));

        var (state, decision) = queue.Run(new EnqueueCall(queue.Id, Call("c2"), 0, Skills(), At(5)), At(5));

        var refused = Assert.IsType<CallRefused>(Assert.Single(decision.Messages));
        Assert.Equal((Call("c2"), "queue is full"), (refused.CallId, refused.Reason));
        Assert.Equal(1, state.Figures.Refused);
    }

    [Fact]
    public void QueueState_should_refuse_a_call_that_waited_its_maximum()
    {
        var queue = ConfiguredQueue(Sales with { MaxWaitSeconds = 60 }).Enqueue("c1", At(0));

        var (_, before) = queue.RunTick(At(59));
        var (state, after) = queue.RunTick(At(60));

        Assert.Empty(before.Messages);
        Assert.Equal("waited too long", Assert.IsType<CallRefused>(Assert.Single(after.Messages)).Reason);
        Assert.Empty(state.Waiting);
    }

    [Fact]
    public void QueueState_should_send_a_call_that_waited_its_maximum_to_its_destination()
    {
        var queue = ConfiguredQueue(Sales with { MaxWaitSeconds = 60, WhenFullOrTooLong = "general" }).Enqueue("c1", At(0));

        var (_, decision) = queue.RunTick(At(60));

        Assert.Equal(new QueueId("general"), Assert.IsType<EnqueueCall>(Assert.Single(decision.Messages)).QueueId);
    }

    [Fact]
    public void QueueState_should_not_time_out_a_call_while_it_is_offered()
    {
        var queue = AgentReady(ConfiguredQueue(Sales with { MaxWaitSeconds = 10 }, "a1"), "a1", 0).State.Enqueue("c1", At(0));

        var (state, decision) = queue.RunTick(At(12));

        Assert.DoesNotContain(decision.Messages, m => m is CallRefused);
        Assert.Equal(["c1"], state.WaitingOrder());
    }

    [Fact]
    public void QueueState_should_offer_the_next_candidate_when_a_reservation_is_declined()
    {
        var queue = ConfiguredQueue(Sales, "a1", "a2");
        queue = AgentReady(queue, "a1", 0).State;
        queue = AgentReady(queue, "a2", 5).State.Enqueue("c1", At(10));

        var (_, decision) = queue.Run(new ReservationDeclined(queue.Id, Agent("a1"), Call("c1"), "agent is Reserved"), At(11));

        Assert.Equal([("a2", "c1")], decision.Reservations());
    }

    [Fact]
    public void QueueState_should_withdraw_the_offer_from_the_call_when_the_agent_declines()
    {
        // Regression: a late "yes" to an earlier request made the call "offered" to the agent; the
        // agent's "no" to the latest request left the call believing it, so it turned every later agent away.
        var queue = AgentReady(ConfiguredQueue(Sales, "a1"), "a1", 0).State.Enqueue("c1", At(10));
        queue = queue.Run(new ReservationAccepted(queue.Id, Agent("a1"), Call("c1")), At(11)).State;

        var (_, decision) = queue.Run(new ReservationDeclined(queue.Id, Agent("a1"), Call("c1"), "agent is Reserved"), At(12));

        Assert.Equal(new OfferWithdrawn(Call("c1"), Agent("a1"), queue.Id, "agent is Reserved", At(12)), decision.Messages[0]);
    }

    [Fact]
    public void QueueState_should_keep_a_declined_call_in_its_place()
    {
        var queue = AgentReady(ConfiguredQueue(Sales, "a1", "a2"), "a1", 0).State.Enqueue("c1", At(10)).Enqueue("c2", At(11));

        var declined = queue.Run(new ReservationDeclined(queue.Id, Agent("a1"), Call("c1"), "agent is NotReady"), At(12)).State;
        var (_, decision) = AgentReady(declined, "a2", 13);

        Assert.Equal(["c1", "c2"], declined.WaitingOrder());
        Assert.Null(declined.WaitingById[Call("c1")].OfferedTo);
        Assert.Equal([("a2", "c1")], decision.Reservations());
    }

    [Fact]
    public void QueueState_should_withdraw_a_failed_offer_and_try_the_next_agent()
    {
        var queue = ConfiguredQueue(Sales, "a1", "a2");
        queue = AgentReady(queue, "a1", 0).State;
        queue = AgentReady(queue, "a2", 5).State.Enqueue("c1", At(10));
        queue = queue.Run(new ReservationAccepted(queue.Id, Agent("a1"), Call("c1")), At(10)).State;

        var (_, decision) = queue.Run(new OfferFailed(queue.Id, Agent("a1"), Call("c1"), NotReadyReasonCodes.NoAnswer), At(25));

        var withdrawn = Assert.IsType<OfferWithdrawn>(decision.Messages[0]);
        Assert.Equal((Call("c1"), Agent("a1"), NotReadyReasonCodes.NoAnswer), (withdrawn.CallId, withdrawn.AgentId, withdrawn.Reason));
        Assert.Equal([("a2", "c1")], decision.Reservations());
        // The agent is asked whether it is available: a failure the call reports frees the agent, whose word that it
        // is ready may have come before this one unindexed it.
        Assert.Equal(new RequestAvailability(Agent("a1"), queue.Id), decision.Messages[^1]);
    }

    [Fact]
    public void QueueState_should_forget_an_agent_availability_sent_before_the_agent_accepted_its_offer()
    {
        // a1 was freed of another queue's call and said it is ready, while this queue's offer was on its way to it: that
        // word arrives after the offer. Once a1 accepts, the queue must not offer it the next call (a1 holds this one).
        var queue = AgentReady(ConfiguredQueue(Sales, "a1"), "a1", 0).State.Enqueue("c1", At(10));
        queue = AgentReady(queue, "a1", 11).State;
        Assert.True(queue.Available.Contains(Agent("a1")));

        var accepted = queue.Run(new ReservationAccepted(queue.Id, Agent("a1"), Call("c1"), Reservation: 2), At(12)).State;
        var (_, next) = accepted.Run(new EnqueueCall(queue.Id, Call("c2"), 0, Skills(), At(13)), At(13));

        Assert.False(accepted.Available.Contains(Agent("a1")));
        Assert.Empty(next.Reservations());
    }

    [Fact]
    public void QueueState_should_tell_the_call_when_its_offer_is_accepted()
    {
        var queue = AgentReady(ConfiguredQueue(Sales, "a1"), "a1", 0).State.Enqueue("c1", At(10));

        var (_, decision) = queue.Run(new ReservationAccepted(queue.Id, Agent("a1"), Call("c1"), Reservation: 4), At(11));

        var offered = Assert.IsType<CallOffered>(Assert.Single(decision.Messages));
        Assert.Equal((Call("c1"), Agent("a1"), queue.Id, 4), (offered.CallId, offered.AgentId, offered.QueueId, offered.Reservation));
    }

    [Fact]
    public void QueueState_should_release_not_end_a_reservation_accepted_for_a_call_that_already_left()
    {
        // Regression: the queue used to send AgentCallEnded, which freed an agent already talking on
        // the call when the acceptance (or a repeated one, after the ring timeout) arrived late.
        var queue = AgentReady(ConfiguredQueue(Sales, "a1"), "a1", 0).State.Enqueue("c1", At(10));
        queue = queue.Run(new CallAnswered(queue.Id, Call("c1"), Agent("a1"), At(12)), At(12)).State;

        var (_, decision) = queue.Run(new ReservationAccepted(queue.Id, Agent("a1"), Call("c1")), At(13));

        Assert.Equal(new ReleaseReservation(Agent("a1"), Call("c1"), queue.Id), Assert.Single(decision.Messages));
    }

    [Fact]
    public void QueueState_should_count_an_answered_call_in_its_figures()
    {
        var queue = AgentReady(ConfiguredQueue(Sales, "a1"), "a1", 0).State.Enqueue("c1", At(10));

        var answered = queue.Run(new CallAnswered(queue.Id, Call("c1"), Agent("a1"), At(22)), At(22)).State;
        var handled = answered.Run(new CallCompleted(queue.Id, Call("c1"), 120), At(142)).State;

        Assert.Empty(answered.Waiting);
        Assert.Equal((1, 1, 1, 12.0), (answered.Figures.Offered, answered.Figures.Answered, answered.Figures.AnsweredWithinServiceLevel, answered.Figures.TotalAnswerWaitSeconds));
        Assert.Equal(120, handled.Figures.AverageHandleSeconds);
    }

    [Fact]
    public void QueueState_should_count_an_abandoned_call_and_forget_its_offer()
    {
        var queue = AgentReady(ConfiguredQueue(Sales, "a1"), "a1", 0).State.Enqueue("c1", At(10));

        var state = queue.Run(new CallAbandoned(queue.Id, Call("c1"), At(15)), At(15)).State;

        Assert.Empty(state.Waiting);
        Assert.Equal(1, state.Figures.Abandoned);
    }

    [Fact]
    public void QueueView_should_show_each_call_position_wait_and_estimated_wait()
    {
        var queue = ConfiguredQueue(Sales, "a1", "a2");
        queue = AgentReady(queue, "a1", 0).State;
        queue = AgentReady(queue, "a2", 0).State;
        queue = queue.Run(new AgentUnavailable(queue.Id, Agent("a1"), Busy: true), At(1)).State;
        queue = queue.Run(new AgentUnavailable(queue.Id, Agent("a2"), Busy: true), At(1)).State;
        queue = queue.Enqueue("c1", At(0)).Enqueue("c2", At(10)).Enqueue("c3", At(20), priority: 1);

        var view = queue.ToView(At(30));

        // Nobody free, two agents staffed, no handled call yet: the default handle time is shared between them.
        Assert.Equal(["c3", "c1", "c2"], view.Waiting.Select(w => w.CallId.Value));
        Assert.Equal([1, 2, 3], view.Waiting.Select(w => w.Position));
        Assert.Equal([10.0, 30.0, 20.0], view.Waiting.Select(w => w.WaitSeconds));
        Assert.Equal([90.0, 180.0, 270.0], view.Waiting.Select(w => w.EstimatedWaitSeconds));
        Assert.Equal(30, view.LongestWaitSeconds);
    }

    [Fact]
    public void QueueView_should_estimate_waits_from_the_average_handle_time()
    {
        var queue = ConfiguredQueue(Sales, "a1");
        queue = AgentReady(queue, "a1", 0).State;
        queue = queue.Run(new AgentUnavailable(queue.Id, Agent("a1"), Busy: true), At(1)).State;
        queue = queue.Run(new CallCompleted(queue.Id, Call("old"), 60), At(2)).State.Enqueue("c1", At(5)).Enqueue("c2", At(6));

        Assert.Equal([60.0, 120.0], queue.ToView(At(10)).Waiting.Select(w => w.EstimatedWaitSeconds));
    }

    [Fact]
    public void QueueState_should_tell_a_call_its_position_when_it_joins()
    {
        var queue = ConfiguredQueue(Sales).Enqueue("c1", At(0));

        var (_, decision) = queue.Run(new EnqueueCall(queue.Id, Call("c2"), 0, Skills(), At(5)), At(5));

        Assert.Equal(2, Assert.IsType<CallQueued>(Assert.Single(decision.Messages)).Position);
    }

    [Fact]
    public void QueueState_should_refuse_a_call_for_a_queue_that_was_never_configured()
    {
        var (_, decision) = QueueState.Initial(Queue("nowhere")).Run(new EnqueueCall(Queue("nowhere"), Call("c1"), 0, Skills(), At(0)), At(0));

        Assert.IsType<CallRefused>(Assert.Single(decision.Messages));
    }

    [Fact]
    public void QueueState_should_ask_its_members_for_their_availability_to_rebuild_its_index() =>
        Assert.Equal([Agent("a1"), Agent("a2")],
            ConfiguredQueue(Sales, "a1", "a2").RebuildIndex().Cast<RequestAvailability>().Select(r => r.AgentId));

    [Fact]
    public void QueueState_should_hold_a_call_for_its_later_stay_when_it_is_sent_again_after_a_transfer()
    {
        // An overflow here (stay 0) arrived first; the call's own transfer here (stay 1) follows.
        var queue = ConfiguredQueue(Sales).Enqueue("c1", At(0));

        var (state, decision) = queue.Run(new EnqueueCall(queue.Id, Call("c1"), 0, Skills(), At(5), Transfers: 1), At(5));

        Assert.Equal(new CallStayRenewed(Call("c1"), 1), Assert.Single(decision.Events));
        Assert.Equal(new CallQueued(Call("c1"), queue.Id, 1, At(5), Transfers: 1), Assert.Single(decision.Messages));
        Assert.Equal(1, state.WaitingById[Call("c1")].Transfers);
    }

    [Fact]
    public void QueueState_should_keep_a_call_answered_in_an_earlier_stay_than_the_one_it_holds_it_for()
    {
        var queue = ConfiguredQueue(Sales).Run(new EnqueueCall(Queue("sales"), Call("c1"), 0, Skills(), At(5), Transfers: 1), At(5)).State;

        var (state, decision) = queue.Run(new CallAnswered(queue.Id, Call("c1"), Agent("a1"), At(6), Transfers: 0), At(6));

        Assert.Empty(decision.Events);
        Assert.True(state.WaitingById.ContainsKey(Call("c1")));
    }

    [Fact]
    public void QueueState_should_name_the_calls_stay_in_what_it_tells_the_call_and_keep_it_through_an_overflow()
    {
        var definition = Sales with { Overflow = [new OverflowRule(30, MinProficiency: null, MoveToQueue: "general")] };
        var queue = ConfiguredQueue(definition, "a1");

        var (queued, enqueued) = queue.Run(new EnqueueCall(queue.Id, Call("c1"), 0, Skills(), At(0), Transfers: 2), At(0));
        var (_, tick) = queued.RunTick(At(31));

        Assert.Equal(2, enqueued.Messages.OfType<CallQueued>().Single().Transfers);
        Assert.Equal(2, tick.Messages.OfType<EnqueueCall>().Single().Transfers);
    }

    private static QueueState EnqueueFor(QueueState queue, string call, string agent, double at, int priority = 0) =>
        queue.Run(new EnqueueCall(queue.Id, Call(call), priority, Skills(), At(at), Transfers: 1, OnlyAgent: Agent(agent)), At(at)).State;

    [Fact]
    public void QueueState_should_offer_a_call_transferred_to_a_named_agent_only_to_that_agent()
    {
        var queue = AgentReady(AgentReady(ConfiguredQueue(Sales, "a1", "a2"), "a1", 0).State, "a2", 5).State;

        var (_, decision) = queue.Run(new EnqueueCall(queue.Id, Call("c1"), 0, Skills(), At(10), OnlyAgent: Agent("a2")), At(10));

        Assert.Equal([("a2", "c1")], decision.Reservations());
    }

    [Fact]
    public void QueueState_should_keep_a_call_for_a_named_agent_waiting_while_others_take_the_calls_behind_it()
    {
        var queue = EnqueueFor(ConfiguredQueue(Sales, "a1", "a2"), "c1", "a2", 0).Enqueue("c2", At(5));

        var (state, decision) = AgentReady(queue, "a1", 10);

        Assert.Equal([("a1", "c2")], decision.Reservations());
        Assert.Null(state.WaitingById[Call("c1")].OfferedTo);
    }

    [Fact]
    public void QueueState_should_offer_a_call_for_a_named_agent_once_that_agent_is_available_keeping_its_place()
    {
        // c1 waits ahead of c2 (both for a2): a2 gets c1 first, as any agent gets the call ahead first.
        var queue = EnqueueFor(EnqueueFor(ConfiguredQueue(Sales, "a2"), "c1", "a2", 0), "c2", "a2", 5);

        var (_, decision) = AgentReady(queue, "a2", 10);

        Assert.Equal(["c1", "c2"], queue.WaitingOrder());
        Assert.Equal([("a2", "c1")], decision.Reservations());
    }

    [Fact]
    public void QueueState_should_send_a_call_for_a_named_agent_on_by_an_overflow_rule_for_any_agent()
    {
        var definition = Sales with { Overflow = [new OverflowRule(30, MinProficiency: null, MoveToQueue: "general")] };

        var (_, tick) = EnqueueFor(ConfiguredQueue(definition, "a1"), "c1", "a2", 0).RunTick(At(31));

        var moved = Assert.Single(tick.Messages.OfType<EnqueueCall>());
        Assert.Equal((Queue("general"), null, 1), (moved.QueueId, moved.OnlyAgent, moved.Transfers));
    }

    [Fact]
    public void QueueState_should_redirect_a_call_for_a_named_agent_that_waited_too_long_for_any_agent()
    {
        var queue = EnqueueFor(ConfiguredQueue(Sales with { MaxWaitSeconds = 60, WhenFullOrTooLong = "general" }), "c1", "a2", 0);

        var (_, tick) = queue.RunTick(At(61));

        Assert.Null(Assert.Single(tick.Messages.OfType<EnqueueCall>()).OnlyAgent);
    }

    [Fact]
    public void QueueState_should_redirect_a_call_for_a_named_agent_from_a_full_queue_for_any_agent()
    {
        var queue = ConfiguredQueue(Sales with { MaxWaitingCalls = 1, WhenFullOrTooLong = "general" }).Enqueue("c0", At(0));

        var (_, decision) = queue.Run(new EnqueueCall(queue.Id, Call("c1"), 0, Skills(), At(5), OnlyAgent: Agent("a2")), At(5));

        var moved = Assert.Single(decision.Messages.OfType<EnqueueCall>());
        Assert.Equal((Queue("general"), null), (moved.QueueId, moved.OnlyAgent));
    }
}
