using System.Net;
using CallCenter.Actors.Definition;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Definition;

/// <summary>
/// Reads <c>trunks:</c> (who may send calls) and <c>entryPoints:</c> (which number leads where: a queue or one of
/// <paramref name="flows"/>).
/// </summary>
internal sealed class EntryReader(YamlSource source, KnownNames known, IReadOnlyList<string> flows)
{
    public List<TrunkDefinition> Trunks(IEnumerable<YamlNode> nodes)
    {
        var trunks = new List<TrunkDefinition>();
        foreach (var node in nodes)
        {
            var name = source.Identity(node, "name", "a trunk");
            var what = $"trunk '{name}'";
            if (trunks.Any(t => t.Name == name))
                throw source.Fail(node, $"duplicate trunk name '{name}'");
            var fields = source.Fields(node, what, "name", "addresses");
            var addresses = source.Sequence(fields.Required("addresses"), $"addresses of {what}").Children
                .Select(a => Network(a, $"an address of {what}")).ToList();
            if (addresses.Count == 0)
                throw source.Fail(node, $"{what} needs at least one address");
            trunks.Add(new TrunkDefinition(name, addresses));
        }
        return trunks;
    }

    public List<EntryPointDefinition> EntryPoints(IEnumerable<YamlNode> nodes)
    {
        var entries = new List<EntryPointDefinition>();
        foreach (var node in nodes)
        {
            var number = source.Identity(node, "number", "an entry point");
            var what = $"entry point '{number}'";
            if (entries.Any(e => e.Number == number))
                throw source.Fail(node, $"duplicate entry point number '{number}'");
            var fields = source.Fields(node, what, "number", "queue", "flow", "priority", "skills");
            if ((fields.Optional("queue") is null) == (fields.Optional("flow") is null))
                throw source.Fail(node, $"{what} must have exactly one of queue or flow");
            entries.Add(new EntryPointDefinition(
                number,
                fields.Optional("queue") is { } queue ? known.Queue(queue, $"queue of {what}") : null,
                fields.Int("priority", 0, min: 0, max: EntryPointDefinition.MaxPriority),
                known.SkillLevels(fields.Optional("skills"), $"skills of {what}"),
                fields.Optional("flow") is { } flow ? Flow(flow, $"flow of {what}") : null));
        }
        return entries;
    }

    private string Flow(YamlNode node, string what)
    {
        var name = source.Text(node, what);
        return flows.Contains(name, StringComparer.Ordinal)
            ? name
            : throw source.Fail(node, $"{what} refers to unknown flow '{name}' (flows: {string.Join(", ", flows)})");
    }

    /// <summary>An address or CIDR range, normalised to CIDR (a bare address is one host).</summary>
    private string Network(YamlNode node, string what)
    {
        var text = source.Text(node, what);
        if (IPAddress.TryParse(text, out var single) && !text.Contains('/'))
            return new IPNetwork(single, single.GetAddressBytes().Length * 8).ToString();
        return IPNetwork.TryParse(text, out var network)
            ? network.ToString()
            : throw source.Fail(node, $"{what} is '{text}': expected an IP address or a CIDR range such as 192.0.2.0/24");
    }
}
