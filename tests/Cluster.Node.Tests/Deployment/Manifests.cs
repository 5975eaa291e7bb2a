using System.Text;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Tests.Deployment;

/// <summary>Reading a parsed Kubernetes object: a missing field is null or empty, never an exception.</summary>
internal static class Yaml
{
    public static YamlMappingNode? Map(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(key, out var child) ? child as YamlMappingNode : null;

    public static string? Text(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(key, out var child) ? (child as YamlScalarNode)?.Value : null;

    public static IEnumerable<YamlNode> Items(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(key, out var child) && child is YamlSequenceNode items ? items : [];

    public static int? Int(this YamlNode? node, string key) => int.TryParse(node.Text(key), out var value) ? value : null;

    public static bool? Bool(this YamlNode? node, string key) => bool.TryParse(node.Text(key), out var value) ? value : null;

    /// <summary>A mapping of strings (labels, a ConfigMap's data) as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> Strings(this YamlNode? node, string key) =>
        node.Map(key)?.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (c.Value as YamlScalarNode)?.Value ?? "")
        ?? new Dictionary<string, string>();
}

/// <summary>One rendered object.</summary>
internal sealed record Manifest(YamlMappingNode Root)
{
    public string Kind => Root.Text("kind") ?? "";
    public string Name => Root.Map("metadata").Text("name") ?? "";
    public string? Namespace => Root.Map("metadata").Text("namespace");
    public YamlMappingNode? Spec => Root.Map("spec");
    public IReadOnlyDictionary<string, string> Labels => Root.Map("metadata").Strings("labels");
    public override string ToString() => $"{Kind}/{Name}";
}

/// <summary>A pod as a workload (Deployment or StatefulSet) would create it.</summary>
internal sealed record Pod(Manifest Workload, YamlMappingNode Spec, IReadOnlyDictionary<string, string> Labels)
{
    public IEnumerable<YamlNode> Containers => Spec.Items("containers");
    public IEnumerable<YamlNode> InitContainers => Spec.Items("initContainers");
    public IEnumerable<YamlNode> AllContainers => InitContainers.Concat(Containers);
    public string? Component => Labels.GetValueOrDefault("app.kubernetes.io/component");

    /// <summary>A CallCenter node (routing, gateway or web), as opposed to PostgreSQL or the collector.</summary>
    public bool IsCallCenterNode => Labels.GetValueOrDefault("app.kubernetes.io/name") == "callcenter";

    /// <summary>The name Kubernetes gives replica <paramref name="ordinal"/>: stable for a StatefulSet, hashed for a Deployment.</summary>
    public string PodName(int ordinal) =>
        Workload.Kind == "StatefulSet" ? $"{Workload.Name}-{ordinal}" : $"{Workload.Name}-5d8f7c9b6-x{ordinal}q2z";

    public override string ToString() => Workload.ToString();
}

/// <summary>All the objects one overlay renders to.</summary>
internal sealed record RenderedManifests(IReadOnlyList<Manifest> Objects)
{
    public IEnumerable<Manifest> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public Manifest Single(string kind, string name) =>
        Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"no {kind}/{name} rendered; have {string.Join(", ", Objects)}");

    public IEnumerable<Pod> Pods => Objects
        .Where(o => o.Kind is "Deployment" or "StatefulSet")
        .Select(o => (Workload: o, Template: o.Spec.Map("template")))
        .Select(w => new Pod(w.Workload, w.Template.Map("spec")!, w.Template.Map("metadata").Strings("labels")));

    public IEnumerable<Pod> CallCenterNodes => Pods.Where(p => p.IsCallCenterNode);

    public IEnumerable<Pod> NodesWithRole(string component) => CallCenterNodes.Where(p => p.Component == component);

    /// <summary>The routing StatefulSet: the one every seed list points at.</summary>
    public Manifest RoutingStatefulSet => OfKind("StatefulSet").Single(s => new Pod(s, s.Spec.Map("template").Map("spec")!,
        s.Spec.Map("template").Map("metadata").Strings("labels")).Component == "routing");

    /// <summary>A ConfigMap's or Secret's values by the name a pod refers to it with (kustomize has already added hashes).</summary>
    public IReadOnlyDictionary<string, string>? Values(string kind, string name)
    {
        var found = Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name);
        if (found is null) return null;
        var values = new Dictionary<string, string>(found.Root.Strings("stringData"));
        foreach (var (key, value) in found.Root.Strings("data"))
            values[key] = kind == "Secret" ? Encoding.UTF8.GetString(Convert.FromBase64String(value)) : value;
        return values;
    }

    /// <summary>Whether <paramref name="selector"/> (matchLabels or a Service's selector) picks pods labelled <paramref name="labels"/>.</summary>
    public static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);
}
