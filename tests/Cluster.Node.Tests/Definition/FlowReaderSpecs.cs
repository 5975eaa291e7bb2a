using CallCenter.Actors.Definition;
using CallCenter.Node.Definition;
using static CallCenter.Node.Tests.Definition.FlowYaml;

namespace CallCenter.Node.Tests.Definition;

/// <summary>What each kind of flow step turns into, and the defaults of what it leaves out.</summary>
public sealed class FlowReaderSpecs
{
    [Fact]
    public void FlowReader_should_read_a_flow_with_its_start_and_steps_in_file_order()
    {
        var flow = MainFlow("""
            - {id: a, play: [welcome], next: b}
            - {id: b, hangup: true}
            """);

        Assert.Equal(("main", "a"), (flow.Name, flow.Start));
        Assert.Equal(["a", "b"], flow.Steps.Select(s => s.Id));
    }

    [Fact]
    public void FlowReader_should_read_a_play_step()
    {
        var play = (PlayStep)MainFlow("""
            - {id: a, play: [welcome, main-menu], next: b}
            - {id: b, hangup: true}
            """).Step("a")!;

        Assert.Equal(["welcome", "main-menu"], play.Play);
        Assert.Equal("b", play.Next);
    }

    [Fact]
    public void FlowReader_should_give_a_menu_its_default_timeout_retries_and_no_invalid_prompt()
    {
        var menu = (MenuStep)MainFlow("""
            - {id: a, menu: {play: [main-menu], options: {"1": b, "*": b, "#": b}, otherwise: b}}
            - {id: b, hangup: true}
            """).Step("a")!;

        Assert.Equal(["main-menu"], menu.Play);
        Assert.Equal(new Dictionary<string, string> { ["1"] = "b", ["*"] = "b", ["#"] = "b" }, menu.Options);
        Assert.Equal((MenuStep.DefaultTimeoutSeconds, MenuStep.DefaultRetries, "b"), (menu.TimeoutSeconds, menu.Retries, menu.Otherwise));
        Assert.Empty(menu.Invalid);
    }

    [Fact]
    public void FlowReader_should_read_every_menu_setting()
    {
        var menu = (MenuStep)MainFlow("""
            - id: a
              menu: {play: [main-menu], timeoutSeconds: 7, retries: 0, invalid: [invalid-choice], otherwise: c,
                     options: {"1": b, "2": c}}
            - {id: b, hangup: true}
            - {id: c, hangup: true}
            """).Step("a")!;

        Assert.Equal((7, 0, "c"), (menu.TimeoutSeconds, menu.Retries, menu.Otherwise));
        Assert.Equal(["invalid-choice"], menu.Invalid);
        Assert.Equal(["b", "c", "c"], menu.NextSteps);
    }

    [Fact]
    public void FlowReader_should_give_a_collect_its_default_timeout_retries_and_minimum_of_one_digit()
    {
        var collect = (CollectStep)MainFlow("""
            - {id: a, collect: {play: [enter-account], into: account, maxDigits: 10, otherwise: c}, next: b}
            - {id: b, hangup: true}
            - {id: c, hangup: true}
            """).Step("a")!;

        Assert.Equal(("account", 1, 10), (collect.Into, collect.MinDigits, collect.MaxDigits));
        Assert.Equal((CollectStep.DefaultTimeoutSeconds, CollectStep.DefaultRetries), (collect.TimeoutSeconds, collect.Retries));
        Assert.Equal((null, null), (collect.Terminator, collect.Pattern));
        Assert.Empty(collect.Invalid);
        Assert.Equal(("b", "c"), (collect.Next, collect.Otherwise));
    }

    [Fact]
    public void FlowReader_should_read_every_collect_setting()
    {
        var collect = (CollectStep)MainFlow("""
            - id: a
              collect: {play: [enter-account], into: account, minDigits: 4, maxDigits: 10, terminator: "#", timeoutSeconds: 6,
                        pattern: "^[0-9]+$", retries: 1, invalid: [invalid-choice], otherwise: b}
              next: b
            - {id: b, hangup: true}
            """).Step("a")!;

        Assert.Equal((4, 10, "#"), (collect.MinDigits, collect.MaxDigits, collect.Terminator));
        Assert.Equal((6, "^[0-9]+$", 1), (collect.TimeoutSeconds, collect.Pattern, collect.Retries));
        Assert.Equal(["enter-account", "invalid-choice"], collect.Prompts);
    }

    [Fact]
    public void FlowReader_should_give_an_http_step_the_default_timeout()
    {
        var http = (HttpStep)MainFlow("""
            - {id: a, http: {url: "http://127.0.0.1:8099/accounts/{account}", into: customer, otherwise: c}, next: b}
            - {id: b, hangup: true}
            - {id: c, hangup: true}
            """).Step("a")!;

        Assert.Equal(new HttpStep("a", "http://127.0.0.1:8099/accounts/{account}", HttpStep.DefaultTimeoutMilliseconds, "customer", "b", "c"), http);
    }

