using CallCenter.Actors.Definition;
using CallCenter.Node.Auth;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Definition;

/// <summary>Reads the entries of <c>agents:</c>.</summary>
internal sealed class AgentReader(YamlSource source, KnownNames known)
{
    private static readonly Dictionary<string, AgentRole> Roles = new(StringComparer.Ordinal)
    {
        ["agent"] = AgentRole.Agent,
        ["supervisor"] = AgentRole.Supervisor,
        ["admin"] = AgentRole.Admin,
    };

    public List<AgentDefinition> ReadAll(IEnumerable<YamlNode> nodes)
    {
        var agents = new List<AgentDefinition>();
        foreach (var node in nodes)
        {
            var agent = Read(node);
            if (agents.Any(a => a.Id == agent.Id))
                throw source.Fail(node, $"duplicate agent id '{agent.Id}'");
            agents.Add(agent);
        }
        return agents;
    }

    private AgentDefinition Read(YamlNode node)
    {
        var id = source.Identity(node, "id", "an agent");
        var what = $"agent '{id}'";
        var fields = source.Fields(node, what, "id", "name", "password", "passwordHash", "site", "role", "skills", "queues");
        return new AgentDefinition(
            id,
            fields.RequiredText("name"),
            fields.OptionalText("password"),
            fields.RequiredText("site"),
            fields.Optional("role") is { } role ? source.Keyword(role, "role", what, Roles) : AgentRole.Agent,
            known.SkillLevels(fields.Optional("skills"), $"skills of {what}"),
            Queues(fields.Optional("queues"), what),
            PasswordHash(fields.Optional("passwordHash"), what));
    }

    /// <summary>A plain password written where the hash belongs must stop start-up, not sit in the file unnoticed.</summary>
    private string? PasswordHash(YamlNode? node, string what)
    {
        if (node is null)
            return null;
        var hash = source.Text(node, $"passwordHash of {what}");
        return PasswordHashes.IsWellFormed(hash)
            ? hash
            : throw source.Fail(node, $"passwordHash of {what} is not a password hash (PBKDF2, ASP.NET Core Identity v3, base64); "
                + "make one with: dotnet run --project src/Cluster.Node -- hash-password");
    }

    private List<string> Queues(YamlNode? node, string what) =>
        node is null
            ? []
            : [.. source.Sequence(node, $"queues of {what}").Children.Select(q => known.Queue(q, $"queues of {what}")).Distinct()];
}
