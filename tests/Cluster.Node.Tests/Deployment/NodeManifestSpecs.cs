using CallCenter.Node.Configuration;
using CallCenter.Node.Health;

namespace CallCenter.Node.Tests.Deployment;

/// <summary>
/// The CallCenter nodes of every rendered overlay (<c>kubectl kustomize k8s/overlays/...</c>): one image, probes on
/// the node's real health endpoints and HTTP port, environment variables the node reads, seeds that name the routing
/// pods, and the routing StatefulSet's safety under disruption.
/// </summary>
public sealed class NodeManifestSpecs
{
    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Overlay_should_render_routing_gateway_and_web_nodes(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);

        Assert.Single(rendered.NodesWithRole(NodeRoles.Routing));
        Assert.NotEmpty(rendered.NodesWithRole(NodeRoles.Gateway));
        Assert.Single(rendered.NodesWithRole(NodeRoles.Web));
        Assert.All(rendered.CallCenterNodes, pod => Assert.Equal(
            pod.Component, new ContainerEnvironment(rendered, pod, pod.Containers.Single()).Values[NodeEnvironment.Prefix + "Cluster__Roles"]));
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_node_should_run_the_same_tagged_image(string overlay)
    {
        var images = Kustomize.Overlay(overlay).CallCenterNodes.SelectMany(p => p.AllContainers).Select(c => c.Text("image")!).Distinct().ToList();

        var image = Assert.Single(images);
        Assert.Contains('/', image);    // kustomize's `images` replaced the placeholder name with a registry's
        Assert.Matches(@":[\w.-]+$", image);
        Assert.DoesNotMatch(":latest$", image);
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Probes_should_hit_the_node_health_paths_on_its_http_port(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        foreach (var pod in rendered.CallCenterNodes)
        {
            var container = pod.Containers.Single();
            var httpPort = new Uri(new ContainerEnvironment(rendered, pod, container).Values[NodeEnvironment.Prefix + "Http__Url"]).Port;
            foreach (var (probe, path) in new[] { ("readinessProbe", HealthEndpoints.ReadyPath), ("livenessProbe", HealthEndpoints.LivePath) })
            {
                var get = container.Map(probe).Map("httpGet");
                Assert.True(get is not null, $"{pod}: no {probe}.httpGet");
                Assert.Equal(path, get.Text("path"));
                Assert.Equal(httpPort, ContainerPort(container, get.Text("port")!));
            }
        }
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_environment_variable_should_be_one_the_node_reads(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        foreach (var pod in rendered.CallCenterNodes)
        {
            var environment = new ContainerEnvironment(rendered, pod, pod.Containers.Single());
            var unread = environment.Values.Keys.Where(name => !NodeEnvironment.IsOption(name)
                && !NodeEnvironment.OpenTelemetryNames.Contains(name)
                // a downward-API helper counts only if a value is built from it
                && !(environment.DownwardApiNames.Contains(name) && environment.ReferencedNames.Contains(name)));

            Assert.True(!unread.Any(), $"{pod}: the node does not read {string.Join(", ", unread)}");
            Assert.True(NodeEnvironment.BindingProblems(environment.Values) is [], $"{pod}: {string.Join("; ", NodeEnvironment.BindingProblems(environment.Values))}");
        }
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Seeds_should_name_every_routing_pod_through_the_headless_service_and_remoting_port(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var routing = rendered.RoutingStatefulSet;
        var serviceName = routing.Spec.Text("serviceName")!;
        var service = rendered.Single("Service", serviceName);
        var routingPod = rendered.NodesWithRole(NodeRoles.Routing).Single();
        var remotingPort = int.Parse(new ContainerEnvironment(rendered, routingPod, routingPod.Containers.Single()).Values[NodeEnvironment.Prefix + "Cluster__Port"]);
        var domain = $"{serviceName}.{routing.Namespace}.svc.cluster.local";

        Assert.Equal("None", service.Spec.Text("clusterIP"));
        Assert.True(service.Spec.Bool("publishNotReadyAddresses"), "pods must resolve before they are ready, or none could join");
        Assert.True(RenderedManifests.Selects(service.Spec.Strings("selector"), routingPod.Labels), $"{service} does not select {routing}'s pods");
        Assert.Equal(remotingPort, ContainerPort(routingPod.Containers.Single(), "remoting"));
        var expected = Enumerable.Range(0, routing.Spec.Int("replicas")!.Value).Select(i => $"{routing.Name}-{i}.{domain}:{remotingPort}").ToList();
        foreach (var pod in rendered.CallCenterNodes)
            Assert.Equal(expected, Seeds(new ContainerEnvironment(rendered, pod, pod.Containers.Single()).Values));
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Routing_node_should_call_itself_by_its_own_stable_dns_name(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var routing = rendered.RoutingStatefulSet;
        var pod = rendered.NodesWithRole(NodeRoles.Routing).Single();
        for (var ordinal = 0; ordinal < routing.Spec.Int("replicas"); ordinal++)
            Assert.Equal(
                $"{routing.Name}-{ordinal}.{routing.Spec.Text("serviceName")}.{routing.Namespace}.svc.cluster.local",
                new ContainerEnvironment(rendered, pod, pod.Containers.Single(), ordinal).Values[NodeEnvironment.Prefix + "Cluster__Hostname"]);
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Routing_node_should_start_once_its_own_dns_name_resolves(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var pod = rendered.NodesWithRole(NodeRoles.Routing).Single();
        var wait = Assert.Single(pod.InitContainers);
        const int ordinal = 1;
        var waitEnvironment = new ContainerEnvironment(rendered, pod, wait, ordinal);
        var hostname = new ContainerEnvironment(rendered, pod, pod.Containers.Single(), ordinal).Values[NodeEnvironment.Prefix + "Cluster__Hostname"];

        Assert.Equal([hostname], wait.Items("args").Select(a => waitEnvironment.Expand(a.ToString())));
        Assert.Contains("getent hosts", string.Join(" ", wait.Items("command")));
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Disruption_budget_should_keep_a_majority_of_an_odd_number_of_routing_nodes(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var routing = rendered.RoutingStatefulSet;
        var replicas = routing.Spec.Int("replicas")!.Value;
        var pod = rendered.NodesWithRole(NodeRoles.Routing).Single();
        var budget = Assert.Single(rendered.OfKind("PodDisruptionBudget"), b => RenderedManifests.Selects(b.Spec.Map("selector").Strings("matchLabels"), pod.Labels));
        var mayBeDown = budget.Spec.Int("maxUnavailable") ?? replicas - budget.Spec.Int("minAvailable")!.Value;

        Assert.True(replicas >= 3 && replicas % 2 == 1, $"{replicas} routing nodes: keep-majority needs an odd number, at least 3");
        Assert.True(mayBeDown >= 1, $"{budget} lets no routing node be drained");
        Assert.True(replicas - mayBeDown > replicas / 2, $"{budget} lets {mayBeDown} of {replicas} routing nodes go: the rest is no majority");
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Routing_nodes_should_spread_over_hosts_and_leave_gracefully(string overlay)
    {
        var pod = Kustomize.Overlay(overlay).NodesWithRole(NodeRoles.Routing).Single();
        var antiAffinity = Assert.Single(pod.Spec.Map("affinity").Map("podAntiAffinity").Items("requiredDuringSchedulingIgnoredDuringExecution"));
        var preStop = pod.Containers.Single().Map("lifecycle").Map("preStop").Map("sleep").Int("seconds");

        Assert.Equal("kubernetes.io/hostname", antiAffinity.Text("topologyKey"));
        Assert.True(RenderedManifests.Selects(antiAffinity.Map("labelSelector").Strings("matchLabels"), pod.Labels), "anti-affinity must select the routing pods");
        Assert.True(preStop > 0, "routing nodes need a preStop pause before SIGTERM");
        Assert.True(pod.Spec.Int("terminationGracePeriodSeconds") >= preStop + 30, "leaving the cluster and handing shards over needs time after preStop");
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_node_should_have_time_to_drain_and_leave_before_it_is_killed(string overlay)
    {
        // The node's host allows itself the gateway's drain grace plus ShutdownOptions.LeaveSeconds after SIGTERM
        // (which comes after preStop): a shorter terminationGracePeriodSeconds kills it mid-drain or mid-hand-over.
        var rendered = Kustomize.Overlay(overlay);
        Assert.All(rendered.CallCenterNodes, pod =>
        {
            var container = pod.Containers.Single();
            var environment = new ContainerEnvironment(rendered, pod, container).Values;
            var grace = environment.TryGetValue(NodeEnvironment.Prefix + "Shutdown__GracePeriodSeconds", out var set)
                ? int.Parse(set) : new ShutdownOptions().GracePeriodSeconds;
            var preStop = container.Map("lifecycle").Map("preStop").Map("sleep").Int("seconds") ?? 0;
            var needed = preStop + grace + ShutdownOptions.LeaveSeconds;
            Assert.True(pod.Spec.Int("terminationGracePeriodSeconds") >= needed,
                $"{pod}: terminationGracePeriodSeconds {pod.Spec.Int("terminationGracePeriodSeconds")} < preStop {preStop} + drain {grace} + leave {ShutdownOptions.LeaveSeconds}");
        });
    }

    private static IReadOnlyList<string> Seeds(IReadOnlyDictionary<string, string> environment) =>
        [.. environment.Where(e => e.Key.StartsWith(NodeEnvironment.Prefix + "Cluster__Seeds__", StringComparison.OrdinalIgnoreCase))
            .OrderBy(e => int.Parse(e.Key.Split("__")[^1])).Select(e => e.Value)];

    /// <summary>The number of a container port given by name or number, as a probe or Service names it.</summary>
    internal static int ContainerPort(YamlDotNet.RepresentationModel.YamlNode container, string nameOrNumber)
    {
        var port = container.Items("ports").FirstOrDefault(p => p.Text("name") == nameOrNumber || p.Text("containerPort") == nameOrNumber);
        Assert.True(port is not null, $"no container port {nameOrNumber}");
        return port.Int("containerPort")!.Value;
    }
}
