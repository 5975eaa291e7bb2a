using System.Text.RegularExpressions;
using CallCenter.Actors.Definition;
using CallCenter.Gateway.Sip.Message;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Definition;

/// <summary>
/// Reads one step of a flow: <c>id</c>, exactly one action key, <c>next</c> exactly where the step kind goes on to a
/// next step, and <c>exit</c> on a queue step. Defaults come from the step records.
/// </summary>
internal sealed class StepReader(YamlSource source, KnownNames known, PromptFolder prompts, StepNames steps)
{
    public const string IdKey = "id";
    private const string NextKey = "next", ExitKey = "exit";
    private const string Play = "play", Menu = "menu", Collect = "collect", Http = "http", Say = "say", Set = "set",
        Priority = "priority", Skills = "skills", Branch = "branch", Queue = "queue", Transfer = "transfer", HangUp = "hangup";

    private static readonly string[] Actions = [Play, Menu, Collect, Http, Say, Set, Priority, Skills, Branch, Queue, Transfer, HangUp];

    /// <summary>The actions whose step goes on to <c>next</c>; the others lead elsewhere by their own keys, or nowhere.</summary>
    private static readonly string[] WithNext = [Play, Collect, Http, Say, Set, Priority, Skills];

    /// <summary>The keys a caller can press: the digits, star and hash.</summary>
    private const string DtmfKeys = "0123456789*#";

    private static readonly Dictionary<string, SayFormat> Formats = new(StringComparer.Ordinal)
    {
        ["digits"] = SayFormat.Digits,
        ["number"] = SayFormat.Number,
        ["amount"] = SayFormat.Amount,
    };

    public FlowStep Read(YamlNode node, string flow)
    {
        var id = source.Identity(node, IdKey, $"a step of {flow}");
        var what = $"step '{id}' of {flow}";
        var fields = source.Fields(node, what, [IdKey, .. Actions, NextKey, ExitKey]);
        var actions = Actions.Where(a => fields.Optional(a) is not null).ToList();
        if (actions.Count == 0)
            throw source.Fail(node, $"{what} has no action (expected one of: {string.Join(", ", Actions)})");
        if (actions.Count > 1)
            throw source.Fail(fields.Required(actions[1]), $"{what} has two actions, {actions[0]} and {actions[1]}: a step does one thing");

        var action = actions[0];
        if (!WithNext.Contains(action) && fields.Optional(NextKey) is { } next)
            throw source.Fail(next, $"{what} cannot have next: a {action} step leads on by its own keys, or nowhere");
        if (action != Queue && fields.Optional(ExitKey) is { } exit)
            throw source.Fail(exit, $"{what} cannot have exit: only a queue step has one");

        var body = fields.Required(action);
        string Next() => steps.Step(fields.Required(NextKey), $"next of {what}");
        FlowStep step = action switch
        {
            Play => new PlayStep(id, source.TextList(body, $"play of {what}", allowEmpty: false), Next()),
            Menu => ReadMenu(id, body, $"menu of {what}"),
            Collect => ReadCollect(id, body, $"collect of {what}", Next),
            Http => ReadHttp(id, body, $"http of {what}", Next),
            Say => ReadSay(id, body, $"say of {what}", Next),
            Set => new SetVariablesStep(id, Variables(body, $"set of {what}"), Next()),
            Priority => new SetPriorityStep(id, source.Int(body, $"priority of {what}", 0, EntryPointDefinition.MaxPriority), Next()),
            Skills => new SetSkillsStep(id, SkillLevels(body, $"skills of {what}"), Next()),
            Branch => ReadBranch(id, body, $"branch of {what}"),
            Queue => ReadQueue(id, body, fields.Optional(ExitKey), what),
            Transfer => ReadTransfer(id, body, $"transfer of {what}"),
            _ => ReadHangUp(id, body, $"hangup of {what}"),
        };
        prompts.RequireAll(body, step.Prompts, what);
        return step;
    }

