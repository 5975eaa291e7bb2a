namespace CallCenter.Actors.Definition;

/// <summary>
/// An IVR flow: steps a call goes through before (or instead of) a queue, run by the call's entity. Data, not code:
/// read from the definition's <c>flows:</c> and checked at start-up (every step reachable by name, prompts shipped).
/// </summary>
public sealed record IvrFlowDefinition(string Name, string Start, IReadOnlyList<FlowStep> Steps)
{
    /// <summary>The step named <paramref name="id"/>, or null.</summary>
    public FlowStep? Step(string id) => Steps.FirstOrDefault(s => s.Id == id);
}

/// <summary>
/// One step of a flow. A prompt is a prompt file's name (<c>welcome</c> plays <c>config/prompts/welcome.wav</c>) or a
/// value to say: <c>digits:1234</c>, <c>number:42</c>, <c>amount:12.50</c> (see <see cref="PromptValue"/>).
/// </summary>
public abstract record FlowStep(string Id)
{
    /// <summary>Every step this one can lead to.</summary>
    public abstract IEnumerable<string> NextSteps { get; }

    /// <summary>Every prompt file this step plays.</summary>
    public virtual IEnumerable<string> Prompts => [];
}

/// <summary>Plays prompts, then goes on.</summary>
public sealed record PlayStep(string Id, IReadOnlyList<string> Play, string Next) : FlowStep(Id)
{
    public override IEnumerable<string> NextSteps => [Next];
    public override IEnumerable<string> Prompts => Play;
}

/// <summary>
/// Plays a menu and waits for one digit (a digit during the prompt cuts it short). A digit with no option, or none
/// within <see cref="TimeoutSeconds"/>, plays <see cref="Invalid"/> and asks again, up to <see cref="Retries"/> more
/// times; then the call goes to <see cref="Otherwise"/>.
/// </summary>
public sealed record MenuStep(
    string Id,
    IReadOnlyList<string> Play,
    IReadOnlyDictionary<string, string> Options,
    int TimeoutSeconds,
    int Retries,
    IReadOnlyList<string> Invalid,
    string Otherwise) : FlowStep(Id)
{
    public const int DefaultTimeoutSeconds = 5;
    public const int DefaultRetries = 2;

    public override IEnumerable<string> NextSteps => [.. Options.Values, Otherwise];
    public override IEnumerable<string> Prompts => [.. Play, .. Invalid];
}

/// <summary>
/// Plays a prompt and collects <see cref="MinDigits"/> to <see cref="MaxDigits"/> digits, ended early by the
/// <see cref="Terminator"/> (not kept) or by <see cref="TimeoutSeconds"/> without a digit. Digits matching
/// <see cref="Pattern"/> (a regular expression over the whole input; none: any) are stored in the call's variable
/// <see cref="Into"/> and the call goes to <see cref="Next"/>; otherwise <see cref="Invalid"/> is played and the
/// caller asked again, up to <see cref="Retries"/> more times, then the call goes to <see cref="Otherwise"/>.
/// </summary>
public sealed record CollectStep(
    string Id,
    IReadOnlyList<string> Play,
    string Into,
    int MinDigits,
    int MaxDigits,
    string? Terminator,
    int TimeoutSeconds,
    string? Pattern,
    int Retries,
    IReadOnlyList<string> Invalid,
    string Next,
    string Otherwise) : FlowStep(Id)
{
    public const int DefaultTimeoutSeconds = 8;
    public const int DefaultRetries = 2;
    public const int MaxLength = 32;

    public override IEnumerable<string> NextSteps => [Next, Otherwise];
    public override IEnumerable<string> Prompts => [.. Play, .. Invalid];
}

/// <summary>Sets call variables; a value may name other variables in braces (<c>"{account}-vip"</c>).</summary>
public sealed record SetVariablesStep(string Id, IReadOnlyDictionary<string, string> Values, string Next) : FlowStep(Id)
{
    public override IEnumerable<string> NextSteps => [Next];
}

/// <summary>Sets the call's priority (0-100, higher first) for the queue it goes to.</summary>
public sealed record SetPriorityStep(string Id, int Priority, string Next) : FlowStep(Id)
{
    public override IEnumerable<string> NextSteps => [Next];
}

/// <summary>Adds (or raises) skills the call requires of its agent.</summary>
public sealed record SetSkillsStep(string Id, IReadOnlyDictionary<string, int> Skills, string Next) : FlowStep(Id)
{
    public override IEnumerable<string> NextSteps => [Next];
}

