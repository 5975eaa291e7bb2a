using CallCenter.Actors.Definition;
using CallCenter.Actors.Routing;
using static CallCenter.Actors.Tests.Support.Pure;

namespace CallCenter.Actors.Tests.Routing;

public sealed class RoutingStrategySpecs
{
    private static AvailableAgent Candidate(string id, double idleSinceSeconds, int callsHandled = 0, int skillScore = 0,
        long lastOffered = 0, IReadOnlyDictionary<string, int>? skills = null) =>
        new(Agent(id), skills ?? Skills(), At(idleSinceSeconds), callsHandled, skillScore, lastOffered);

    private static string? Pick(RoutingStrategy strategy, IReadOnlyDictionary<string, int> required, params AvailableAgent[] candidates) =>
        candidates.Aggregate(AvailableAgents.Empty(strategy), (all, c) => all.Add(c)).Pick(required, widenedTo: null)?.AgentId.Value;

    [Fact]
    public void RoutingStrategy_should_default_to_longest_idle() =>
        Assert.Same(RoutingStrategy.LongestIdle, RoutingStrategy.For(QueueDefinition.Named("sales").Strategy));

    [Fact]
    public void LongestIdle_should_pick_the_agent_idle_the_longest() =>
        Assert.Equal("b", Pick(RoutingStrategy.LongestIdle, Skills(),
            Candidate("a", 30, callsHandled: 0), Candidate("b", 10, callsHandled: 9), Candidate("c", 20)));

    [Fact]
    public void MostSkilled_should_pick_the_highest_skill_score_first() =>
        Assert.Equal("c", Pick(RoutingStrategy.MostSkilled, Skills(),
            Candidate("a", 0, skillScore: 2), Candidate("b", 10, skillScore: 3), Candidate("c", 20, skillScore: 5)));

    [Fact]
    public void MostSkilled_should_break_a_tie_by_longest_idle() =>
        Assert.Equal("b", Pick(RoutingStrategy.MostSkilled, Skills(),
            Candidate("a", 20, skillScore: 4), Candidate("b", 10, skillScore: 4), Candidate("c", 0, skillScore: 1)));

    [Fact]
    public void RoundRobin_should_pick_the_agent_offered_a_call_least_recently() =>
        Assert.Equal("c", Pick(RoutingStrategy.RoundRobin, Skills(),
            Candidate("a", 0, lastOffered: 7), Candidate("b", 0, lastOffered: 5), Candidate("c", 50, lastOffered: 2)));

    [Fact]
    public void FewestCalls_should_pick_the_agent_who_handled_the_fewest_calls() =>
        Assert.Equal("c", Pick(RoutingStrategy.FewestCalls, Skills(),
            Candidate("a", 0, callsHandled: 4), Candidate("b", 10, callsHandled: 2), Candidate("c", 20, callsHandled: 1)));

    [Fact]
    public void FewestCalls_should_break_a_tie_by_longest_idle() =>
        Assert.Equal("b", Pick(RoutingStrategy.FewestCalls, Skills(),
            Candidate("a", 20, callsHandled: 1), Candidate("b", 10, callsHandled: 1), Candidate("c", 0, callsHandled: 3)));

    [Fact]
    public void AvailableAgents_should_pass_over_agents_without_the_required_skills() =>
        Assert.Equal("c", Pick(RoutingStrategy.LongestIdle, Skills(("sales", 3)),
            Candidate("a", 0, skills: Skills(("sales", 2))), Candidate("b", 5, skills: Skills(("support", 5))),
            Candidate("c", 10, skills: Skills(("sales", 4)))));

    [Fact]
    public void AvailableAgents_should_pick_nobody_when_no_agent_meets_the_requirements() =>
        Assert.Null(Pick(RoutingStrategy.LongestIdle, Skills(("billing", 1)), Candidate("a", 0, skills: Skills(("sales", 5)))));

    [Fact]
    public void AvailableAgent_should_meet_a_widened_requirement_at_the_lower_proficiency()
    {
        var junior = Candidate("a", 0, skills: Skills(("sales", 1)));
        Assert.False(junior.Meets(Skills(("sales", 3)), widenedTo: null));
        Assert.True(junior.Meets(Skills(("sales", 3)), widenedTo: 1));
        Assert.False(junior.Meets(Skills(("billing", 3)), widenedTo: 1));
    }

    [Fact]
    public void AvailableAgents_should_resort_when_the_strategy_changes()
    {
        var agents = AvailableAgents.Empty(RoutingStrategy.LongestIdle)
            .Add(Candidate("a", 0, callsHandled: 5)).Add(Candidate("b", 10, callsHandled: 1));
        Assert.Equal("a", agents.Pick(Skills(), null)!.AgentId.Value);
        Assert.Equal("b", agents.WithStrategy(RoutingStrategy.FewestCalls).Pick(Skills(), null)!.AgentId.Value);
    }

    [Fact]
    public void AvailableAgents_should_pick_only_the_named_agent_for_a_call_transferred_to_them()
    {
        var all = new[] { Candidate("a", 0), Candidate("b", 10) }.Aggregate(AvailableAgents.Empty(RoutingStrategy.LongestIdle), (s, c) => s.Add(c));

        Assert.Equal("b", all.Pick(Skills(), widenedTo: null, onlyAgent: Agent("b"))?.AgentId.Value);
        Assert.Null(all.Pick(Skills(), widenedTo: null, onlyAgent: Agent("c")));
    }

    [Fact]
    public void AvailableAgents_should_pick_the_named_agent_whatever_the_skills_but_not_without_a_phone_when_one_is_needed()
    {
        var all = AvailableAgents.Empty(RoutingStrategy.LongestIdle).Add(Candidate("a", 0, skills: Skills(("sales", 1))));

        Assert.Equal("a", all.Pick(Skills(("billing", 3)), widenedTo: null, onlyAgent: Agent("a"))?.AgentId.Value);
        Assert.Null(all.Pick(Skills(), widenedTo: null, needsPhone: true, onlyAgent: Agent("a")));
    }
}
