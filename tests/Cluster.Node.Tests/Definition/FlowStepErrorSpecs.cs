using static CallCenter.Node.Tests.Definition.FlowYaml;

namespace CallCenter.Node.Tests.Definition;

/// <summary>A badly written step stops start-up at its line, saying what is wrong.</summary>
public sealed class FlowStepErrorSpecs
{
    [Fact]
    public void FlowReader_should_name_the_line_of_a_step_without_an_id()
    {
        AssertAt(Error("""
            - {id: a, play: [welcome], next: a}
            - {play: [goodbye], next: a}
            """), StepLine(2), "a step of flow 'main' is missing required key 'id'");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_an_unknown_step_action()
    {
        AssertAt(Error("""
            - {id: a, hangup: true}
            - id: b
              record: true
            """), StepLine(3), "unknown key 'record' in step 'b' of flow 'main' (expected one of: id, play, menu,");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_step_without_an_action()
    {
        AssertAt(Error("""
            - {id: a, next: a}
            """), StepLine(1), "step 'a' of flow 'main' has no action");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_step_with_two_actions()
    {
        AssertAt(Error("""
            - id: a
              play: [welcome]
              hangup: true
            """), StepLine(3), "step 'a' of flow 'main' has two actions, play and hangup");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_next_on_a_step_that_has_none()
    {
        AssertAt(Error("""
            - {id: a, queue: billing, next: b}
            - {id: b, hangup: true}
            """), StepLine(1), "step 'a' of flow 'main' cannot have next");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_missing_next()
    {
        AssertAt(Error("""
            - {id: a, play: [welcome]}
            """), StepLine(1), "step 'a' of flow 'main' is missing required key 'next'");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_an_unknown_key_in_an_action()
    {
        AssertAt(Error("""
            - id: a
              menu: {play: [main-menu], options: {"1": a}, otherwise: a,
                     timeout: 5}
            """), StepLine(3), "unknown key 'timeout' in menu of step 'a' of flow 'main'");
    }

    [Theory]
    [InlineData("\"12\"")]
    [InlineData("a")]
    [InlineData("\"\"")]
    public void FlowReader_should_name_the_line_of_a_menu_option_that_is_not_one_key(string option)
    {
        AssertAt(Error($$"""
            - id: a
              menu:
                play: [main-menu]
                otherwise: a
                options:
                  {{option}}: a
            """), StepLine(6), "expected one key of 0-9, * or #");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_menu_option_given_twice()
    {
        AssertAt(Error("""
            - id: a
              menu: {play: [main-menu], otherwise: a,
                     options: {"1": a, " 1": a}}
            """), StepLine(3), "option '1' of menu of step 'a' of flow 'main' is given twice");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_collect_asking_for_more_digits_at_least_than_at_most()
    {
        AssertAt(Error("""
            - id: a
              collect: {play: [enter-account], into: account, maxDigits: 4, otherwise: a,
                        minDigits: 6}
              next: a
            """), StepLine(3), "minDigits of collect of step 'a' of flow 'main' is 6, more than maxDigits 4");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void FlowReader_should_name_the_line_of_a_collect_maximum_outside_1_to_32(int maxDigits)
    {
        AssertAt(Error($$"""
            - id: a
              collect: {play: [enter-account], into: account, otherwise: a,
                        maxDigits: {{maxDigits}}}
              next: a
            """), StepLine(3), $"maxDigits of collect of step 'a' of flow 'main' must be between 1 and 32, got {maxDigits}");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_collect_without_a_maximum()
    {
        AssertAt(Error("""
            - id: a
              collect: {play: [enter-account], into: account, otherwise: a}
              next: a
            """), StepLine(2), "collect of step 'a' of flow 'main' is missing required key 'maxDigits'");
    }

    [Fact]
    public void FlowReader_should_name_the_line_and_the_regex_error_of_a_bad_pattern()
    {
        var error = Error("""
            - id: a
              collect: {play: [enter-account], into: account, maxDigits: 4, otherwise: a,
                        pattern: "^[0-9+$"}
              next: a
            """);

        AssertAt(error, StepLine(3), "pattern of collect of step 'a' of flow 'main' is not a valid regular expression: ");
        Assert.Contains("Unterminated [] set", error.Reason);
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_terminator_that_is_not_a_key()
    {
        AssertAt(Error("""
            - id: a
              collect: {play: [enter-account], into: account, maxDigits: 4, otherwise: a,
                        terminator: enter}
              next: a
            """), StepLine(3), "terminator of collect of step 'a' of flow 'main' is 'enter': expected one key of 0-9, * or #");
    }

    [Theory]
    [InlineData("/accounts/{account}")]
    [InlineData("ftp://127.0.0.1/accounts")]
    [InlineData("not a url")]
    public void FlowReader_should_name_the_line_of_an_http_url_that_is_not_absolute_http(string url)
    {
        AssertAt(Error($$"""
            - id: a
              http: {into: customer, otherwise: a,
                     url: "{{url}}"}
              next: a
            """), StepLine(3), $"url of http of step 'a' of flow 'main' is '{url}': expected an absolute http or https URL");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_an_unknown_say_format()
    {
        AssertAt(Error("""
            - id: a
              say: {value: account, otherwise: a,
                    as: words}
              next: a
            """), StepLine(3), "unknown format 'words' for say of step 'a' of flow 'main' (expected one of: digits, number, amount)");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void FlowReader_should_name_the_line_of_a_priority_outside_0_to_100(int priority)
    {
        AssertAt(Error($$"""
            - id: a
              priority: {{priority}}
              next: a
            """), StepLine(2), $"priority of step 'a' of flow 'main' must be between 0 and 100, got {priority}");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_an_unknown_skill()
    {
        AssertAt(Error("""
            - id: a
              skills: {flying: 3}
              next: a
            """), StepLine(2), "skills of step 'a' of flow 'main' refers to unknown skill 'flying'");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void FlowReader_should_name_the_line_of_a_skill_proficiency_outside_1_to_5(int proficiency)
    {
        AssertAt(Error($$"""
            - id: a
              skills: {billing: {{proficiency}}}
              next: a
            """), StepLine(2), $"proficiency of skill 'billing' in skills of step 'a' of flow 'main' must be between 1 and 5, got {proficiency}");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_queue_step_naming_an_unknown_queue()
    {
        AssertAt(Error("""
            - id: a
              queue: biling
            """), StepLine(2), "queue of step 'a' of flow 'main' refers to unknown queue 'biling' (queues: billing, sales)");
    }

    [Theory]
    [InlineData("{digit: \"1\"}")]
    [InlineData("{to: b}")]
    public void FlowReader_should_name_the_line_of_a_queue_exit_without_both_digit_and_step(string exit)
    {
        AssertAt(Error($$"""
            - id: a
              queue: billing
              exit: {{exit}}
            - {id: b, hangup: true}
            """), StepLine(3), "exit of step 'a' of flow 'main' needs both digit");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_queue_exit_digit_that_is_not_a_key()
    {
        AssertAt(Error("""
            - id: a
              queue: billing
              exit: {digit: "10", to: b}
            - {id: b, hangup: true}
            """), StepLine(3), "digit of exit of step 'a' of flow 'main' is '10': expected one key of 0-9, * or #");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_an_exit_on_a_step_that_is_not_a_queue()
    {
        AssertAt(Error("""
            - id: a
              play: [welcome]
              next: b
              exit: {digit: "1", to: b}
            - {id: b, hangup: true}
            """), StepLine(4), "step 'a' of flow 'main' cannot have exit");
    }

    [Theory]
    [InlineData("+441134960999")]
    [InlineData("tel:+441134960999")]
    [InlineData("sip:192.0.2.10")]
    [InlineData("sip:+441134960999@")]
    public void FlowReader_should_name_the_line_of_a_transfer_to_something_other_than_a_sip_uri_with_user_and_host(string to)
    {
        AssertAt(Error($$"""
            - id: a
              transfer: {otherwise: b,
                         to: "{{to}}"}
            - {id: b, hangup: true}
            """), StepLine(3), $"to of transfer of step 'a' of flow 'main' is '{to}': expected a SIP URI with a user and a host");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_hangup_that_is_false()
    {
        AssertAt(Error("""
            - id: a
              hangup: false
            """), StepLine(2), "hangup of step 'a' of flow 'main' must be true");
    }
}
