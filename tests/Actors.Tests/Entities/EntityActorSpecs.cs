using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using Xunit.Abstractions;

namespace CallCenter.Actors.Tests.Entities;

/// <summary>The real Call, Agent and Queue actors talking through the router, on virtual time and the real serializer.</summary>
public sealed class EntityActorSpecs(ITestOutputHelper output) : EntityTestKit(output)
{
    private static readonly QueueDefinition Sales = QueueDefinition.Named("sales") with { RingTimeoutSeconds = 15, WrapUpSeconds = 10 };

    private async Task Center(QueueDefinition queue, params string[] agents)
    {
        await ConfigureQueue(queue, agents);
        foreach (var agent in agents)
            await ConfigureAgent(agent, new Dictionary<string, int> { ["sales"] = 3 }, queue.Name);
    }

    [Fact]
    public async Task Entities_should_route_a_call_through_its_whole_life()
    {
        await Center(Sales, "a1");
        await Ready("a1");
        await AwaitQueue("sales", q => Assert.Single(q.AvailableAgents));

        var call = await StartCall("sales");
        await AwaitAgent("a1", a => Assert.Equal((AgentStatus.Reserved, call), (a.Status, a.CallId)));
        await AwaitCall(call, c => Assert.Equal((CallStatus.Offered, new AgentId("a1")), (c.Status, c.AgentId)));

        AdvanceSeconds(4);
        await Answer("a1");
        await AwaitCall(call, c => Assert.Equal(CallStatus.Talking, c.Status));
        await AwaitQueue("sales", q => Assert.Empty(q.Waiting));

        AdvanceSeconds(60);
        await HangUp("a1");
        var ended = await AwaitCall(call, c => Assert.Equal(CallOutcome.Completed, c.Outcome));
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.WrapUp, a.Status));

        AdvanceSeconds(10);
        await AwaitAgent("a1", a => Assert.Equal((AgentStatus.Ready, 1), (a.Status, a.CallsHandled)));
        var queue = await AwaitQueue("sales", q => Assert.Equal(1, q.Figures.Handled));
        Assert.Equal((1, 1, 1), (queue.Figures.Offered, queue.Figures.Answered, queue.Figures.AnsweredWithinServiceLevel));
        Assert.Equal(60, queue.Figures.AverageHandleSeconds);
        Assert.Equal(ended.AnsweredAt!.Value.AddSeconds(60), ended.EndedAt);
        await AwaitQueue("sales", q => Assert.Single(q.AvailableAgents));
    }

    [Fact]
    public async Task Entities_should_offer_the_call_to_the_next_agent_after_a_ring_no_answer()
    {
        await Center(Sales, "a1", "a2");
        await Ready("a1");
        AdvanceSeconds(1);
        await Ready("a2");
        await AwaitQueue("sales", q => Assert.Equal(2, q.AvailableAgents.Count));

        var call = await StartCall("sales");
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Reserved, a.Status));

        AdvanceSeconds(15);
        await AwaitAgent("a1", a => Assert.Equal((AgentStatus.NotReady, NotReadyReasonCodes.NoAnswer), (a.Status, a.Reason)));
        await AwaitAgent("a2", a => Assert.Equal((AgentStatus.Reserved, call), (a.Status, a.CallId)));
        await AwaitCall(call, c => Assert.Equal((CallStatus.Offered, new AgentId("a2")), (c.Status, c.AgentId)));
    }

    [Fact]
    public async Task Entities_should_expire_a_reservation_and_put_the_call_back_in_its_place()
    {
        await Center(Sales, "a1");
        var first = await StartCall("sales");
        await Ready("a1");
        await AwaitAgent("a1", a => Assert.Equal((AgentStatus.Reserved, first), (a.Status, a.CallId)));
        var second = await StartCall("sales");

        AdvanceSeconds(14);
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Reserved, a.Status));
        AdvanceSeconds(1);

        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.NotReady, a.Status));
        await AwaitCall(first, c => Assert.Equal((CallStatus.Queued, null), (c.Status, c.AgentId)));
        var queue = await AwaitQueue("sales", q => Assert.All(q.Waiting, w => Assert.Null(w.OfferedTo)));
        Assert.Equal([first, second], queue.Waiting.Select(w => w.CallId));
    }

    [Fact]
    public async Task Entities_should_make_the_agent_ready_after_the_queue_wrap_up_seconds()
    {
        await Center(Sales with { WrapUpSeconds = 30 }, "a1");
        await Ready("a1");
        await AnswerAndHangUp("a1", await StartCall("sales"));
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.WrapUp, a.Status));

        AdvanceSeconds(29);
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.WrapUp, a.Status));
        AdvanceSeconds(1);

        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Ready, a.Status));
        await AwaitQueue("sales", q => Assert.Single(q.AvailableAgents));
    }

    [Fact]
    public async Task Entities_should_leave_the_agent_in_wrap_up_when_auto_ready_is_off()
    {
        await Center(Sales with { AutoReadyAfterWrapUp = false }, "a1");
        await Ready("a1");
        await AnswerAndHangUp("a1", await StartCall("sales"));
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.WrapUp, a.Status));

        AdvanceSeconds(600);
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.WrapUp, a.Status));
        await Command(new FinishWrapUp(new AgentId("a1")));
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Ready, a.Status));
    }

    [Fact]
    public async Task AgentActor_should_recover_its_state_after_a_restart()
    {
        await ConfigureAgent("a1", new Dictionary<string, int> { ["sales"] = 4 }, "sales");
        await Ready("a1");
        await NotReady("a1", "lunch");
        var before = await GetAgent("a1");

        await StopEntity(Agents, "a1");
        var after = await GetAgent("a1");

        Assert.Equal((AgentStatus.NotReady, "lunch", 4), (after.Status, after.Reason, after.Skills["sales"]));
        Assert.Equal(before.StatusSince, after.StatusSince);
    }

    [Fact]
    public async Task CallActor_should_recover_its_state_after_a_restart()
    {
        await ConfigureQueue(Sales);
        var call = await StartCall("sales", priority: 2);
        var before = await AwaitCall(call, c => Assert.Equal(CallStatus.Queued, c.Status));

        await StopEntity(Calls, call.Value);
        var after = await GetCall(call);

        Assert.Equal((CallStatus.Queued, 2, new QueueId("sales"), before.ArrivedAt), (after.Status, after.Priority, after.QueueId, after.ArrivedAt));
    }

    [Fact]
    public async Task QueueActor_should_keep_waiting_calls_in_their_places_after_a_restart()
    {
        await ConfigureQueue(Sales);
        var first = await StartCall("sales");
        var urgent = await StartCall("sales", priority: 1);
        var last = await StartCall("sales");
        await AwaitQueue("sales", q => Assert.Equal(3, q.Waiting.Count));

        await StopEntity(Queues, "sales");

        var queue = await GetQueue("sales");
        Assert.Equal([urgent, first, last], queue.Waiting.Select(w => w.CallId));
        Assert.Equal(3, queue.Figures.Offered);
    }

    [Fact]
    public async Task QueueActor_should_rebuild_its_index_of_available_agents_by_asking_its_members()
    {
        await Center(Sales, "a1", "a2", "a3");
        await Ready("a1");
        await Ready("a3");
        await AwaitQueue("sales", q => Assert.Equal(2, q.AvailableAgents.Count));

        await StopEntity(Queues, "sales");
        await GetQueue("sales");

        var queue = await AwaitQueue("sales", q => Assert.Equal(2, q.AvailableAgents.Count));
        Assert.Equal(["a1", "a3"], queue.AvailableAgents.Select(a => a.AgentId.Value).Order());
        var call = await StartCall("sales");
        await AwaitCall(call, c => Assert.Equal(CallStatus.Offered, c.Status));
    }
}
