using CallCenter.Actors.Definition;

namespace CallCenter.Node.Api;

/// <summary>The definition in force as <c>GET /api/admin/definition</c> shows it: no password, no hash.</summary>
public sealed record AdminDefinition(
    IReadOnlyList<string> Skills,
    IReadOnlyList<string> NotReadyReasons,
    IReadOnlyList<AdminQueue> Queues,
    IReadOnlyList<AdminAgent> Agents,
    IReadOnlyList<TrunkDefinition> Trunks,
    IReadOnlyList<EntryPointDefinition> EntryPoints,
    IReadOnlyList<string> Flows)
{
    public static AdminDefinition Of(ContactCenterDefinition d) => new(
        d.Skills, d.NotReadyReasons, [.. d.Queues.Select(AdminQueue.Of)], [.. d.Agents.Select(AdminAgent.Of)], d.Trunks, d.EntryPoints,
        [.. d.Flows.Select(f => f.Name)]);
}

/// <summary>
/// A queue with the definition file's keys: what <c>GET /api/admin/queues/{name}</c> answers and
/// <c>PUT</c> takes (the name comes from the URL; omitted fields take the file's defaults).
/// </summary>
public sealed record AdminQueue(
    string? Name,
    RoutingStrategyKind Strategy,
    IReadOnlyDictionary<string, int> Skills,
    int RingTimeoutSeconds,
    int WrapUpSeconds,
    bool AutoReadyAfterWrapUp,
    int ServiceLevelSeconds,
    int? MaxWaitingCalls,
    int? MaxWaitSeconds,
    string? WhenFullOrTooLong,
    IReadOnlyList<AdminOverflowRule> Overflow,
    AdminQueueHold? Hold,
    QueueRecording? Recording)
{
    public static AdminQueue Of(QueueDefinition q) => new(
        q.Name, q.Strategy, q.RequiredSkills, q.RingTimeoutSeconds, q.WrapUpSeconds, q.AutoReadyAfterWrapUp, q.ServiceLevelSeconds,
        q.MaxWaitingCalls, q.MaxWaitSeconds, q.WhenFullOrTooLong,
        [.. q.Overflow.Select(r => new AdminOverflowRule(r.AfterSeconds, r.MinProficiency, r.MoveToQueue))],
        q.Hold is { } h
            ? new AdminQueueHold(h.Music, h.Greeting, h.AnnounceEverySeconds,
                h.AnnounceEverySeconds is null ? null : h.AnnouncePosition, h.AnnounceEverySeconds is null ? null : h.AnnounceWait)
            : null,
        q.Recording);
}

/// <summary>After <c>afterSeconds</c>: lower the skills to <c>minProficiency</c>, or move the call to the queue <c>moveTo</c> (exactly one).</summary>
public sealed record AdminOverflowRule(int AfterSeconds, int? MinProficiency, string? MoveTo);

/// <summary>What callers hear while waiting; the announcements only with <c>announceEverySeconds</c>.</summary>
public sealed record AdminQueueHold(string Music, IReadOnlyList<string> Greeting, int? AnnounceEverySeconds, bool? AnnouncePosition, bool? AnnounceWait);

/// <summary>An agent as the administration API shows it: whether passwords are set, never the passwords.</summary>
public sealed record AdminAgent(
    string Id,
    string Name,
    string Site,
    AgentRole Role,
    IReadOnlyDictionary<string, int> Skills,
    IReadOnlyList<string> Queues,
    bool HasPassword,
    bool HasPhonePassword)
{
    public static AdminAgent Of(AgentDefinition a) => new(
        a.Id, a.Name, a.Site, a.Role, a.Skills, a.Queues, !string.IsNullOrEmpty(a.PasswordHash), !string.IsNullOrEmpty(a.Password));
}

/// <summary>
/// The body of <c>PUT /api/admin/agents/{id}</c>: <c>password</c> is the web sign-in's (stored hashed),
/// <c>phonePassword</c> the SIP phone's digest password; an omitted password keeps the agent's current one.
/// </summary>
public sealed record AdminAgentRequest(
    string Name,
    string Site,
    AgentRole? Role,
    IReadOnlyDictionary<string, int>? Skills,
    IReadOnlyList<string>? Queues,
    string? Password,
    string? PhonePassword);

/// <summary>A skill agents and calls can have.</summary>
public sealed record AdminSkill(string Name);

/// <summary>A reason code an agent can give for not being ready.</summary>
public sealed record AdminNotReadyReason(string Code);