/// <summary>Goes to the step named for the variable's value (exact match), or to <see cref="Otherwise"/>.</summary>
public sealed record BranchStep(string Id, string Variable, IReadOnlyDictionary<string, string> Cases, string Otherwise) : FlowStep(Id)
{
    public override IEnumerable<string> NextSteps => [.. Cases.Values, Otherwise];
}

/// <summary>
/// A data dip: GET <see cref="Url"/> (variables in braces are substituted, URL-escaped) within
/// <see cref="TimeoutMilliseconds"/>. A 2xx JSON object's top-level values become variables <c>Into.name</c>; then
/// <see cref="Next"/>. Any failure (timeout, status, not a JSON object) goes to <see cref="Otherwise"/>.
/// </summary>
public sealed record HttpStep(string Id, string Url, int TimeoutMilliseconds, string Into, string Next, string Otherwise) : FlowStep(Id)
{
    public const int DefaultTimeoutMilliseconds = 2000;

    public override IEnumerable<string> NextSteps => [Next, Otherwise];
}

/// <summary>How a value is read back to the caller.</summary>
public enum SayFormat
{
    /// <summary>One digit at a time: 1234 is "one two three four".</summary>
    Digits,
    /// <summary>A whole number: 1234 is "one thousand two hundred thirty four".</summary>
    Number,
    /// <summary>Money: 12.50 is "twelve dollars fifty cents".</summary>
    Amount,
}

/// <summary>
/// Plays <see cref="Play"/> then reads the variable <see cref="Variable"/> back as <see cref="As"/>; a value that cannot
/// be read so (missing, not a number) goes to <see cref="Otherwise"/>.
/// </summary>
public sealed record SayStep(string Id, IReadOnlyList<string> Play, string Variable, SayFormat As, string Next, string Otherwise) : FlowStep(Id)
{
    public override IEnumerable<string> NextSteps => [Next, Otherwise];
    public override IEnumerable<string> Prompts => Play;
}

/// <summary>
/// Sends the call to a queue. With <see cref="ExitDigit"/> the caller may press it while holding to leave the queue
/// for the step <see cref="ExitTo"/>.
/// </summary>
public sealed record QueueStep(string Id, string Queue, string? ExitDigit, string? ExitTo) : FlowStep(Id)
{
    public override IEnumerable<string> NextSteps => ExitTo is null ? [] : [ExitTo];
}

/// <summary>Bridges the caller to an outside party (a SIP URI with a host); the call ends for the center when they answer.</summary>
public sealed record TransferStep(string Id, string Number, string Otherwise) : FlowStep(Id)
{
    public override IEnumerable<string> NextSteps => [Otherwise];
}

/// <summary>Ends the call.</summary>
public sealed record HangUpStep(string Id) : FlowStep(Id)
{
    public override IEnumerable<string> NextSteps => [];
}

/// <summary>
/// Prompts that say a value rather than name a file: <c>digits:0042</c>, <c>number:42</c>, <c>amount:12.50</c>.
/// The gateway turns them into the shipped number prompts.
/// </summary>
public static class PromptValue
{
    public const string DigitsPrefix = "digits:";
    public const string NumberPrefix = "number:";
    public const string AmountPrefix = "amount:";

    /// <summary>The prompt token that says <paramref name="value"/> as <paramref name="format"/>.</summary>
    public static string For(SayFormat format, string value) => format switch
    {
        SayFormat.Digits => DigitsPrefix + value,
        SayFormat.Number => NumberPrefix + value,
        _ => AmountPrefix + value,
    };

    /// <summary>Whether <paramref name="prompt"/> says a value (not a file).</summary>
    public static bool IsValue(string prompt) =>
        prompt.StartsWith(DigitsPrefix, StringComparison.Ordinal) || prompt.StartsWith(NumberPrefix, StringComparison.Ordinal)
        || prompt.StartsWith(AmountPrefix, StringComparison.Ordinal);
}

/// <summary>
/// What a queue's callers hear while they wait: <see cref="Greeting"/> on arrival, then <see cref="Music"/> looped,
/// interrupted every <see cref="AnnounceEverySeconds"/> (none: never) by their position and/or estimated wait — only
/// when it changed for the better since the last announcement. A queue without hold leaves its callers hearing
/// ringback until an agent answers.
/// </summary>
public sealed record QueueHold(
    string Music,
    IReadOnlyList<string> Greeting,
    int? AnnounceEverySeconds,
    bool AnnouncePosition,
    bool AnnounceWait)
{
    public const string DefaultMusic = "hold-music";
}

/// <summary>
/// A queue's recording rule: every call answered from it is recorded (caller left, agent right), after
/// <see cref="Announcement"/> (if any) is played to the caller.
/// </summary>
public sealed record QueueRecording(bool Enabled, string? Announcement);
