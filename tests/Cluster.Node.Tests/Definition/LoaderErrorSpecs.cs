using CallCenter.Node.Definition;

namespace CallCenter.Node.Tests.Definition;

/// <summary>Every kind of mistake in a definition names the file, the line and column, and the reason.</summary>
public sealed class LoaderErrorSpecs
{
    private const string File = "config/test.yaml";

    private static DefinitionException Load(string yaml) =>
        Assert.Throws<DefinitionException>(() => ContactCenterDefinitionLoader.Parse(yaml, File));

    private static void AssertError(DefinitionException error, int line, int column, string reason)
    {
        Assert.Equal(File, error.File);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason);
        Assert.StartsWith($"{File}:{line}:{column}: ", error.Message);
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_a_yaml_syntax_error()
    {
        var error = Load("""
            skills: [billing]
            queues:
              - name: billing
               strategy: longest-idle
            """);
        Assert.Equal(File, error.File);
        Assert.Equal(4, error.Line);
        Assert.StartsWith("invalid YAML: ", error.Reason);
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_an_unclosed_list()
    {
        var error = Load("""
            notReadyReasons: [break]
            skills: [billing
            queues: []
            """);
        Assert.Equal(File, error.File);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("invalid YAML: ", error.Reason);
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_a_duplicate_key()
    {
        var error = Load("""
            skills: [billing]
            skills: [sales]
            """);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("invalid YAML: ", error.Reason);
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_an_unknown_top_level_key()
    {
        AssertError(Load("""
            skills: [billing]
            queus: []
            """), 2, 1, "unknown key 'queus' in the definition");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_an_unknown_queue_key()
    {
        AssertError(Load("""
            queues:
              - name: billing
                ringTimeout: 15
            """), 3, 5, "unknown key 'ringTimeout' in queue 'billing'");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_an_unknown_agent_key()
    {
        AssertError(Load("""
            agents:
              - id: "1001"
                name: Alice
                site: london
                skill: {}
            """), 5, 5, "unknown key 'skill' in agent '1001'");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_a_number_that_is_not_a_number()
    {
        AssertError(Load("""
            queues:
              - name: billing
                ringTimeoutSeconds: fifteen
            """), 3, 25, "ringTimeoutSeconds of queue 'billing' must be a whole number, got 'fifteen'");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_a_boolean_that_is_not_a_boolean()
    {
        AssertError(Load("""
            queues:
              - name: billing
                autoReadyAfterWrapUp: sometimes
            """), 3, 27, "must be true or false, got 'sometimes'");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_a_list_where_a_mapping_belongs()
    {
        AssertError(Load("""
            skills: [billing]
            queues:
              - name: billing
                skills: [billing]
            """), 4, 13, "skills of queue 'billing'");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_a_mapping_where_a_list_belongs()
    {
        AssertError(Load("""
            queues: {name: billing}
            """), 1, 9, "queues must be a list");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_an_unknown_strategy()
    {
        AssertError(Load("""
            queues:
              - name: billing
                strategy: fastest
            """), 3, 15, "unknown strategy 'fastest' for queue 'billing'");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_an_unknown_role()
    {
        AssertError(Load("""
            agents:
              - id: "1001"
                name: Alice
                site: london
                role: boss
            """), 5, 11, "unknown role 'boss' for agent '1001'");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Loader_should_name_file_and_line_for_a_proficiency_outside_1_to_5(int proficiency)
    {
        AssertError(Load($$"""
            skills: [billing]
            agents:
              - id: "1001"
                name: Alice
                site: london
                skills: {billing: {{proficiency}}}
            """), 6, 23, $"proficiency of skill 'billing' in skills of agent '1001' must be between 1 and 5, got {proficiency}");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_an_unknown_skill()
    {
        AssertError(Load("""
            skills: [billing]
            queues:
              - name: billing
                skills: {biling: 1}
            """), 4, 14, "skills of queue 'billing' refers to unknown skill 'biling'");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_an_unknown_queue_in_an_agent()
    {
        AssertError(Load("""
            queues:
              - name: billing
            agents:
              - id: "1001"
                name: Alice
                site: london
                queues: [billing, sale]
            """), 7, 23, "queues of agent '1001' refers to unknown queue 'sale'");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_a_duplicate_queue_name()
    {
        AssertError(Load("""
            queues:
              - name: billing
              - name: sales
              - name: billing
            """), 4, 5, "duplicate queue name 'billing'");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_a_duplicate_agent_id()
    {
        AssertError(Load("""
            agents:
              - {id: "1001", name: Alice, site: london}
              - {id: "1001", name: Bob, site: london}
            """), 3, 5, "duplicate agent id '1001'");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_an_overflow_rule_with_neither_action()
    {
        AssertError(Load("""
            queues:
              - name: billing
                overflow:
                  - {afterSeconds: 30}
            """), 4, 9, "overflow rule 1 of queue 'billing' must have exactly one of minProficiency or moveTo");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_an_overflow_rule_with_both_actions()
    {
        AssertError(Load("""
            queues:
              - name: billing
              - name: general
                overflow:
                  - {afterSeconds: 30, minProficiency: 1}
                  - {afterSeconds: 60, minProficiency: 1, moveTo: billing}
            """), 6, 9, "overflow rule 2 of queue 'general' must have exactly one of minProficiency or moveTo");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_a_move_to_the_queue_itself()
    {
        AssertError(Load("""
            queues:
              - name: billing
                overflow:
                  - {afterSeconds: 30, moveTo: billing}
            """), 4, 36, "moveTo of overflow rule 1 of queue 'billing' points at the queue itself");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_a_move_to_an_unknown_queue()
    {
        AssertError(Load("""
            queues:
              - name: billing
                overflow:
                  - {afterSeconds: 30, moveTo: genral}
            """), 4, 36, "refers to unknown queue 'genral'");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_when_full_pointing_at_the_queue_itself()
    {
        AssertError(Load("""
            queues:
              - name: billing
                maxWaitingCalls: 10
                whenFullOrTooLong: billing
            """), 4, 24, "whenFullOrTooLong of queue 'billing' points at the queue itself");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_when_full_pointing_at_an_unknown_queue()
    {
        AssertError(Load("""
            queues:
              - name: billing
                whenFullOrTooLong: nowhere
            """), 3, 24, "whenFullOrTooLong of queue 'billing' refers to unknown queue 'nowhere'");
    }

    [Theory]
    [InlineData("ringTimeoutSeconds: -1", 25, "ringTimeoutSeconds of queue 'billing' must be at least 1, got -1")]
    [InlineData("wrapUpSeconds: -5", 20, "wrapUpSeconds of queue 'billing' must be at least 0, got -5")]
    [InlineData("serviceLevelSeconds: -20", 26, "serviceLevelSeconds of queue 'billing' must be at least 1, got -20")]
    [InlineData("maxWaitSeconds: -600", 21, "maxWaitSeconds of queue 'billing' must be at least 1, got -600")]
    public void Loader_should_name_file_and_line_for_a_negative_timing(string timing, int column, string reason)
    {
        AssertError(Load($"""
            queues:
              - name: billing
                {timing}
            """), 3, column, reason);
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_a_negative_overflow_delay()
    {
        AssertError(Load("""
            queues:
              - name: billing
                overflow:
                  - {afterSeconds: -30, minProficiency: 1}
            """), 4, 24, "afterSeconds of overflow rule 1 of queue 'billing' must be at least 0, got -30");
    }

    [Fact]
    public void Loader_should_name_file_and_line_for_an_agent_without_a_site()
    {
        AssertError(Load("""
            agents:
              - id: "1001"
                name: Alice
            """), 2, 5, "agent '1001' is missing required key 'site'");
    }

    [Fact]
    public void Loader_should_name_the_first_line_of_an_empty_file()
    {
        AssertError(Load(""), 1, 1, "the file is empty");
    }

    [Fact]
    public void Loader_should_name_the_full_path_of_a_missing_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.yaml");
        var error = Assert.Throws<StartupException>(() => ContactCenterDefinitionLoader.LoadFile(path, RepositoryFiles.Prompts));
        Assert.Contains(path, error.Message);
        Assert.Contains("CallCenter:Definition:Path", error.Message);
    }
}
