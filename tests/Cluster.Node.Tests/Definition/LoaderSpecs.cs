using CallCenter.Actors.Definition;
using CallCenter.Node.Definition;

namespace CallCenter.Node.Tests.Definition;

/// <summary>What a correct definition turns into.</summary>
public sealed class LoaderSpecs
{
    private const string Yaml = """
        skills: [billing, sales]
        notReadyReasons: [break, lunch]
        queues:
          - name: billing
            strategy: most-skilled
            skills: {billing: 2}
            ringTimeoutSeconds: 12
            wrapUpSeconds: 0
            autoReadyAfterWrapUp: false
            serviceLevelSeconds: 25
            maxWaitingCalls: 100
            maxWaitSeconds: 600
            whenFullOrTooLong: general
            overflow:
              - {afterSeconds: 120, moveTo: general}
              - {afterSeconds: 30, minProficiency: 1}
          - name: general
        agents:
          - id: 1001
            name: Alice Smith
            password: "alice-secret"
            site: london
            role: supervisor
            skills: {billing: 5, sales: 3}
            queues: [billing, general]
          - id: "1002"
            name: Bob
            site: madrid
        """;

    private static ContactCenterDefinition Load() => ContactCenterDefinitionLoader.Parse(Yaml, "test.yaml");

    [Fact]
    public void Loader_should_read_skills_in_file_order()
    {
        Assert.Equal(["billing", "sales"], Load().Skills);
    }

    [Fact]
    public void Loader_should_add_the_platform_not_ready_reasons()
    {
        Assert.Equal(["break", "lunch", NotReadyReasonCodes.NoAnswer, NotReadyReasonCodes.Supervisor, NotReadyReasonCodes.Rejected, NotReadyReasonCodes.PhoneUnreachable], Load().NotReadyReasons);
    }

    [Fact]
    public void Loader_should_read_every_queue_setting()
    {
        var billing = Load().Queues[0];

        Assert.Equal("billing", billing.Name);
        Assert.Equal(RoutingStrategyKind.MostSkilled, billing.Strategy);
        Assert.Equal(new Dictionary<string, int> { ["billing"] = 2 }, billing.RequiredSkills);
        Assert.Equal((12, 0, false, 25), (billing.RingTimeoutSeconds, billing.WrapUpSeconds, billing.AutoReadyAfterWrapUp, billing.ServiceLevelSeconds));
        Assert.Equal((100, 600, "general"), (billing.MaxWaitingCalls, billing.MaxWaitSeconds, billing.WhenFullOrTooLong));
    }

    [Fact]
    public void Loader_should_order_overflow_rules_by_their_delay()
    {
        Assert.Equal(
            [new OverflowRule(30, MinProficiency: 1, MoveToQueue: null), new OverflowRule(120, MinProficiency: null, MoveToQueue: "general")],
            Load().Queues[0].Overflow);
    }

    [Fact]
    public void Loader_should_give_a_bare_queue_the_documented_defaults()
    {
        var general = Load().Queues[1];

        var expected = QueueDefinition.Named("general");
        Assert.Equal(
            (expected.Strategy, expected.RingTimeoutSeconds, expected.WrapUpSeconds, expected.AutoReadyAfterWrapUp, expected.ServiceLevelSeconds),
            (general.Strategy, general.RingTimeoutSeconds, general.WrapUpSeconds, general.AutoReadyAfterWrapUp, general.ServiceLevelSeconds));
        Assert.Equal((null, null, null), (general.MaxWaitingCalls, general.MaxWaitSeconds, general.WhenFullOrTooLong));
        Assert.Empty(general.RequiredSkills);
        Assert.Empty(general.Overflow);
    }

    [Fact]
    public void Loader_should_read_every_agent_setting()
    {
        var alice = Load().Agents[0];

        Assert.Equal(("1001", "Alice Smith", "alice-secret", "london", AgentRole.Supervisor), (alice.Id, alice.Name, alice.Password, alice.Site, alice.Role));
        Assert.Equal(new Dictionary<string, int> { ["billing"] = 5, ["sales"] = 3 }, alice.Skills);
        Assert.Equal(["billing", "general"], alice.Queues);
    }

    [Fact]
    public void Loader_should_make_an_agent_without_role_skills_or_queues_a_plain_agent_of_nothing()
    {
        var bob = Load().Agents[1];

        Assert.Equal((AgentRole.Agent, null), (bob.Role, bob.Password));
        Assert.Empty(bob.Skills);
        Assert.Empty(bob.Queues);
    }
}
