using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Definition;

/// <summary>
/// Typed reads from YAML nodes of one file; every failure is a <see cref="DefinitionException"/>
/// at the node's position. <paramref name="file"/> is the name used in messages; a node that came from an
/// administration change (<paramref name="changes"/>) is named by its change and field instead.
/// </summary>
internal sealed class YamlSource(string file, ChangeOrigins? changes = null)
{
    public DefinitionException Fail(YamlNode node, string reason) =>
        changes?.Of(node) is { } origin
            ? new(origin.Change, origin.Field, reason)
            : new(file, (int)node.Start.Line, (int)node.Start.Column, reason);

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Fail(node, $"{what} must be a mapping of keys to values");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Fail(node, $"{what} must be a list");

    /// <summary>A scalar's text; null for an empty or <c>~</c>/<c>null</c> plain scalar.</summary>
    public string? OptionalScalar(YamlNode node, string what)
    {
        if (node is not YamlScalarNode scalar)
            throw Fail(node, $"{what} must be a single value, not a list or mapping");
        var isNull = scalar.Style == YamlDotNet.Core.ScalarStyle.Plain
            && (string.IsNullOrEmpty(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");
        return isNull ? null : scalar.Value;
    }

    public string Text(YamlNode node, string what) =>
        OptionalScalar(node, what) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
            ? text.Trim()
            : throw Fail(node, $"{what} must not be empty");

    public int Int(YamlNode node, string what, int min, int max = int.MaxValue)
    {
        var text = Text(node, what);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Fail(node, $"{what} must be a whole number, got '{text}'");
        if (value < min || value > max)
            throw Fail(node, max == int.MaxValue
                ? $"{what} must be at least {min}, got {value}"
                : $"{what} must be between {min} and {max}, got {value}");
        return value;
    }

    public bool Bool(YamlNode node, string what) => Text(node, what).ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        var text => throw Fail(node, $"{what} must be true or false, got '{text}'"),
    };

    /// <summary>A list of non-empty texts (prompt names); an empty list only when <paramref name="allowEmpty"/>.</summary>
    public List<string> TextList(YamlNode node, string what, bool allowEmpty)
    {
        var sequence = Sequence(node, what);
        if (!allowEmpty && sequence.Children.Count == 0)
            throw Fail(node, $"{what} must not be empty");
        return [.. sequence.Children.Select(item => Text(item, $"an item of {what}"))];
    }

    /// <summary>One of a fixed set of words (a strategy, a role), mapped to its value.</summary>
    public T Keyword<T>(YamlNode node, string kind, string what, IReadOnlyDictionary<string, T> words)
    {
        var text = Text(node, $"{kind} of {what}");
        return words.TryGetValue(text, out var value)
            ? value
            : throw Fail(node, $"unknown {kind} '{text}' for {what} (expected one of: {string.Join(", ", words.Keys)})");
    }

    /// <summary>The value of <paramref name="key"/> in a mapping, read before the rest to name the entry in messages.</summary>
    public string Identity(YamlNode node, string key, string what)
    {
        var value = Mapping(node, what).Children
            .FirstOrDefault(e => e.Key is YamlScalarNode scalar && scalar.Value == key).Value
            ?? throw Fail(node, $"{what} is missing required key '{key}'");
        return Text(value, $"{key} of {what}");
    }

    /// <summary>The mapping's entries by key, failing on a key not in <paramref name="allowed"/>.</summary>
    public YamlFields Fields(YamlNode node, string what, params string[] allowed)
    {
        var mapping = Mapping(node, what);
        var entries = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = Text(keyNode, $"a key of {what}");
            if (!allowed.Contains(key, StringComparer.Ordinal))
                throw Fail(keyNode, $"unknown key '{key}' in {what} (expected one of: {string.Join(", ", allowed)})");
            entries[key] = value;
        }
        return new YamlFields(this, mapping, what, entries);
    }
}

/// <summary>The checked entries of one YAML mapping, read by key.</summary>
internal sealed class YamlFields(YamlSource source, YamlMappingNode node, string what, Dictionary<string, YamlNode> entries)
{
    public YamlMappingNode Node { get; } = node;

    public YamlNode? Optional(string key) => entries.GetValueOrDefault(key);

    public YamlNode Required(string key) =>
        Optional(key) ?? throw source.Fail(Node, $"{what} is missing required key '{key}'");

    public string RequiredText(string key) => source.Text(Required(key), $"{key} of {what}");

    public string? OptionalText(string key) => Optional(key) is { } value ? source.OptionalScalar(value, $"{key} of {what}")?.Trim() : null;

    public int Int(string key, int defaultValue, int min, int max = int.MaxValue) =>
        OptionalInt(key, min, max) ?? defaultValue;

    public int? OptionalInt(string key, int min, int max = int.MaxValue) =>
        Optional(key) is { } value ? source.Int(value, $"{key} of {what}", min, max) : null;

    public bool Bool(string key, bool defaultValue) =>
        Optional(key) is { } value ? source.Bool(value, $"{key} of {what}") : defaultValue;
}
