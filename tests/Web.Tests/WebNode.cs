using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CallCenter.Web.Tests;

/// <summary>
/// The whole node on a real loopback port (Kestrel), for a real browser: a cluster of one on SQLite in
/// <see cref="DataDirectory"/>, with <see cref="TestDefinition"/>. Another instance on the same port and data
/// directory is the same node restarted.
/// </summary>
public sealed class WebNode : WebApplicationFactory<Program>
{
    /// <summary>The key the tests' own setup calls use (virtual calls, customers, agents' states).</summary>
    public const string ApiKey = "web-tests-key-0123456789";

    private readonly string _definitionPath;

    private WebNode(int port, string dataDirectory, string definitionPath)
    {
        Port = port;
        DataDirectory = dataDirectory;
        _definitionPath = definitionPath;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>An HTTP client of the node's API that authenticates with the key.</summary>
    public HttpClient Api { get; } = new() { Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Starts a node and waits until it is ready (cluster member up, definition applied).</summary>
    public static async Task<WebNode> StartAsync(int port, string dataDirectory, string definitionPath)
    {
        var node = new WebNode(port, dataDirectory, definitionPath);
        node.UseKestrel(port);
        node.StartServer();
        node.Api.BaseAddress = node.Address;
        node.Api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await node.IsReadyAsync())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the node on port {port} did not become ready within 60 s");
            await Task.Delay(100);
        }
        return node;
    }

    /// <summary>A loopback port nobody listens on now, kept for a node and its restarts.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("CallCenter:Http:Url", Address.ToString().TrimEnd('/'));
        builder.UseSetting("CallCenter:Cluster:Port", "0");
        builder.UseSetting("CallCenter:Sip:Port", "0");
        builder.UseSetting("CallCenter:Persistence:DataDirectory", DataDirectory);
        builder.UseSetting("CallCenter:Definition:Path", _definitionPath);
        builder.UseSetting("CallCenter:Api:Key", ApiKey);
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            return (await Api.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Api.Dispose();
        base.Dispose(disposing);
    }
}
