using CallCenter.Actors.Definition;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Definition;

/// <summary>Reads one entry of <c>queues:</c>; defaults come from <see cref="QueueDefinition"/>.</summary>
internal sealed class QueueReader(YamlSource source, KnownNames known, PromptFolder prompts)
{
    public const string NameKey = "name";

    private static readonly Dictionary<string, RoutingStrategyKind> Strategies = new(StringComparer.Ordinal)
    {
        ["longest-idle"] = RoutingStrategyKind.LongestIdle,
        ["most-skilled"] = RoutingStrategyKind.MostSkilled,
        ["round-robin"] = RoutingStrategyKind.RoundRobin,
        ["fewest-calls"] = RoutingStrategyKind.FewestCalls,
    };

    public QueueDefinition Read(YamlNode node)
    {
        var name = source.Identity(node, NameKey, "a queue");
        var what = $"queue '{name}'";
        var fields = source.Fields(node, what, NameKey, "strategy", "skills", "ringTimeoutSeconds", "wrapUpSeconds",
            "autoReadyAfterWrapUp", "serviceLevelSeconds", "maxWaitingCalls", "maxWaitSeconds", "whenFullOrTooLong", "overflow",
            "hold", "recording");

        return new QueueDefinition(
            name,
            fields.Optional("strategy") is { } strategy
                ? source.Keyword(strategy, "strategy", what, Strategies)
                : RoutingStrategyKind.LongestIdle,
            known.SkillLevels(fields.Optional("skills"), $"skills of {what}"),
            fields.Int("ringTimeoutSeconds", QueueDefinition.DefaultRingTimeoutSeconds, min: 1),
            fields.Int("wrapUpSeconds", QueueDefinition.DefaultWrapUpSeconds, min: 0),
            fields.Bool("autoReadyAfterWrapUp", defaultValue: true),
            fields.Int("serviceLevelSeconds", QueueDefinition.DefaultServiceLevelSeconds, min: 1),
            fields.OptionalInt("maxWaitingCalls", min: 1),
            fields.OptionalInt("maxWaitSeconds", min: 1),
            fields.Optional("whenFullOrTooLong") is { } target ? OtherQueue(target, name, $"whenFullOrTooLong of {what}") : null,
            Overflow(fields.Optional("overflow"), name, what))
        {
            Hold = fields.Optional("hold") is { } hold ? Hold(hold, $"hold of {what}") : null,
            Recording = fields.Optional("recording") is { } recording ? Recording(recording, $"recording of {what}") : null,
        };
    }

    /// <summary>
    /// <c>{music, greeting, announceEverySeconds, announcePosition, announceWait}</c>: music defaults to
    /// <see cref="QueueHold.DefaultMusic"/>, no greeting, no announcements; with an interval, both announcements are on
    /// unless turned off.
    /// </summary>
    private QueueHold Hold(YamlNode node, string what)
    {
        var fields = source.Fields(node, what, "music", "greeting", "announceEverySeconds", "announcePosition", "announceWait");
        var every = fields.OptionalInt("announceEverySeconds", min: 1);
        if (every is null && (fields.Optional("announcePosition") ?? fields.Optional("announceWait")) is { } flag)
            throw source.Fail(flag, $"{what} announces nothing without announceEverySeconds");
        var hold = new QueueHold(
            fields.OptionalText("music") ?? QueueHold.DefaultMusic,
            fields.Optional("greeting") is { } greeting ? source.TextList(greeting, $"greeting of {what}", allowEmpty: true) : [],
            every,
            fields.Bool("announcePosition", defaultValue: every is not null),
            fields.Bool("announceWait", defaultValue: every is not null));
        if (every is not null && !hold.AnnouncePosition && !hold.AnnounceWait)
            throw source.Fail(fields.Optional("announceEverySeconds")!, $"{what} announces every {every} s but neither position nor wait");

        prompts.Require(fields.Optional("music") ?? node, hold.Music, what);
        prompts.RequireAll(node, hold.Greeting, what);
        return hold;
    }

    /// <summary><c>true</c>/<c>false</c>, or <c>{enabled, announcement}</c> (enabled unless said otherwise).</summary>
    private QueueRecording Recording(YamlNode node, string what)
    {
        if (node is YamlScalarNode)
            return new QueueRecording(source.Bool(node, what), Announcement: null);
        var fields = source.Fields(node, what, "enabled", "announcement");
        var recording = new QueueRecording(fields.Bool("enabled", defaultValue: true), fields.OptionalText("announcement"));
        if (recording.Announcement is { } announcement)
            prompts.Require(fields.Optional("announcement")!, announcement, what);
        return recording;
    }

    private string OtherQueue(YamlNode node, string self, string what)
    {
        var target = known.Queue(node, what);
        return target != self ? target : throw source.Fail(node, $"{what} points at the queue itself");
    }

    /// <summary>Overflow rules, ordered by <c>afterSeconds</c> whatever their order in the file.</summary>
    private List<OverflowRule> Overflow(YamlNode? node, string self, string queue)
    {
        if (node is null) return [];
        var rules = new List<OverflowRule>();
        foreach (var (item, index) in source.Sequence(node, $"overflow of {queue}").Children.Select((n, i) => (n, i + 1)))
        {
            var what = $"overflow rule {index} of {queue}";
            var fields = source.Fields(item, what, "afterSeconds", "minProficiency", "moveTo");
            var minProficiency = fields.OptionalInt("minProficiency", AgentDefinition.MinProficiency, AgentDefinition.MaxProficiency);
            var moveTo = fields.Optional("moveTo") is { } target ? OtherQueue(target, self, $"moveTo of {what}") : null;
            if ((minProficiency is null) == (moveTo is null))
                throw source.Fail(item, $"{what} must have exactly one of minProficiency or moveTo");
            rules.Add(new OverflowRule(fields.Int("afterSeconds", 0, min: 0), minProficiency, moveTo));
        }
        return [.. rules.OrderBy(r => r.AfterSeconds)];
    }
}
