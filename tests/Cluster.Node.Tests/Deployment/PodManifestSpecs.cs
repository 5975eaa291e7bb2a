using CallCenter.Node.Configuration;
using CallCenter.Node.Definition;

namespace CallCenter.Node.Tests.Deployment;

/// <summary>
/// Where the overlays differ (the database and its Secret), then every pod of every rendered overlay, the CallCenter
/// nodes and the others (PostgreSQL, the collector): security context and resources, and what the gateways, the
/// definition and the collector must agree on.
/// </summary>
public sealed class PodManifestSpecs
{
    [Fact]
    public void Single_site_should_render_every_secret_its_pods_need()
    {
        var rendered = Kustomize.Overlay(Kustomize.SingleSite);
        var references = rendered.Pods.SelectMany(p => p.Containers).SelectMany(c => c.Items("env"))
            .Select(e => e.Map("valueFrom").Map("secretKeyRef")).OfType<YamlDotNet.RepresentationModel.YamlMappingNode>();

        Assert.All(references, r => Assert.True(rendered.Values("Secret", r.Text("name")!)?.ContainsKey(r.Text("key")!),
            $"Secret {r.Text("name")} with key {r.Text("key")} is not rendered"));
        Assert.Single(rendered.OfKind("StatefulSet"), s => s.Name.Contains("postgres"));
    }