    private MenuStep ReadMenu(string id, YamlNode body, string what)
    {
        var fields = source.Fields(body, what, Play, "options", "timeoutSeconds", "retries", "invalid", "otherwise");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var optionsNode = source.Mapping(fields.Required("options"), $"options of {what} (digit: step, e.g. {{\"1\": billing}})");
        foreach (var (keyNode, valueNode) in optionsNode.Children)
        {
            var digit = Dtmf(keyNode, $"an option of {what}");
            if (options.ContainsKey(digit))
                throw source.Fail(keyNode, $"option '{digit}' of {what} is given twice");
            options[digit] = steps.Step(valueNode, $"option '{digit}' of {what}");
        }
        if (options.Count == 0)
            throw source.Fail(optionsNode, $"options of {what} must offer at least one digit");

        return new MenuStep(
            id,
            source.TextList(fields.Required(Play), $"play of {what}", allowEmpty: false),
            options,
            fields.Int("timeoutSeconds", MenuStep.DefaultTimeoutSeconds, min: 1),
            fields.Int("retries", MenuStep.DefaultRetries, min: 0),
            Prompts(fields.Optional("invalid"), $"invalid of {what}"),
            steps.Step(fields.Required("otherwise"), $"otherwise of {what}"));
    }

    private CollectStep ReadCollect(string id, YamlNode body, string what, Func<string> next)
    {
        var fields = source.Fields(body, what, Play, "into", "minDigits", "maxDigits", "terminator", "timeoutSeconds", "pattern",
            "retries", "invalid", "otherwise");
        var maxDigits = source.Int(fields.Required("maxDigits"), $"maxDigits of {what}", 1, CollectStep.MaxLength);
        var minDigits = fields.Int("minDigits", 1, min: 1, max: CollectStep.MaxLength);
        if (minDigits > maxDigits)
            throw source.Fail(fields.Required("minDigits"), $"minDigits of {what} is {minDigits}, more than maxDigits {maxDigits}");

        return new CollectStep(
            id,
            source.TextList(fields.Required(Play), $"play of {what}", allowEmpty: false),
            fields.RequiredText("into"),
            minDigits,
            maxDigits,
            fields.Optional("terminator") is { } terminator ? Dtmf(terminator, $"terminator of {what}") : null,
            fields.Int("timeoutSeconds", CollectStep.DefaultTimeoutSeconds, min: 1),
            fields.Optional("pattern") is { } pattern ? Pattern(pattern, $"pattern of {what}") : null,
            fields.Int("retries", CollectStep.DefaultRetries, min: 0),
            Prompts(fields.Optional("invalid"), $"invalid of {what}"),
            next(),
            steps.Step(fields.Required("otherwise"), $"otherwise of {what}"));
    }

    private HttpStep ReadHttp(string id, YamlNode body, string what, Func<string> next)
    {
        var fields = source.Fields(body, what, "url", "timeoutMilliseconds", "into", "otherwise");
        return new HttpStep(
            id,
            Url(fields.Required("url"), $"url of {what}"),
            fields.Int("timeoutMilliseconds", HttpStep.DefaultTimeoutMilliseconds, min: 1),
            fields.RequiredText("into"),
            next(),
            steps.Step(fields.Required("otherwise"), $"otherwise of {what}"));
    }

    private SayStep ReadSay(string id, YamlNode body, string what, Func<string> next)
    {
        var fields = source.Fields(body, what, Play, "value", "as", "otherwise");
        return new SayStep(
            id,
            Prompts(fields.Optional(Play), $"play of {what}"),
            fields.RequiredText("value"),
            source.Keyword(fields.Required("as"), "format", what, Formats),
            next(),
            steps.Step(fields.Required("otherwise"), $"otherwise of {what}"));
    }

