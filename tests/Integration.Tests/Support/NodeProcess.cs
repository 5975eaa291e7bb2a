using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Net.Sockets;
using System.Text;

namespace CallCenter.Integration.Tests.Support;

/// <summary>
/// The real node as an operator runs it: the built CallCenter.Node executable in its own process,
/// from the repository root, on loopback ports chosen free for the test and a fresh data directory.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    /// <summary>The API key every test node is started with (<c>CallCenter__Api__Key</c>): the tests act as an admin.</summary>
    public const string ApiKey = "integration-tests-key-0123456789";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _data;

    private NodeProcess(Process process, string data, string httpHost, int httpPort, int sipPort)
    {
        _process = process;
        _data = data;
        HttpHost = httpHost;
        HttpPort = httpPort;
        SipPort = sipPort;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The address the node's HTTP listens on: loopback, or its namespace's address (see <see cref="NodeHost"/>).</summary>
    public string HttpHost { get; }

    public int HttpPort { get; }

    public int SipPort { get; }

    public Uri Http => new($"http://{HttpHost}:{HttpPort}");

    public string Output { get { lock (_output) return _output.ToString(); } }

    public bool HasExited => _process.HasExited;

    /// <summary>When the process was seen to exit (UTC), or null while it runs.</summary>
    public DateTimeOffset? ExitedAt => _process.HasExited ? new DateTimeOffset(_process.ExitTime.ToUniversalTime(), TimeSpan.Zero) : null;

    public int ProcessId => _process.Id;

    /// <summary><c>kill -9</c>: the node dies at once, as in a kernel panic; nothing of it runs on.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Sends SIGTERM, as Kubernetes does, and waits up to <paramref name="timeout"/> for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        const int SigTerm = 15;
        if (Kill(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>Starts the node with extra <c>--CallCenter:...=...</c> settings and waits until /health/ready answers 200.</summary>
    public static Task<NodeProcess> StartAsync(params string[] settings) => StartAsync(NodeHost.Loopback, settings);

    /// <summary>
    /// Starts the node on <paramref name="host"/> (inside its network namespace, if it names one, with
    /// <c>ip netns exec</c>, which execs the node: the process is the node itself) and waits until /health/ready answers 200.
    /// </summary>
    public static async Task<NodeProcess> StartAsync(NodeHost host, params string[] settings)
    {
        var httpPort = LoopbackPorts.Take();
        var sipPort = LoopbackPorts.Take();
        var data = Directory.CreateTempSubdirectory("callcenter-node-").FullName;
        var executable = Path.Combine(AppContext.BaseDirectory, "CallCenter.Node");
        var start = new ProcessStartInfo(host.NetworkNamespace is null ? executable : "ip")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["CallCenter__Api__Key"] = ApiKey },
        };
        if (host.NetworkNamespace is { } networkNamespace)
            foreach (var arg in new[] { "netns", "exec", networkNamespace, executable })
                start.ArgumentList.Add(arg);
        foreach (var arg in new[]
                 {
                     $"--CallCenter:Http:Url=http://{host.Address}:{httpPort}",
                     "--CallCenter:Cluster:Port=0",
                     $"--CallCenter:Sip:Port={sipPort}",
                     $"--CallCenter:Persistence:DataDirectory={data}",
                 }.Concat(settings))
            start.ArgumentList.Add(arg);
        var node = new NodeProcess(Process.Start(start)!, data, host.Address, httpPort, sipPort);
        using var http = new HttpClient { BaseAddress = node.Http, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !node.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                    return node;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        var output = node.Output;
        await node.DisposeAsync();
        throw new InvalidOperationException($"the node did not become ready in 90 s; its output:\n{output}");
    }

    /// <summary>A client of the node's API that sends <see cref="ApiKey"/>.</summary>
    public HttpClient ApiClient(TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = Http, Timeout = timeout };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        _process.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// Where a node runs: its HTTP address and, for a node cut off by a partition test, the network namespace it runs in
/// (<c>ip netns</c>; null: the test's own). SIP stays on the namespace's loopback.
/// </summary>
public sealed record NodeHost(string Address, string? NetworkNamespace = null)
{
    public static readonly NodeHost Loopback = new("127.0.0.1");
}

/// <summary>Paths of the repository and its shared sibling folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The workplace's shared folder (sibling of the repository), which holds the SIP torture corpus.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CallCenter.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"CallCenter.sln not found above {AppContext.BaseDirectory}");
    }
}
