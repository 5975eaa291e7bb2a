namespace CallCenter.Actors.Definition;

/// <summary>The whole contact-center definition: what <c>config/callcenter.yaml</c> describes.</summary>
public sealed record ContactCenterDefinition(
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> NotReadyReasons,
    IReadOnlyList<QueueDefinition> Queues,
    IReadOnlyList<AgentDefinition> Agents)
{
    public static readonly ContactCenterDefinition Empty = new([], [.. NotReadyReasonCodes.Platform], [], []);

    /// <summary>Where SIP calls may come from; none: the gateway accepts calls from nobody.</summary>
    public IReadOnlyList<TrunkDefinition> Trunks { get; init; } = [];

    /// <summary>Which dialled numbers lead where.</summary>
    public IReadOnlyList<EntryPointDefinition> EntryPoints { get; init; } = [];

    /// <summary>IVR flows, which entry points (and a queue's exit) lead calls through.</summary>
    public IReadOnlyList<IvrFlowDefinition> Flows { get; init; } = [];

    /// <summary>The flow named <paramref name="name"/>, or null.</summary>
    public IvrFlowDefinition? FlowFor(string name) => Flows.FirstOrDefault(f => f.Name == name);

    /// <summary>The queue named <paramref name="name"/>, or null.</summary>
    public QueueDefinition? QueueFor(string name) => Queues.FirstOrDefault(q => q.Name == name);

    /// <summary>The entry point for a dialled number (request-URI or To user part), or null.</summary>
    public EntryPointDefinition? EntryPointFor(string dialled) =>
        EntryPoints.FirstOrDefault(e => string.Equals(e.Number, dialled, StringComparison.Ordinal));

    /// <summary>The trunk a call from <paramref name="source"/> arrives on, or null when no trunk allows it (403).</summary>
    public TrunkDefinition? TrunkFor(System.Net.IPAddress source) => Trunks.FirstOrDefault(t => t.Allows(source));
}

/// <summary>A carrier or PBX allowed to send calls: its source addresses as CIDR ranges (a bare address is one host).</summary>
public sealed record TrunkDefinition(string Name, IReadOnlyList<string> Addresses)
{
    public bool Allows(System.Net.IPAddress source)
    {
        var address = source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source;
        return Addresses.Any(a => System.Net.IPNetwork.TryParse(a, out var network) && network.Contains(address));
    }
}

/// <summary>
/// A dialled number and where its calls go: a queue or an IVR flow (exactly one), with a priority (0-100, higher
/// first) and skills added to the queue's own.
/// </summary>
public sealed record EntryPointDefinition(string Number, string? Queue, int Priority, IReadOnlyDictionary<string, int> Skills, string? Flow = null)
{
    public const int MaxPriority = 100;
}

/// <summary>Reason codes the platform itself uses; configured lists are merged with these.</summary>
public static class NotReadyReasonCodes
{
    /// <summary>Set by the platform when an offered call was not answered in time.</summary>
    public const string NoAnswer = "no-answer";
    /// <summary>Set when a supervisor forces an agent out of ready.</summary>
    public const string Supervisor = "supervisor";
    /// <summary>Set when the agent refuses an offered call.</summary>
    public const string Rejected = "rejected";
    /// <summary>Set by the gateway when the agent's phone could not be rung for an offered call.</summary>
    public const string PhoneUnreachable = "phone-unreachable";

    /// <summary>Every code the platform may set on its own: a definition's list of reasons must accept them all.</summary>
    public static readonly IReadOnlyList<string> Platform = [NoAnswer, Supervisor, Rejected, PhoneUnreachable];
}

/// <summary>How a queue picks among the agents able to take a call.</summary>
public enum RoutingStrategyKind
{
    LongestIdle,
    MostSkilled,
    RoundRobin,
    FewestCalls,
}

/// <summary>One queue: its strategy, timings, limits and overflow rules.</summary>
public sealed record QueueDefinition(
    string Name,
    RoutingStrategyKind Strategy,
    IReadOnlyDictionary<string, int> RequiredSkills,
    int RingTimeoutSeconds,
    int WrapUpSeconds,
    bool AutoReadyAfterWrapUp,
    int ServiceLevelSeconds,
    int? MaxWaitingCalls,
    int? MaxWaitSeconds,
    string? WhenFullOrTooLong,
    IReadOnlyList<OverflowRule> Overflow)
{
    /// <summary>What callers hear while waiting; null: ringback until an agent answers.</summary>
    public QueueHold? Hold { get; init; }

    /// <summary>Whether (and after which announcement) the queue's answered calls are recorded; null: not recorded.</summary>
    public QueueRecording? Recording { get; init; }

    public const int DefaultRingTimeoutSeconds = 15;
    public const int DefaultWrapUpSeconds = 10;
    public const int DefaultServiceLevelSeconds = 20;

    public static QueueDefinition Named(string name) => new(
        name, RoutingStrategyKind.LongestIdle, new Dictionary<string, int>(),
        DefaultRingTimeoutSeconds, DefaultWrapUpSeconds, AutoReadyAfterWrapUp: true,
        DefaultServiceLevelSeconds, MaxWaitingCalls: null, MaxWaitSeconds: null,
        WhenFullOrTooLong: null, Overflow: []);
}

/// <summary>
/// After <see cref="AfterSeconds"/> of waiting, either lower the required proficiency of every
/// required skill to <see cref="MinProficiency"/>, or move the call to <see cref="MoveToQueue"/>
/// keeping its original arrival time. Exactly one of the two is set.
/// </summary>
public sealed record OverflowRule(int AfterSeconds, int? MinProficiency, string? MoveToQueue);

/// <summary>Roles a signed-in person can hold.</summary>
public enum AgentRole
{
    Agent,
    Supervisor,
    Admin,
}

/// <summary>
/// One agent: identity, where they sit, what they can do and which queues they serve. <see cref="Password"/>
/// is the phone's SIP digest password; <see cref="PasswordHash"/> the web sign-in's (PBKDF2, ASP.NET Core
/// Identity's v3 format), none: the agent cannot sign in.
/// </summary>
public sealed record AgentDefinition(
    string Id,
    string Name,
    string? Password,
    string Site,
    AgentRole Role,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<string> Queues,
    string? PasswordHash = null)
{
    public const int MinProficiency = 1;
    public const int MaxProficiency = 5;

    /// <summary>Printed without <see cref="Password"/> and <see cref="PasswordHash"/>, so a logged definition holds no secret.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Id = {Id}, Name = {Name}, Site = {Site}, Role = {Role}, Queues = [{string.Join(", ", Queues)}]");
        return true;
    }
}
