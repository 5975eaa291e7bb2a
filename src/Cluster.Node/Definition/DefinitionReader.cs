using CallCenter.Actors.Definition;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Definition;

/// <summary>
/// Walks the YAML tree of a definition. Skills and queue names are collected first, so that a queue or
/// agent may refer to a queue defined further down the file; flows are read before the entry points that lead to them.
/// </summary>
internal sealed class DefinitionReader(YamlSource source, PromptFolder prompts)
{
    private const string Skills = "skills", NotReadyReasons = "notReadyReasons", Queues = "queues", Agents = "agents",
        Trunks = "trunks", EntryPoints = "entryPoints", Flows = "flows";

    public ContactCenterDefinition Read(YamlNode root)
    {
        var fields = source.Fields(root, "the definition", Skills, NotReadyReasons, Queues, Agents, Trunks, EntryPoints, Flows);
        var skills = Names(fields.Optional(Skills), "skill");
        var reasons = Names(fields.Optional(NotReadyReasons), "not-ready reason");
        var queueNodes = Items(fields.Optional(Queues), Queues);
        var agentNodes = Items(fields.Optional(Agents), Agents);

        var known = new KnownNames(source, [.. skills], QueueNames(queueNodes));
        var queues = queueNodes.Select(node => new QueueReader(source, known, prompts).Read(node)).ToList();
        var agents = new AgentReader(source, known).ReadAll(agentNodes);
        var flows = new FlowReader(source, known, prompts).ReadAll(Items(fields.Optional(Flows), Flows));

        var entries = new EntryReader(source, known, [.. flows.Select(f => f.Name)]);
        return new ContactCenterDefinition(skills, WithPlatformReasons(reasons), queues, agents)
        {
            Trunks = entries.Trunks(Items(fields.Optional(Trunks), Trunks)),
            EntryPoints = entries.EntryPoints(Items(fields.Optional(EntryPoints), EntryPoints)),
            Flows = flows,
        };
    }

    /// <summary>The configured reasons plus the ones the platform sets itself.</summary>
    private static List<string> WithPlatformReasons(List<string> configured) =>
        [.. configured, .. NotReadyReasonCodes.Platform.Except(configured)];

    /// <summary>A list's items; an absent or empty (<c>queues:</c>) list has none.</summary>
    private List<YamlNode> Items(YamlNode? node, string what) =>
        node is null || (node is YamlScalarNode && source.OptionalScalar(node, what) is null)
            ? []
            : [.. source.Sequence(node, what).Children];

    private List<string> Names(YamlNode? node, string what)
    {
        var names = new List<string>();
        foreach (var item in Items(node, what + "s"))
        {
            var name = source.Text(item, $"a {what}");
            if (names.Contains(name, StringComparer.Ordinal))
                throw source.Fail(item, $"duplicate {what} '{name}'");
            names.Add(name);
        }
        return names;
    }

    private HashSet<string> QueueNames(List<YamlNode> queueNodes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in queueNodes)
        {
            var name = source.Identity(node, QueueReader.NameKey, "a queue");
            if (!names.Add(name))
                throw source.Fail(node, $"duplicate queue name '{name}'");
        }
        return names;
    }
}

/// <summary>The skills and queues a definition declares, to check references against.</summary>
internal sealed class KnownNames(YamlSource source, HashSet<string> skills, HashSet<string> queues)
{
    public string Queue(YamlNode node, string what)
    {
        var name = source.Text(node, what);
        return queues.Contains(name)
            ? name
            : throw source.Fail(node, $"{what} refers to unknown queue '{name}' (queues: {string.Join(", ", queues)})");
    }

    /// <summary>A mapping of skill name to proficiency (1-5), e.g. <c>{billing: 5, sales: 3}</c>.</summary>
    public IReadOnlyDictionary<string, int> SkillLevels(YamlNode? node, string what)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        if (node is null) return levels;
        var mapping = source.Mapping(node, $"{what} (skill: proficiency, e.g. {{billing: 3}})");
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var skill = source.Text(keyNode, $"a skill in {what}");
            if (!skills.Contains(skill))
                throw source.Fail(keyNode, $"{what} refers to unknown skill '{skill}' (skills: {string.Join(", ", skills)})");
            levels[skill] = source.Int(valueNode, $"proficiency of skill '{skill}' in {what}",
                AgentDefinition.MinProficiency, AgentDefinition.MaxProficiency);
        }
        return levels;
    }
}
