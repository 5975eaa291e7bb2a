using CallCenter.Node.Auth;
using CallCenter.Node.Tests.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CallCenter.Node.Tests.Admin;

/// <summary>The whole node on SQLite in <paramref name="dataDirectory"/>, which outlives the node so that a second one restarts on it.</summary>
public sealed class AdminNode(string dataDirectory) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("CallCenter:Cluster:Port", "0");
        builder.UseSetting("CallCenter:Sip:Port", "0");
        builder.UseSetting("CallCenter:Persistence:DataDirectory", dataDirectory);
        builder.UseSetting("CallCenter:Definition:Path", RepositoryFiles.SampleDefinition);
        builder.UseSetting("CallCenter:Media:PromptsPath", RepositoryFiles.Prompts);
        builder.UseSetting("CallCenter:Api:Key", NodeFactory.ApiKey);
    }

    /// <summary>Clients are admins by the key; <see cref="NodeReadiness.CreateAnonymousClient"/> sends nothing.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(AuthSchemes.ApiKeyHeader, NodeFactory.ApiKey);
    }

}

/// <summary>One node for a class of specs, on a data directory of its own.</summary>
public sealed class AdminNodeFixture : IDisposable
{
    private readonly TempDirectory _data = new();

    public AdminNodeFixture() => Node = new AdminNode(_data.Path);

    public AdminNode Node { get; }

    public void Dispose()
    {
        Node.Dispose();
        _data.Dispose();
    }
}
