using CallCenter.Actors.Agents;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Queues;
using CallCenter.Actors.Routing;
using static CallCenter.Actors.Tests.Support.Pure;

namespace CallCenter.Actors.Tests.Queues;

/// <summary>Calls with SIP legs need an agent whose phone is registered; virtual calls do not.</summary>
public sealed class QueuePhoneSpecs
{
    private static readonly QueueDefinition Sales = QueueDefinition.Named("sales");

    private static QueueState AgentReady(QueueState queue, string agent, double at, bool hasPhone) =>
        queue.Run(new AgentAvailable(queue.Id, Agent(agent), Skills(), At(at), 0, hasPhone), At(at)).State;

    private static (QueueState State, Decision<IQueueChange> Decision) Enqueue(QueueState queue, string call, double at, bool needsPhone,
        QueueId? to = null) =>
        queue.Run(new EnqueueCall(to ?? queue.Id, Call(call), 0, Skills(), At(at), needsPhone), At(at));

    [Fact]
    public void QueueState_should_never_offer_a_call_that_needs_a_phone_to_an_agent_without_one()
    {
        var queue = AgentReady(ConfiguredQueue(Sales, "a1"), "a1", 0, hasPhone: false);

        var (state, decision) = Enqueue(queue, "c1", 10, needsPhone: true);

        Assert.Empty(decision.Reservations());
        Assert.Null(state.WaitingById[Call("c1")].OfferedTo);
    }

    [Fact]
    public void QueueState_should_offer_a_call_that_needs_a_phone_to_the_next_agent_with_one()
    {
        // a1 has been idle the longest, so comes first; the pick must go on past it.
        var queue = ConfiguredQueue(Sales, "a1", "a2", "a3");
        queue = AgentReady(queue, "a1", 0, hasPhone: false);
        queue = AgentReady(queue, "a2", 5, hasPhone: true);
        queue = AgentReady(queue, "a3", 7, hasPhone: true);

        var (_, decision) = Enqueue(queue, "c1", 10, needsPhone: true);

        Assert.Equal([("a2", "c1")], decision.Reservations());
        Assert.True(Assert.IsType<ReserveAgent>(decision.Messages.OfType<ReserveAgent>().Single()).NeedsPhone);
    }

    [Fact]
    public void QueueState_should_offer_a_virtual_call_to_an_agent_without_a_phone()
    {
        var queue = AgentReady(ConfiguredQueue(Sales, "a1"), "a1", 0, hasPhone: false);

        var (_, decision) = Enqueue(queue, "c1", 10, needsPhone: false);

        Assert.Equal([("a1", "c1")], decision.Reservations());
        Assert.False(decision.Messages.OfType<ReserveAgent>().Single().NeedsPhone);
    }

    [Fact]
    public void QueueState_should_pass_a_waiting_call_that_needs_a_phone_for_the_next_call_an_agent_without_one_can_take()
    {
        var queue = ConfiguredQueue(Sales, "a1");
        queue = Enqueue(queue, "c1", 0, needsPhone: true).State;
        queue = Enqueue(queue, "c2", 5, needsPhone: false).State;

        var (_, decision) = queue.Run(new AgentAvailable(queue.Id, Agent("a1"), Skills(), At(10), 0, HasPhone: false), At(10));

        Assert.Equal([("a1", "c2")], decision.Reservations());
    }

    [Fact]
    public void QueueState_should_offer_a_waiting_call_once_the_agent_says_its_phone_registered()
    {
        var queue = Enqueue(AgentReady(ConfiguredQueue(Sales, "a1"), "a1", 0, hasPhone: false), "c1", 5, needsPhone: true).State;

        var (state, decision) = queue.Run(new AgentAvailable(queue.Id, Agent("a1"), Skills(), At(0), 0, HasPhone: true), At(8));

        Assert.Equal([("a1", "c1")], decision.Reservations());
        Assert.Equal(Agent("a1"), state.WaitingById[Call("c1")].OfferedTo);
    }

