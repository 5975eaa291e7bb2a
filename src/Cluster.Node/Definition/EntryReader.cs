using System.Net;
using CallCenter.Actors.Definition;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Definition;

/// <summary>Reads <c>trunks:</c> (who may send calls) and <c>entryPoints:</c> (which number leads where).</summary>
internal sealed class EntryReader(YamlSource source, KnownNames known)
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
            var fields = source.Fields(node, what, "number", "queue", "priority", "skills");
            entries.Add(new EntryPointDefinition(
                number,
                known.Queue(fields.Required("queue"), $"queue of {what}"),
                fields.Int("priority", 0, min: 0, max: EntryPointDefinition.MaxPriority),
                known.SkillLevels(fields.Optional("skills"), $"skills of {what}")));
        }
        return entries;
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