    [Fact]
    public void Multi_site_should_leave_postgres_to_an_external_secret()
    {
        var rendered = Kustomize.Overlay(Kustomize.MultiSite);
        var routing = rendered.NodesWithRole(NodeRoles.Routing).Single();
        var connection = new ContainerEnvironment(rendered, routing, routing.Containers.Single()).Values[NodeEnvironment.Prefix + "Persistence__ConnectionString"];

        Assert.Equal(ContainerEnvironment.ExternalSecretPlaceholder, connection);
        Assert.DoesNotContain(rendered.Pods, p => p.Workload.Name.Contains("postgres"));
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_pod_should_run_non_root_on_a_read_only_root_without_capabilities(string overlay)
    {
        foreach (var pod in Kustomize.Overlay(overlay).Pods)
        {
            var podSecurity = pod.Spec.Map("securityContext");
            Assert.True(podSecurity.Bool("runAsNonRoot") == true && podSecurity.Int("runAsUser") > 0, $"{pod}: runAsNonRoot with a fixed non-root UID");
            Assert.True(podSecurity.Map("seccompProfile").Text("type") == "RuntimeDefault", $"{pod}: seccomp RuntimeDefault");
            foreach (var container in pod.AllContainers)
            {
                var security = container.Map("securityContext");
                Assert.True(security.Bool("readOnlyRootFilesystem") == true, $"{pod}: read-only root filesystem");
                Assert.True(security.Bool("allowPrivilegeEscalation") == false, $"{pod}: no privilege escalation");
                Assert.True(security.Map("capabilities").Items("drop").Select(d => d.ToString()).SequenceEqual(["ALL"]), $"{pod}: drop ALL capabilities");
                foreach (var bound in new[] { "requests", "limits" })
                    Assert.True(container.Map("resources").Map(bound).Text("cpu") is not null && container.Map("resources").Map(bound).Text("memory") is not null,
                        $"{pod}: resources.{bound} for cpu and memory");
            }
        }
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Gateways_should_announce_sip_and_rtp_on_the_host_network(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        foreach (var pod in rendered.NodesWithRole(NodeRoles.Gateway))
        {
            var container = pod.Containers.Single();
            var environment = new ContainerEnvironment(rendered, pod, container).Values;
            var sipPort = environment[NodeEnvironment.Prefix + "Sip__Port"];
            var sipPorts = container.Items("ports").Where(p => p.Text("containerPort") == sipPort).Select(p => p.Text("protocol") ?? "TCP").Order();

            Assert.True(pod.Spec.Bool("hostNetwork"), $"{pod}: SIP and SDP announce the address they are reached at: hostNetwork");
            Assert.Equal(["TCP", "UDP"], sipPorts);
            Assert.Equal(ContainerEnvironment.SampleHostIp, environment[NodeEnvironment.Prefix + "Sip__Address"]);
            Assert.Equal(ContainerEnvironment.SampleHostIp, environment[NodeEnvironment.Prefix + "Sip__RtpAddress"]);
        }
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Each_site_of_the_definition_should_have_its_own_gateway(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var gateways = rendered.NodesWithRole(NodeRoles.Gateway).ToList();
        var gatewaySites = gateways.Select(g => g.Labels.GetValueOrDefault("callcenter.io/site")).ToList();
        var definitionSites = Definitions(rendered).SelectMany(d => d.Agents).Select(a => a.Site).Distinct();

        Assert.Equal(gatewaySites.Distinct().Count(), gateways.Count);
        Assert.Equal(definitionSites.Order(), gatewaySites.Order()!);
        if (overlay == Kustomize.MultiSite)
        {
            Assert.True(gateways.Count >= 2, "multi-site runs a gateway per site");
            Assert.All(gateways, g => Assert.Equal(g.Labels["callcenter.io/site"], g.Spec.Strings("nodeSelector").GetValueOrDefault("callcenter.io/site")));
        }
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Mounted_definition_should_load_with_the_node_loader(string overlay) =>
        Assert.NotEmpty(Definitions(Kustomize.Overlay(overlay)).SelectMany(d => d.Agents));

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Nodes_should_send_telemetry_to_the_collector_otlp_receiver(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var collectorConfig = rendered.Values("ConfigMap", rendered.Single("Deployment", "otel-collector")
            .Spec.Map("template").Map("spec").Items("volumes").Single().Map("configMap").Text("name")!)!["config.yaml"];
        foreach (var pod in rendered.CallCenterNodes)
        {
            var endpoint = new Uri(new ContainerEnvironment(rendered, pod, pod.Containers.Single()).Values["OTEL_EXPORTER_OTLP_ENDPOINT"]);
            var service = rendered.Single("Service", endpoint.Host);
            var servicePort = Assert.Single(service.Spec.Items("ports"), p => p.Int("port") == endpoint.Port);
            var collector = Assert.Single(rendered.Pods, p => RenderedManifests.Selects(service.Spec.Strings("selector"), p.Labels));
            var containerPort = NodeManifestSpecs.ContainerPort(collector.Containers.Single(), servicePort.Text("targetPort")!);

            Assert.Contains($"0.0.0.0:{containerPort}", collectorConfig);
        }
        Assert.Contains("prometheus:", collectorConfig);
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Every_service_should_reach_a_container_port_of_the_pods_it_selects(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        foreach (var service in rendered.OfKind("Service"))
        {
            var pods = rendered.Pods.Where(p => RenderedManifests.Selects(service.Spec.Strings("selector"), p.Labels)).ToList();
            Assert.True(pods.Count > 0, $"{service} selects no pod");
            foreach (var port in service.Spec.Items("ports"))
                Assert.All(pods, pod => NodeManifestSpecs.ContainerPort(pod.Containers.Single(), port.Text("targetPort") ?? port.Text("port")!));
        }
    }

    [Theory, MemberData(nameof(Kustomize.Overlays), MemberType = typeof(Kustomize))]
    public void Ingress_should_send_browsers_to_the_web_nodes(string overlay)
    {
        var rendered = Kustomize.Overlay(overlay);
        var ingress = Assert.Single(rendered.OfKind("Ingress"));
        var backend = Assert.Single(Assert.Single(ingress.Spec.Items("rules")).Map("http").Items("paths")).Map("backend").Map("service");
        var service = rendered.Single("Service", backend.Text("name")!);

        Assert.Single(service.Spec.Items("ports"), p => p.Text("name") == backend.Map("port").Text("name"));
        Assert.All(rendered.Pods.Where(p => RenderedManifests.Selects(service.Spec.Strings("selector"), p.Labels)),
            pod => Assert.Equal(NodeRoles.Web, pod.Component));
        Assert.Equal("cookie", ingress.Root.Map("metadata").Strings("annotations").GetValueOrDefault("nginx.ingress.kubernetes.io/affinity"));
    }

    /// <summary>Each node's definition, read from the ConfigMap mounted where CallCenter:Definition:Path points, loaded with the shipped prompts.</summary>
    private static IEnumerable<Actors.Definition.ContactCenterDefinition> Definitions(RenderedManifests rendered) =>
        rendered.CallCenterNodes.Select(pod =>
        {
            var container = pod.Containers.Single();
            var path = new ContainerEnvironment(rendered, pod, container).Values[NodeEnvironment.Prefix + "Definition__Path"];
            var mount = Assert.Single(container.Items("volumeMounts"), m => m.Text("mountPath") == Path.GetDirectoryName(path));
            var volume = Assert.Single(pod.Spec.Items("volumes"), v => v.Text("name") == mount.Text("name"));
            var files = rendered.Values("ConfigMap", volume.Map("configMap").Text("name")!);
            Assert.True(files?.ContainsKey(Path.GetFileName(path)), $"{pod}: no {Path.GetFileName(path)} in the ConfigMap mounted at {mount.Text("mountPath")}");
            return ContactCenterDefinitionLoader.Parse(files![Path.GetFileName(path)], $"{pod}:{path}", RepositoryFiles.Prompts);
        });
}
