using System.Collections;
using System.Reflection;
using CallCenter.Node.Configuration;
using Microsoft.Extensions.Configuration;

namespace CallCenter.Node.Tests.Deployment;

/// <summary>
/// Checks that environment variables given to a node are ones it reads: every <c>CallCenter__Section__Key</c>
/// names a settable property of <see cref="CallCenterOptions"/> (reflected, not listed here), and reading the
/// variables with <see cref="CallCenterOptionsReader"/> yields those very values.
/// </summary>
internal static class NodeEnvironment
{
    public const string Prefix = CallCenterOptions.SectionName + "__";

    /// <summary>The OpenTelemetry SDK's own variables the manifests set (the collector's address, the node's identity).</summary>
    public static readonly IReadOnlySet<string> OpenTelemetryNames = new HashSet<string>
    {
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
    };

    public static bool IsOption(string name) => name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the options from <paramref name="environment"/>'s <c>CallCenter__</c> variables; returns what is wrong.</summary>
    public static IReadOnlyList<string> BindingProblems(IReadOnlyDictionary<string, string> environment)
    {
        var settings = environment.Where(e => IsOption(e.Key)).ToList();
        CallCenterOptions options;
        try
        {
            // What the environment-variables configuration provider does with a name: "__" is the key separator.
            options = CallCenterOptionsReader.Read(new ConfigurationBuilder()
                .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":"), (string?)s.Value)))
                .Build());
        }
        catch (StartupException e)
        {
            return [e.Message];
        }
        return [.. settings.Select(s => Problem(options, s.Key, s.Value)).OfType<string>()];
    }

    private static string? Problem(CallCenterOptions options, string name, string value)
    {
        var path = name[Prefix.Length..].Split("__");
        if (path.Length is < 2 or > 3)
            return $"{name}: expected {Prefix}<Section>__<Key> or {Prefix}<Section>__<Key>__<index>";
        var section = typeof(CallCenterOptions).GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (section is null)
            return $"{name}: CallCenterOptions has no section {path[0]}";
        var key = section.PropertyType.GetProperty(path[1], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (key is null || !key.CanWrite)
            return $"{name}: {section.PropertyType.Name} has no setting {path[1]}";

        var bound = key.GetValue(section.GetValue(options));
        var read = (path.Length, bound) switch
        {
            (3, IList list) when int.TryParse(path[2], out var index) && index < list.Count => list[index]?.ToString(),
            (3, _) => null,
            (_, IEnumerable items and not string) => string.Join(",", items.Cast<object>()),
            _ => bound?.ToString(),
        };
        return string.Equals(read, value.Trim(), StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{name}: set to '{value}' but the node reads '{read}'";
    }
}
