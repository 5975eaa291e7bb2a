using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Definition;

/// <summary>What an administration change creates or replaces.</summary>
public enum DefinitionChangeKind
{
    Skill,
    NotReadyReason,
    Queue,
    Agent,
}

/// <summary>
/// One administration change layered over the definition file: a skill or not-ready reason added, a queue or an agent
/// created or replaced whole. <see cref="Yaml"/> is the entry as the file would hold it (a queue's or agent's mapping
/// with the file's keys, naming <see cref="Key"/>; for a skill or reason, its name), so the file's readers check it.
/// An empty <see cref="Yaml"/> removes the entry: whatever still refers to it then fails the check.
/// </summary>
public sealed record DefinitionChange(DefinitionChangeKind Kind, string Key, string Yaml)
{
    /// <summary>How messages name the change.</summary>
    public string Description => $"the change to {Noun} '{Key}'";

    public bool Removes => Yaml.Length == 0;

    /// <summary>Removes the skill, reason, queue or agent <paramref name="key"/>, from the file or an earlier change.</summary>
    public static DefinitionChange Removal(DefinitionChangeKind kind, string key) => new(kind, key, "");

    public string Noun => Kind switch
    {
        DefinitionChangeKind.Skill => "skill",
        DefinitionChangeKind.NotReadyReason => "not-ready reason",
        DefinitionChangeKind.Queue => "queue",
        _ => "agent",
    };

    /// <summary>The definition's list this change goes into.</summary>
    internal string ListKey => Kind switch
    {
        DefinitionChangeKind.Skill => "skills",
        DefinitionChangeKind.NotReadyReason => "notReadyReasons",
        DefinitionChangeKind.Queue => "queues",
        _ => "agents",
    };

    /// <summary>A skill or reason: its name, quoted so that no name reads as a YAML null or number.</summary>
    public static DefinitionChange Name(DefinitionChangeKind kind, string name) =>
        new(kind, name, Write(new YamlScalarNode(name) { Style = ScalarStyle.DoubleQuoted }));

    /// <summary>The YAML text of <paramref name="node"/> (flow style for mappings and lists, as JSON is).</summary>
    public static string Write(YamlNode node)
    {
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    /// <summary>
    /// Puts this change into the file's tree <paramref name="root"/>: replaces the entry of the same name (or id), or
    /// appends it; its nodes are recorded in <paramref name="origins"/> so that a mistake in them names the change.
    /// </summary>
    internal void Layer(YamlMappingNode root, ChangeOrigins origins)
    {
        if (Removes)
        {
            if (root.Children.TryGetValue(new YamlScalarNode(ListKey), out var existing) && existing is YamlSequenceNode items)
                foreach (var item in items.Children.Where(Names).ToList())
                    items.Children.Remove(item);
            return;
        }
        var entry = Parse();
        origins.Mark(entry, Description, Kind == DefinitionChangeKind.Agent ? AgentFields.ApiName : static key => key);
        var listKey = new YamlScalarNode(ListKey);
        if (!root.Children.TryGetValue(listKey, out var list) || list is not YamlSequenceNode sequence)
        {
            if (list is YamlMappingNode) return; // the file's own mistake, which the reader reports
            root.Children[listKey] = new YamlSequenceNode(entry);
            return;
        }
        var index = sequence.Children.ToList().FindIndex(Names);
        if (index >= 0)
            sequence.Children[index] = entry;
        else
            sequence.Children.Add(entry);
    }

    private YamlNode Parse()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Yaml));
        return stream.Documents.Count == 1 ? stream.Documents[0].RootNode : new YamlScalarNode(Key);
    }

    /// <summary>Whether a list item is the entry this change replaces.</summary>
    private bool Names(YamlNode item) => item switch
    {
        YamlScalarNode scalar => scalar.Value?.Trim() == Key,
        YamlMappingNode mapping => mapping.Children.TryGetValue(new YamlScalarNode(Kind == DefinitionChangeKind.Agent ? "id" : "name"), out var id)
            && id is YamlScalarNode name && name.Value?.Trim() == Key,
        _ => false,
    };
}

/// <summary>An agent's keys in the file and in the API: the file's <c>password</c> is the phone's, the API's the web sign-in's.</summary>
public static class AgentFields
{
    public const string PhonePassword = "phonePassword";
    public const string Password = "password";

    /// <summary>The API's name for a file key of an agent.</summary>
    public static string ApiName(string fileKey) => fileKey switch
    {
        "password" => PhonePassword,
        "passwordHash" => Password,
        _ => fileKey,
    };
}

/// <summary>Which change (and which field of it) each node of a layered tree came from.</summary>
internal sealed class ChangeOrigins
{
    private readonly Dictionary<YamlNode, (string Change, string Field)> _byNode = new(ReferenceEqualityComparer.Instance);

    public (string Change, string Field)? Of(YamlNode node) => _byNode.TryGetValue(node, out var origin) ? origin : null;

    /// <summary>Records <paramref name="node"/> and everything under it; <paramref name="rename"/> names the top-level keys.</summary>
    public void Mark(YamlNode node, string change, Func<string, string> rename, string path = "")
    {
        _byNode[node] = (change, path);
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = rename(key is YamlScalarNode scalar ? scalar.Value ?? "" : "");
                    var field = path.Length == 0 ? name : $"{path}.{name}";
                    _byNode[key] = (change, field);
                    Mark(value, change, static k => k, field);
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                    Mark(sequence.Children[i], change, static k => k, $"{path}[{i}]");
                break;
        }
    }
}