    [Fact]
    public void QueueState_should_replace_an_indexed_agent_when_it_says_it_is_available_again()
    {
        var queue = AgentReady(AgentReady(ConfiguredQueue(Sales, "a1"), "a1", 0, hasPhone: true), "a1", 0, hasPhone: false);

        var only = Assert.Single(queue.Available.InOrder);
        Assert.False(only.HasPhone);
        Assert.Equal(1, queue.Available.Count);
    }

    [Fact]
    public void QueueState_should_keep_a_call_needing_a_phone_so_when_it_overflows()
    {
        var definition = Sales with { Overflow = [new OverflowRule(30, null, MoveToQueue: "general")] };
        var queue = Enqueue(ConfiguredQueue(definition), "c1", 0, needsPhone: true).State;

        var (_, decision) = queue.RunTick(At(30));

        Assert.True(Assert.IsType<EnqueueCall>(Assert.Single(decision.Messages)).NeedsPhone);
    }

    [Fact]
    public void QueueState_should_keep_a_call_needing_a_phone_so_when_full_or_waiting_too_long()
    {
        var definition = Sales with { MaxWaitingCalls = 1, MaxWaitSeconds = 60, WhenFullOrTooLong = "general" };
        var queue = Enqueue(ConfiguredQueue(definition), "c1", 0, needsPhone: true).State;

        var full = Enqueue(queue, "c2", 5, needsPhone: true).Decision;
        var tooLong = queue.RunTick(At(60)).Decision;

        Assert.True(Assert.IsType<EnqueueCall>(Assert.Single(full.Messages)).NeedsPhone);
        Assert.True(Assert.IsType<EnqueueCall>(Assert.Single(tooLong.Messages)).NeedsPhone);
    }

    [Fact]
    public void QueueState_should_ask_again_for_a_reservation_with_the_call_needing_a_phone()
    {
        var queue = Enqueue(AgentReady(ConfiguredQueue(Sales, "a1"), "a1", 0, hasPhone: true), "c1", 0, needsPhone: true).State;

        var (_, decision) = queue.RunTick(At(Sales.RingTimeoutSeconds + QueueState.OfferReplyGrace.TotalSeconds + 1));

        Assert.True(Assert.IsType<ReserveAgent>(Assert.Single(decision.Messages)).NeedsPhone);
    }

    [Fact]
    public void QueueState_should_remember_that_a_call_needs_a_phone_in_its_snapshot()
    {
        var queue = Enqueue(ConfiguredQueue(Sales), "c1", 0, needsPhone: true).State;

        var restored = QueueState.FromSnapshot(queue.Id, queue.ToSnapshot());

        Assert.True(restored.WaitingById[Call("c1")].NeedsPhone);
    }

    [Fact]
    public void QueueState_should_pass_the_agents_phone_on_to_the_call()
    {
        var queue = Enqueue(AgentReady(ConfiguredQueue(Sales, "a1"), "a1", 0, hasPhone: true), "c1", 10, needsPhone: true).State;

        var (_, decision) = queue.Run(new ReservationAccepted(queue.Id, Agent("a1"), Call("c1"), "sip:a1@10.0.0.5"), At(11));

        Assert.Equal("sip:a1@10.0.0.5", Assert.IsType<CallOffered>(Assert.Single(decision.Messages)).Phone);
    }

    [Fact]
    public void AvailableAgent_should_meet_a_call_that_needs_a_phone_only_with_one()
    {
        var without = new AvailableAgent(Agent("a1"), Skills(), At(0), 0, 0, 0, HasPhone: false);

        Assert.False(without.Meets(Skills(), null, needsPhone: true));
        Assert.True(without.Meets(Skills(), null, needsPhone: false));
        Assert.True((without with { HasPhone = true }).Meets(Skills(), null, needsPhone: true));
    }
}
