using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using static CallCenter.Actors.Tests.Support.Pure;

namespace CallCenter.Actors.Tests.Agents;

/// <summary>What the desktop shows of the agent's call: on hold or not, and the calls and handle time of the (UTC) day.</summary>
public sealed class AgentFiguresSpecs
{
    /// <summary>Reserved at t, answered at t+5, the call ends at t+65 (a minute of talk and hold).</summary>
    private static AgentState Handled(AgentState agent, string call, double t, bool autoReady = true, int wrapUpSeconds = 10)
    {
        agent = agent.Run(agent.Reserve(call, "sales", wrapUpSeconds: wrapUpSeconds, autoReady: autoReady), At(t)).State;
        agent = agent.Run(new AnswerOffer(agent.Id), At(t + 5)).State;
        return agent.Run(new AgentCallEnded(agent.Id, Call(call), Talked: true), At(t + 65)).State;
    }

    private static AgentState WrappedUp(AgentState agent, double at) => agent.Step(agent.WrapUpElapsed(At(at))).State;

    [Fact]
    public void AgentState_should_show_the_call_on_hold_while_the_call_says_so()
    {
        var agent = ReadyAgent("a1", null, "sales");
        agent = agent.Run(agent.Reserve("c1", "sales"), At(0)).State.Run(new AnswerOffer(Agent("a1")), At(5)).State;

        var (held, decision) = agent.Run(new AgentCallHoldChanged(Agent("a1"), Call("c1"), OnHold: true), At(10));
        var resumed = held.Run(new AgentCallHoldChanged(Agent("a1"), Call("c1"), OnHold: false), At(20)).State;

        Assert.Equal(new AgentHoldChanged(Call("c1"), true, At(10)), Assert.Single(decision.Events));
        Assert.True(held.ToView(At(10)).OnHold);
        Assert.False(resumed.ToView(At(20)).OnHold);
        Assert.Equal(At(5), held.StatusSince); // time on call runs from the answer, hold included
    }

    [Fact]
    public void AgentState_should_ignore_a_hold_of_another_call_or_said_twice()
    {
        var agent = ReadyAgent("a1", null, "sales");
        agent = agent.Run(agent.Reserve("c1", "sales"), At(0)).State.Run(new AnswerOffer(Agent("a1")), At(5)).State;
        var held = agent.Run(new AgentCallHoldChanged(Agent("a1"), Call("c1"), OnHold: true), At(10)).State;

        Assert.Empty(agent.Run(new AgentCallHoldChanged(Agent("a1"), Call("c9"), OnHold: true), At(10)).Decision.Events);
        Assert.Empty(held.Run(new AgentCallHoldChanged(Agent("a1"), Call("c1"), OnHold: true), At(11)).Decision.Events);
    }

    [Fact]
    public void AgentState_should_learn_a_hold_it_missed_when_it_checks_its_call()
    {
        var agent = ReadyAgent("a1", null, "sales");
        agent = agent.Run(agent.Reserve("c1", "sales"), At(0)).State.Run(new AnswerOffer(Agent("a1")), At(5)).State;
        var seen = CallState.Initial(Call("c1")).ToView() with { Status = CallStatus.Talking, AgentId = Agent("a1"), OnHold = true };

        var decision = agent.CallChecked(seen, At(60));

        Assert.Equal(new AgentHoldChanged(Call("c1"), true, At(60)), Assert.Single(decision.Events));
        Assert.Empty(agent.CallChecked(seen with { OnHold = false }, At(60)).Events);
    }

    [Fact]
    public void AgentState_should_leave_hold_when_the_call_ends_on_hold()
    {
        var agent = ReadyAgent("a1", null, "sales");
        agent = agent.Run(agent.Reserve("c1", "sales"), At(0)).State.Run(new AnswerOffer(Agent("a1")), At(5)).State;
        agent = agent.Run(new AgentCallHoldChanged(Agent("a1"), Call("c1"), OnHold: true), At(10)).State;

        var ended = agent.Run(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: true), At(30)).State;

