using System.Collections.Concurrent;
using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CallCenter.Node.Tests.Deployment;

/// <summary>Renders a kustomize overlay of <c>k8s/</c> with the real <c>kubectl kustomize</c>, once per overlay.</summary>
internal static class Kustomize
{
    public const string SingleSite = "single-site";
    public const string MultiSite = "multi-site";
    public static TheoryData<string> Overlays => [SingleSite, MultiSite];

    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<string, Lazy<RenderedManifests>> Rendered = new();

    public static RenderedManifests Overlay(string overlay) =>
        Rendered.GetOrAdd(overlay, o => new Lazy<RenderedManifests>(() => Render(Path.Combine(RepositoryFiles.Root, "k8s", "overlays", o)))).Value;

    private static RenderedManifests Render(string directory)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(RenderTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl kustomize {directory} took more than {RenderTimeout.TotalSeconds} s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"kubectl kustomize {directory} failed ({process.ExitCode}): {errors.Result}");

        var stream = new YamlStream();
        stream.Load(new StringReader(output.Result));
        return new RenderedManifests([.. stream.Documents.Select(d => new Manifest((YamlMappingNode)d.RootNode))]);
    }
}
