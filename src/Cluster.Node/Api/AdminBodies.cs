using System.Text.Json;
using CallCenter.Actors.Definition;
using CallCenter.Node.Auth;
using CallCenter.Node.Definition;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Api;

/// <summary>
/// Turns an administration body into the entry the definition file would hold, so that the file's readers check it
/// (every rule in one place): JSON is written as the same keys and values in YAML. Only what the file cannot say is
/// done here: the name from the URL, and an agent's sign-in password, which the file holds hashed.
/// </summary>
internal static class AdminBodies
{
    /// <summary>Longest password taken; hashing is deliberately slow, and no one types more.</summary>
    public const int MaxPasswordLength = 128;

    /// <summary>A queue's entry: the body's fields under the URL's name.</summary>
    public static DefinitionChange? Queue(JsonBody body, string name)
    {
        var entry = Entry(body, "name", name, static _ => true);
        return body.Valid ? new DefinitionChange(DefinitionChangeKind.Queue, name, DefinitionChange.Write(entry)) : null;
    }

    /// <summary>
    /// An agent's entry: <c>phonePassword</c> is the file's <c>password</c>, <c>password</c> becomes <c>passwordHash</c>;
    /// a password not sent is kept from <paramref name="current"/>.
    /// </summary>
    public static DefinitionChange? Agent(JsonBody body, string id, AgentDefinition? current)
    {
        var entry = Entry(body, "id", id, static field => field is not (AgentFields.Password or AgentFields.PhonePassword or "passwordHash"));
        if (body.Root.TryGetProperty("passwordHash", out _))
            body.Fail("passwordHash", "is not taken: send password, which the server hashes");
        var phone = Password(body, AgentFields.PhonePassword) ?? current?.Password;
        if (phone is not null)
            entry.Add("password", Quoted(phone));
        var hash = Password(body, AgentFields.Password) is { } password ? PasswordHashes.Hash(password) : current?.PasswordHash;
        if (hash is not null)
            entry.Add("passwordHash", Quoted(hash));
        return body.Valid ? new DefinitionChange(DefinitionChangeKind.Agent, id, DefinitionChange.Write(entry)) : null;
    }

    private static string? Password(JsonBody body, string field)
    {
        var password = body.String(field, maxLength: MaxPasswordLength);
        if (password is { Length: 0 })
            body.Fail(field, "must not be empty (leave it out to keep the current one)");
        return password is { Length: > 0 } ? password : null;
    }

    /// <summary>The body as a mapping under <paramref name="key"/>: <paramref name="value"/>; fields for which <paramref name="copied"/> is false are left to the caller.</summary>
    private static YamlMappingNode Entry(JsonBody body, string key, string value, Func<string, bool> copied)
    {
        var entry = new YamlMappingNode { { Quoted(key), Quoted(value) } };
        foreach (var property in body.Root.EnumerateObject())
        {
            if (property.Name == key)
            {
                if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString() != value)
                    body.Fail(key, $"must be '{value}', as in the URL, or be left out");
                continue;
            }
            if (property.Value.ValueKind != JsonValueKind.Null && copied(property.Name))
                entry.Add(Quoted(property.Name), Node(property.Value));
        }
        return entry;
    }

    /// <summary>A JSON value as YAML: strings quoted (so that "null" or "5" stay text to the reader that wants text), nulls left out.</summary>
    private static YamlNode Node(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new YamlMappingNode(value.EnumerateObject()
            .Where(p => p.Value.ValueKind != JsonValueKind.Null)
            .Select(p => new KeyValuePair<YamlNode, YamlNode>(Quoted(p.Name), Node(p.Value)))),
        JsonValueKind.Array => new YamlSequenceNode(value.EnumerateArray().Select(Node)),
        JsonValueKind.String => Quoted(value.GetString()!),
        _ => new YamlScalarNode(value.GetRawText()),
    };

    private static YamlScalarNode Quoted(string text) => new(text) { Style = ScalarStyle.DoubleQuoted };
}