    private BranchStep ReadBranch(string id, YamlNode body, string what)
    {
        var fields = source.Fields(body, what, "on", "cases", "otherwise");
        var casesNode = source.Mapping(fields.Required("cases"), $"cases of {what} (value: step, e.g. {{gold: vip}})");
        var cases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in casesNode.Children)
        {
            var value = source.Text(keyNode, $"a case of {what}");
            cases[value] = steps.Step(valueNode, $"case '{value}' of {what}");
        }
        if (cases.Count == 0)
            throw source.Fail(casesNode, $"cases of {what} must have at least one case");
        return new BranchStep(id, fields.RequiredText("on"), cases, steps.Step(fields.Required("otherwise"), $"otherwise of {what}"));
    }

    /// <summary><c>queue: billing</c>, with an optional <c>exit: {digit, to}</c> beside it.</summary>
    private QueueStep ReadQueue(string id, YamlNode body, YamlNode? exit, string what)
    {
        var queue = known.Queue(body, $"queue of {what}");
        if (exit is null)
            return new QueueStep(id, queue, ExitDigit: null, ExitTo: null);

        var exitWhat = $"exit of {what}";
        var fields = source.Fields(exit, exitWhat, "digit", "to");
        if ((fields.Optional("digit") is null) != (fields.Optional("to") is null))
            throw source.Fail(exit, $"{exitWhat} needs both digit (what the caller presses) and to (the step it leads to)");
        return new QueueStep(
            id,
            queue,
            Dtmf(fields.Required("digit"), $"digit of {exitWhat}"),
            steps.Step(fields.Required("to"), $"to of {exitWhat}"));
    }

    private TransferStep ReadTransfer(string id, YamlNode body, string what)
    {
        var fields = source.Fields(body, what, "to", "otherwise");
        var to = fields.Required("to");
        var target = source.Text(to, $"to of {what}");
        if (UriReference.Parse(target) is not SipUri { User.Length: > 0, Host.Length: > 0 })
            throw source.Fail(to,
                $"to of {what} is '{target}': expected a SIP URI with a user and a host, such as sip:+441134960999@192.0.2.10");
        return new TransferStep(id, target, steps.Step(fields.Required("otherwise"), $"otherwise of {what}"));
    }

    private HangUpStep ReadHangUp(string id, YamlNode body, string what) =>
        source.Bool(body, what)
            ? new HangUpStep(id)
            : throw source.Fail(body, $"{what} must be true (a step that does not hang up needs another action)");

    private List<string> Prompts(YamlNode? node, string what) =>
        node is null ? [] : source.TextList(node, what, allowEmpty: true);

    /// <summary>Variables to set: <c>{tier: gold, source: "ivr-{account}"}</c>; an empty value clears one.</summary>
    private Dictionary<string, string> Variables(YamlNode node, string what)
    {
        var mapping = source.Mapping(node, $"{what} (variable: value, e.g. {{tier: gold}})");
        if (mapping.Children.Count == 0)
            throw source.Fail(node, $"{what} must set at least one variable");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var variable = source.Text(keyNode, $"a variable of {what}");
            values[variable] = source.OptionalScalar(valueNode, $"variable '{variable}' of {what}") ?? "";
        }
        return values;
    }

    private IReadOnlyDictionary<string, int> SkillLevels(YamlNode node, string what)
    {
        var levels = known.SkillLevels(node, what);
        return levels.Count > 0 ? levels : throw source.Fail(node, $"{what} must name at least one skill");
    }

    /// <summary>One key a caller can press; <c>*</c> and <c>#</c> must be quoted in YAML.</summary>
    private string Dtmf(YamlNode node, string what)
    {
        var text = source.OptionalScalar(node, what)?.Trim();
        return text is { Length: 1 } && DtmfKeys.Contains(text[0])
            ? text
            : throw source.Fail(node, $"{what} is '{text}': expected one key of 0-9, * or # (quoted: \"#\")");
    }

    private string Pattern(YamlNode node, string what)
    {
        var pattern = source.Text(node, what);
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return pattern;
        }
        catch (ArgumentException e)
        {
            throw source.Fail(node, $"{what} is not a valid regular expression: {e.Message}");
        }
    }

    /// <summary>An absolute http(s) URL once its <c>{variables}</c> are filled in (a sample value stands in for each).</summary>
    private string Url(YamlNode node, string what)
    {
        var url = source.Text(node, what);
        var filled = Regex.Replace(url, @"\{[^{}]*\}", "x");
        return Uri.TryCreate(filled, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? url
            : throw source.Fail(node,
                $"{what} is '{url}': expected an absolute http or https URL, such as http://127.0.0.1:8099/accounts/{{account}}");
    }
}
