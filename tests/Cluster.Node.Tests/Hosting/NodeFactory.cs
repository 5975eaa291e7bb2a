using System.Net;
using CallCenter.Node.Auth;
using CallCenter.Node.Health;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CallCenter.Node.Tests.Hosting;

/// <summary>
/// The whole node in-process: a cluster of one on a fresh SQLite file with the sample definition. Its clients
/// send the node's API key (an admin); <see cref="NodeReadiness.CreateAnonymousClient"/> sends nothing.
/// </summary>
public sealed class NodeFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "node-tests-key-0123456789";

    private readonly TempDirectory _data = new();

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("CallCenter:Cluster:Port", "0");
        builder.UseSetting("CallCenter:Sip:Port", "0");
        builder.UseSetting("CallCenter:Persistence:DataDirectory", _data.Path);
        builder.UseSetting("CallCenter:Definition:Path", RepositoryFiles.SampleDefinition);
        builder.UseSetting("CallCenter:Media:PromptsPath", RepositoryFiles.Prompts);
        builder.UseSetting("CallCenter:Api:Key", ApiKey);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, ApiKey);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _data.Dispose();
    }
}

public static class NodeReadiness
{
    /// <summary>A client without the key (it keeps cookies, as a browser does).</summary>
    public static HttpClient CreateAnonymousClient(this WebApplicationFactory<Program> node)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Remove(AuthSchemes.ApiKeyHeader);
        return client;
    }

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