        Assert.Equal((AgentStatus.WrapUp, false), (ended.Status, ended.ToView(At(30)).OnHold));
    }

    [Fact]
    public void AgentState_should_count_talk_hold_and_wrap_up_of_the_calls_handled_today()
    {
        var agent = Handled(ReadyAgent("a1", null, "sales"), "c1", 0);
        Assert.Equal((1, 60.0), (agent.ToView(At(65)).CallsToday, agent.ToView(At(65)).HandleSecondsToday));

        agent = WrappedUp(agent, 75);
        agent = WrappedUp(Handled(agent, "c2", 100), 175);

        var view = agent.ToView(At(200));
        Assert.Equal((2, 140.0), (view.CallsToday, view.HandleSecondsToday));
    }

    [Fact]
    public void AgentState_should_count_a_wrap_up_the_agent_ends_or_leaves_for_not_ready()
    {
        var agent = Handled(ReadyAgent("a1", null, "sales"), "c1", 0, autoReady: false);
        var done = agent.Run(new FinishWrapUp(Agent("a1")), At(95)).State;
        var away = agent.Run(new SetAgentStatus(Agent("a1"), RequestedStatus.NotReady, "break"), At(85)).State;

        Assert.Equal(90.0, done.ToView(At(95)).HandleSecondsToday);
        Assert.Equal(80.0, away.ToView(At(95)).HandleSecondsToday);
    }

    [Fact]
    public void AgentState_should_not_count_calls_missed_or_released_before_an_answer()
    {
        var agent = ReadyAgent("a1", null, "sales");
        agent = agent.Run(agent.Reserve("c1", "sales"), At(0)).State.Run(new AgentCallEnded(Agent("a1"), Call("c1"), Talked: false), At(3)).State;
        agent = agent.Run(agent.Reserve("c2", "sales"), At(10)).State.Run(new RejectOffer(Agent("a1")), At(12)).State;

        Assert.Equal((0, 0.0), (agent.ToView(At(20)).CallsToday, agent.ToView(At(20)).HandleSecondsToday));
    }

    [Fact]
    public void AgentState_should_start_the_figures_from_zero_when_the_UTC_day_changes()
    {
        var midnight = T0.UtcDateTime.Date.AddDays(1);
        var agent = WrappedUp(Handled(ReadyAgent("a1", null, "sales"), "c1", 0), 75);
        var secondsToMidnight = (midnight - T0.UtcDateTime).TotalSeconds;

        Assert.Equal(0, agent.ToView(At(secondsToMidnight)).CallsToday);
        Assert.Equal(1, agent.ToView(At(secondsToMidnight - 1)).CallsToday);

        var nextDay = WrappedUp(Handled(agent, "c2", secondsToMidnight + 100), secondsToMidnight + 175);
        var view = nextDay.ToView(At(secondsToMidnight + 200));
        Assert.Equal((1, 70.0, 2), (view.CallsToday, view.HandleSecondsToday, view.CallsHandled));
    }

    [Fact]
    public void AgentState_should_count_a_wrap_up_past_midnight_on_the_new_day()
    {
        var secondsToMidnight = (T0.UtcDateTime.Date.AddDays(1) - T0.UtcDateTime).TotalSeconds;
        var agent = Handled(ReadyAgent("a1", null, "sales"), "c1", secondsToMidnight - 70);

        var after = WrappedUp(agent, secondsToMidnight + 5);

        Assert.Equal((0, 10.0), (after.ToView(At(secondsToMidnight + 6)).CallsToday, after.ToView(At(secondsToMidnight + 6)).HandleSecondsToday));
    }

    [Fact]
    public void AgentState_should_recover_its_figures_from_the_journal()
    {
        var agent = ReadyAgent("a1", null, "sales");
        var events = new List<IAgentEvent>();
        AgentState Record(AgentState state, IAgentCommand command, double at)
        {
            var (next, decision) = state.Run(command, At(at));
            events.AddRange(decision.Events);
            return next;
        }

        agent = Record(agent, agent.Reserve("c1", "sales"), 0);
        agent = Record(agent, new AnswerOffer(Agent("a1")), 5);
        agent = Record(agent, new AgentCallHoldChanged(Agent("a1"), Call("c1"), OnHold: true), 10);
        agent = Record(agent, new AgentCallEnded(Agent("a1"), Call("c1"), Talked: true), 65);

        var recovered = events.Aggregate(ReadyAgent("a1", null, "sales"), (s, e) => s.Apply(e));

        var (expected, view) = (agent.ToView(At(70)), recovered.ToView(At(70)));
        Assert.Equal((AgentStatus.WrapUp, 1, 60.0, false), (view.Status, view.CallsToday, view.HandleSecondsToday, view.OnHold));
        Assert.Equal((expected.Status, expected.CallsToday, expected.HandleSecondsToday), (view.Status, view.CallsToday, view.HandleSecondsToday));
    }
}
