using System.Net;
using CallCenter.Node.Health;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CallCenter.Node.Tests.Hosting;

/// <summary>The whole node in-process: a cluster of one on a fresh SQLite file with the sample definition.</summary>
public sealed class NodeFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("CallCenter:Cluster:Port", "0");
        builder.UseSetting("CallCenter:Sip:Port", "0");
        builder.UseSetting("CallCenter:Persistence:DataDirectory", _data.Path);
        builder.UseSetting("CallCenter:Definition:Path", RepositoryFiles.SampleDefinition);
        builder.UseSetting("CallCenter:Media:PromptsPath", RepositoryFiles.Prompts);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _data.Dispose();
    }
}

public static class NodeReadiness
{
    /// <summary>A client for a node that is ready (cluster member Up, definition applied).</summary>
    public static async Task<HttpClient> ReadyClientAsync(this WebApplicationFactory<Program> node)
    {
        var client = node.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await client.GetAsync(HealthEndpoints.ReadyPath)).StatusCode != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the node did not become ready within 60 s");
            await Task.Delay(100);
        }
        return client;
    }
}
