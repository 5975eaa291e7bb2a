using System.Text.Json;
using System.Xml.Linq;
using CallCenter.Node.Configuration;

namespace CallCenter.Node.Tests.Deployment;

/// <summary>
/// The image's <c>Dockerfile</c>, checked without a Docker engine (none on the machine these run on): its stages, its
/// user, its entry point, its ports and its environment against the node they package.
/// </summary>
public sealed class DockerfileSpecs
{
    private static readonly Dockerfile File = Dockerfile.Read(Path.Combine(RepositoryFiles.Root, "Dockerfile"));
    private static readonly string NodeProject = Path.Combine("src", "Cluster.Node", "Cluster.Node.csproj");
    private static DockerStage Runtime => File.Stages[^1];

    [Fact]
    public void Dockerfile_should_publish_in_an_sdk_stage_and_run_on_the_aspnet_runtime()
    {
        var build = Assert.Single(File.Stages, s => s.Name == "build");

        Assert.True(File.Stages.Count >= 2, "multi-stage: build, then runtime");
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", build.Image);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", Runtime.Image);
        Assert.Contains(build.All("RUN"), r => r.Arguments.StartsWith("dotnet publish " + NodeProject.Replace('\\', '/'), StringComparison.Ordinal));
        Assert.Contains(Runtime.All("COPY"), c => c.Arguments.StartsWith($"--from={build.Name} ", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_should_give_the_build_the_web_clients_npm_packages()
    {
        // The SDK image has no Node.js: the SignalR browser client is installed in its own stage and copied in,
        // otherwise the node project's build would run npm ci and fail.
        var web = Assert.Single(File.Stages, s => s.All("RUN").Any(r => r.Arguments.StartsWith("npm ci", StringComparison.Ordinal)));
        var build = Assert.Single(File.Stages, s => s.Name == "build");

        Assert.Contains(build.All("COPY"), c => c.Arguments.StartsWith($"--from={web.Name} ", StringComparison.Ordinal)
            && c.Words[^1].StartsWith("src/Cluster.Node/node_modules", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_should_run_as_the_fixed_non_root_uid_the_manifests_name()
    {
        var user = Assert.Single(Runtime.All("USER")).Words.Single().Split(':')[0];
        var manifestUsers = Kustomize.Overlay(Kustomize.SingleSite).CallCenterNodes
            .Select(p => p.Spec.Map("securityContext").Text("runAsUser")).Distinct();

        Assert.True(int.TryParse(user, out var uid) && uid > 0, $"USER {user}: a fixed numeric UID other than root's");
        Assert.Equal(user, Assert.Single(manifestUsers));
    }

    [Fact]
    public void Dockerfile_should_start_the_node_assembly()
    {
        var assembly = XDocument.Load(Path.Combine(RepositoryFiles.Root, NodeProject)).Descendants("AssemblyName").Single().Value;
        var entryPoint = JsonSerializer.Deserialize<string[]>(Assert.Single(Runtime.All("ENTRYPOINT")).Arguments);

        Assert.Equal(["dotnet", assembly + ".dll"], entryPoint ?? []);
    }

    [Fact]
    public void Dockerfile_should_expose_the_node_default_ports()
    {
        var defaults = CallCenterOptions.Defaults;
        var exposed = Runtime.All("EXPOSE").SelectMany(e => e.Words).Order();

        Assert.Equal(new[]
        {
            $"{new Uri(defaults.Http.Url).Port}/tcp", $"{defaults.Cluster.Port}/tcp", $"{defaults.Sip.Port}/tcp", $"{defaults.Sip.Port}/udp",
        }.Order(), exposed);
    }

    [Fact]
    public void Dockerfile_environment_should_be_options_the_node_reads()
    {
        var environment = Dockerfile.Environment(Runtime);

        Assert.All(environment.Keys, name => Assert.True(NodeEnvironment.IsOption(name), $"ENV {name} is not a CallCenter__ option"));
        Assert.Equal([], NodeEnvironment.BindingProblems(environment));
    }

    [Fact]
    public void Dockerfile_should_copy_only_files_the_repository_has_and_the_build_context_keeps()
    {
        var ignored = System.IO.File.ReadAllLines(Path.Combine(RepositoryFiles.Root, ".dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Replace("**/", "").TrimEnd('/')).ToList();
        var sources = File.Stages.SelectMany(s => s.All("COPY")).Where(c => !c.Arguments.StartsWith("--from=", StringComparison.Ordinal))
            .SelectMany(c => c.Words.SkipLast(1));

        Assert.All(sources, source =>
        {
            Assert.True(Path.Exists(Path.Combine(RepositoryFiles.Root, source)), $"COPY {source}: no such file in the repository");
            Assert.DoesNotContain(ignored, i => source.TrimEnd('/') == i || source.StartsWith(i + "/", StringComparison.Ordinal));
        });
    }
}