    [Fact]
    public void FlowReader_should_read_an_http_step_timeout()
    {
        var http = (HttpStep)MainFlow("""
            - {id: a, http: {url: "https://crm.example/{x}/{y}", timeoutMilliseconds: 1500, into: customer, otherwise: b}, next: b}
            - {id: b, hangup: true}
            """).Step("a")!;

        Assert.Equal(1500, http.TimeoutMilliseconds);
    }

    [Theory]
    [InlineData("digits", SayFormat.Digits)]
    [InlineData("number", SayFormat.Number)]
    [InlineData("amount", SayFormat.Amount)]
    public void FlowReader_should_read_a_say_step_in_each_format(string format, SayFormat expected)
    {
        var say = (SayStep)MainFlow($$"""
            - {id: a, say: {play: [balance-is], value: customer.balance, as: {{format}}, otherwise: c}, next: b}
            - {id: b, hangup: true}
            - {id: c, hangup: true}
            """).Step("a")!;

        Assert.Equal(("customer.balance", expected, "b", "c"), (say.Variable, say.As, say.Next, say.Otherwise));
        Assert.Equal(["balance-is"], say.Play);
    }

    [Fact]
    public void FlowReader_should_let_a_say_step_play_nothing_before_the_value()
    {
        var say = (SayStep)MainFlow("""
            - {id: a, say: {value: account, as: digits, otherwise: b}, next: b}
            - {id: b, hangup: true}
            """).Step("a")!;

        Assert.Empty(say.Play);
    }

    [Fact]
    public void FlowReader_should_read_a_set_step_keeping_braces_for_the_engine()
    {
        var set = (SetVariablesStep)MainFlow("""
            - {id: a, set: {tier: gold, source: "ivr-{account}", note: ""}, next: b}
            - {id: b, hangup: true}
            """).Step("a")!;

        Assert.Equal(new Dictionary<string, string> { ["tier"] = "gold", ["source"] = "ivr-{account}", ["note"] = "" }, set.Values);
        Assert.Equal("b", set.Next);
    }

    [Fact]
    public void FlowReader_should_read_a_priority_step()
    {
        Assert.Equal(new SetPriorityStep("a", 50, "b"), MainFlow("""
            - {id: a, priority: 50, next: b}
            - {id: b, hangup: true}
            """).Step("a"));
    }

    [Fact]
    public void FlowReader_should_read_a_skills_step()
    {
        var skills = (SetSkillsStep)MainFlow("""
            - {id: a, skills: {billing: 3, sales: 1}, next: b}
            - {id: b, hangup: true}
            """).Step("a")!;

        Assert.Equal(new Dictionary<string, int> { ["billing"] = 3, ["sales"] = 1 }, skills.Skills);
    }

    [Fact]
    public void FlowReader_should_read_a_branch_step()
    {
        var branch = (BranchStep)MainFlow("""
            - {id: a, branch: {on: customer.tier, cases: {gold: b, silver: c}, otherwise: c}}
            - {id: b, hangup: true}
            - {id: c, hangup: true}
            """).Step("a")!;

        Assert.Equal(("customer.tier", "c"), (branch.Variable, branch.Otherwise));
        Assert.Equal(new Dictionary<string, string> { ["gold"] = "b", ["silver"] = "c" }, branch.Cases);
    }

    [Fact]
    public void FlowReader_should_read_a_queue_step_without_an_exit()
    {
        Assert.Equal(new QueueStep("a", "billing", ExitDigit: null, ExitTo: null), MainFlow("""
            - {id: a, queue: billing}
            """).Step("a"));
    }

    [Fact]
    public void FlowReader_should_read_a_queue_step_exit()
    {
        Assert.Equal(new QueueStep("a", "billing", "1", "b"), MainFlow("""
            - {id: a, queue: billing, exit: {digit: "1", to: b}}
            - {id: b, hangup: true}
            """).Step("a"));
    }

    [Fact]
    public void FlowReader_should_read_a_transfer_step()
    {
        Assert.Equal(new TransferStep("a", "sip:+441134960999@192.0.2.10", "b"), MainFlow("""
            - {id: a, transfer: {to: "sip:+441134960999@192.0.2.10", otherwise: b}}
            - {id: b, hangup: true}
            """).Step("a"));
    }

    [Fact]
    public void FlowReader_should_read_a_hangup_step()
    {
        Assert.Equal(new HangUpStep("a"), MainFlow("""
            - {id: a, hangup: true}
            """).Step("a"));
    }

    [Fact]
    public void FlowReader_should_not_look_for_a_file_for_a_prompt_that_says_a_value()
    {
        var step = (PlayStep)MainFlow("""
            - {id: a, play: [balance-is, "amount:12.50", "digits:1234"], next: b}
            - {id: b, hangup: true}
            """).Step("a")!;

        Assert.Equal(["balance-is", "amount:12.50", "digits:1234"], step.Play);
    }

    [Fact]
    public void FlowReader_should_read_several_flows()
    {
        var definition = ContactCenterDefinitionLoader.Parse("""
            flows:
              - {name: one, start: a, steps: [{id: a, hangup: true}]}
              - {name: two, start: b, steps: [{id: b, hangup: true}]}
            """, FileName, RepositoryFiles.Prompts);

        Assert.Equal(["one", "two"], definition.Flows.Select(f => f.Name));
        Assert.Equal("b", definition.FlowFor("two")!.Start);
    }
}
