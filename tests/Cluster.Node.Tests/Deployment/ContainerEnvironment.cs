using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Tests.Deployment;

/// <summary>
/// A container's environment as the kubelet would build it for one pod: <c>envFrom</c> ConfigMaps first, then
/// <c>env</c> in order, each value's <c>$(NAME)</c> expanded from the variables defined before it. Downward-API
/// fields get sample values; a Secret the overlay does not render (an external one) gets a placeholder.
/// </summary>
internal sealed partial class ContainerEnvironment
{
    public const string SamplePodIp = "10.244.1.17";
    public const string SampleHostIp = "192.0.2.17";
    public const string ExternalSecretPlaceholder = "external-secret-placeholder-0123456789";

    /// <summary>Resolved values, by name.</summary>
    public IReadOnlyDictionary<string, string> Values => values;

    /// <summary>Variables set from the downward API (<c>fieldRef</c>).</summary>
    public IReadOnlySet<string> DownwardApiNames => downwardApiNames;

    /// <summary>The names each value's <c>$(NAME)</c> references point at.</summary>
    public IReadOnlySet<string> ReferencedNames => referencedNames;

    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> downwardApiNames = [];
    private readonly HashSet<string> referencedNames = [];

    public ContainerEnvironment(RenderedManifests rendered, Pod pod, YamlNode container, int ordinal = 0)
    {
        foreach (var source in container.Items("envFrom"))
        {
            var name = source.Map("configMapRef").Text("name")
                ?? throw new Xunit.Sdk.XunitException($"{pod}: only envFrom configMapRef is expected");
            var data = rendered.Values("ConfigMap", name)
                ?? throw new Xunit.Sdk.XunitException($"{pod}: envFrom names ConfigMap {name}, which is not rendered");
            foreach (var (key, value) in data) values[key] = value;
        }
        foreach (var variable in container.Items("env"))
        {
            var name = variable.Text("name")!;
            values[name] = variable.Text("value") is { } literal ? Expand(literal) : From(rendered, pod, variable.Map("valueFrom"), name, ordinal);
        }
    }

    /// <summary><paramref name="value"/> with its <c>$(NAME)</c> references replaced, as in a command, an argument or a value.</summary>
    public string Expand(string value) => Reference().Replace(value, m =>
    {
        referencedNames.Add(m.Groups[1].Value);
        return values.TryGetValue(m.Groups[1].Value, out var defined) ? defined : m.Value;
    });

    private string From(RenderedManifests rendered, Pod pod, YamlMappingNode? valueFrom, string name, int ordinal)
    {
        if (valueFrom.Map("fieldRef").Text("fieldPath") is { } field)
        {
            downwardApiNames.Add(name);
            return field switch
            {
                "metadata.name" => pod.PodName(ordinal),
                "metadata.namespace" => pod.Workload.Namespace
                    ?? throw new Xunit.Sdk.XunitException($"{pod} has no namespace for {name} to read"),
                "status.podIP" => pod.Spec.Bool("hostNetwork") == true ? SampleHostIp : SamplePodIp,
                "status.hostIP" => SampleHostIp,
                _ => throw new Xunit.Sdk.XunitException($"{pod}: {name} reads unexpected field {field}"),
            };
        }
        if (valueFrom.Map("secretKeyRef") is { } secret)
            return rendered.Values("Secret", secret.Text("name")!)?.GetValueOrDefault(secret.Text("key")!) ?? ExternalSecretPlaceholder;
        if (valueFrom.Map("configMapKeyRef") is { } configMap)
            return rendered.Values("ConfigMap", configMap.Text("name")!)?.GetValueOrDefault(configMap.Text("key")!)
                ?? throw new Xunit.Sdk.XunitException($"{pod}: {name} reads a ConfigMap key that is not rendered");
        throw new Xunit.Sdk.XunitException($"{pod}: {name} has neither a value nor a valueFrom this check knows");
    }

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex Reference();
}
