using static CallCenter.Node.Tests.Definition.FlowYaml;

namespace CallCenter.Node.Tests.Definition;

/// <summary>
/// A flow whose steps do not hold together (a name given twice, a step that leads nowhere or is never reached, a loop
/// that never waits for the caller) stops start-up at the line to fix.
/// </summary>
public sealed class FlowGraphErrorSpecs
{
    [Fact]
    public void FlowReader_should_name_the_line_of_a_duplicate_flow_name()
    {
        AssertAt(ErrorIn("""
            flows:
              - {name: main, start: a, steps: [{id: a, hangup: true}]}
              - {name: main, start: a, steps: [{id: a, hangup: true}]}
            """), 3, "duplicate flow name 'main'");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_duplicate_step_id()
    {
        AssertAt(Error("""
            - {id: a, play: [welcome], next: a}
            - {id: b, hangup: true}
            - {id: a, hangup: true}
            """), StepLine(3), "duplicate step id 'a' in flow 'main'");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_start_naming_no_step()
    {
        AssertAt(Error("""
            - {id: b, hangup: true}
            """), 7 /* start: a */, "start of flow 'main' refers to unknown step 'a' (steps of flow 'main': b)");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_flow_without_steps()
    {
        AssertAt(ErrorIn("""
            flows:
              - {name: main, start: a, steps: []}
            """), 2, "flow 'main' needs at least one step");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_next_naming_no_step()
    {
        AssertAt(Error("""
            - {id: a, play: [welcome], next: b}
            - {id: b, play: [goodbye], next: nowhere}
            """), StepLine(2), "next of step 'b' of flow 'main' refers to unknown step 'nowhere' (steps of flow 'main': a, b)");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_menu_option_naming_no_step()
    {
        AssertAt(Error("""
            - id: a
              menu: {play: [main-menu], otherwise: a,
                     options: {"1": a, "2": sales}}
            """), StepLine(3), "option '2' of menu of step 'a' of flow 'main' refers to unknown step 'sales'");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_an_otherwise_naming_no_step()
    {
        AssertAt(Error("""
            - id: a
              menu: {play: [main-menu], options: {"1": a},
                     otherwise: operator}
            """), StepLine(3), "otherwise of menu of step 'a' of flow 'main' refers to unknown step 'operator'");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_branch_case_naming_no_step()
    {
        AssertAt(Error("""
            - id: a
              branch: {on: tier, otherwise: b,
                       cases: {gold: vip}}
            - {id: b, hangup: true}
            """), StepLine(3), "case 'gold' of branch of step 'a' of flow 'main' refers to unknown step 'vip'");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_queue_exit_naming_no_step()
    {
        AssertAt(Error("""
            - id: a
              queue: billing
              exit: {digit: "1", to: voicemail}
            """), StepLine(3), "to of exit of step 'a' of flow 'main' refers to unknown step 'voicemail'");
    }

    [Fact]
    public void FlowReader_should_name_the_line_of_a_step_never_reached_from_the_start()
    {
        AssertAt(Error("""
            - {id: a, play: [welcome], next: c}
            - {id: b, play: [goodbye], next: c}
            - {id: c, hangup: true}
            """), StepLine(2), "step 'b' of flow 'main' is never reached");
    }

    [Fact]
    public void FlowReader_should_follow_every_way_out_of_a_step_to_find_the_steps_reached()
    {
        var flow = MainFlow("""
            - id: a
              menu: {play: [main-menu], options: {"1": b}, otherwise: c}
            - {id: b, queue: billing, exit: {digit: "0", to: d}}
            - {id: c, transfer: {to: "sip:desk@192.0.2.10", otherwise: e}}
            - {id: d, branch: {on: tier, cases: {gold: f}, otherwise: e}}
            - {id: e, hangup: true}
            - {id: f, hangup: true}
            """);

        Assert.Equal(6, flow.Steps.Count);
    }

    [Fact]
    public void FlowReader_should_name_the_loop_of_steps_that_never_wait_for_the_caller()
    {
        AssertAt(Error("""
            - {id: a, play: [welcome], next: b}
            - {id: b, set: {tier: gold}, next: c}
            - {id: c, branch: {on: tier, cases: {gold: d}, otherwise: e}}
            - {id: d, priority: 10, next: b}
            - {id: e, hangup: true}
            """), StepLine(2), "steps b -> c -> d -> b loop without waiting for the caller");
    }

    [Fact]
    public void FlowReader_should_name_a_step_that_leads_to_itself_without_waiting()
    {
        AssertAt(Error("""
            - {id: a, skills: {billing: 1}, next: a}
            """), StepLine(1), "steps a -> a loop without waiting for the caller");
    }

    [Fact]
    public void FlowReader_should_accept_a_loop_that_waits_for_the_caller()
    {
        var flow = MainFlow("""
            - id: a
              menu: {play: [main-menu], options: {"1": b, "9": a}, otherwise: c}
            - {id: b, set: {tier: gold}, next: a}
            - {id: c, hangup: true}
            """);

        Assert.Equal(["a", "b", "c"], flow.Steps.Select(s => s.Id));
    }
}
