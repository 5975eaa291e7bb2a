using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CallCenter.Actors.Definition;
using Npgsql;

namespace CallCenter.Bench.Routing;

/// <summary>
/// <c>--routing-nodes N</c>: N real node processes (<c>CallCenter.Node</c>, role routing only) on PostgreSQL, in a schema
/// of their own for the run (dropped at the end), with the run's definition in a file; the benchmark joins their
/// cluster as a member without the routing role and drives the entities through sharding proxies.
/// </summary>
public sealed class RoutingNodes(string adminConnection, string schema, string folder) : IAsyncDisposable
{
    private readonly List<(Process Process, string Log)> _nodes = [];

    /// <summary>The nodes' remoting addresses, the seeds the benchmark joins.</summary>
    public List<string> Seeds { get; } = [];

    /// <summary>The connection string of the run's schema, for the benchmark's own member.</summary>
    public string Connection => new NpgsqlConnectionStringBuilder(adminConnection) { SearchPath = schema }.ConnectionString;

    public static async Task<RoutingNodes> StartAsync(int count, string connection, ContactCenterDefinition definition, string run)
    {
        var folder = Directory.CreateTempSubdirectory($"callcenter-bench-nodes-{run}-").FullName;
        var schema = $"bench_{run}_{Environment.ProcessId}";
        var nodes = new RoutingNodes(connection, schema, folder);
        await nodes.ExecuteAsync($"CREATE SCHEMA {schema}");
        var definitionPath = Path.Combine(folder, "callcenter.yaml");
        await File.WriteAllTextAsync(definitionPath, Yaml(definition));
        var ports = Enumerable.Range(0, count).Select(_ => FreeTcpPort()).ToList();
        nodes.Seeds.AddRange(ports.Select(p => $"127.0.0.1:{p}"));
        // One after the other: nodes creating the journal's tables side by side on an empty schema race in the catalog.
        for (var i = 0; i < count; i++)
            await nodes.StartNodeAsync(i, ports[i], definitionPath);
        return nodes;
    }

    /// <summary>User plus system CPU time the node processes have used so far (/proc, USER_HZ 100).</summary>
    public TimeSpan Cpu() => TimeSpan.FromSeconds(_nodes.Sum(n =>
    {
        var stat = File.ReadAllText($"/proc/{n.Process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }));

    private async Task StartNodeAsync(int index, int port, string definitionPath)
    {
        var log = Path.Combine(folder, $"node{index}.log");
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "CallCenter.Node"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var arg in new[]
                 {
                     "--CallCenter:Cluster:Roles=routing",
                     $"--CallCenter:Cluster:Port={port}",
                     $"--CallCenter:Cluster:Seeds={string.Join(",", Seeds)}",
                     $"--CallCenter:Http:Url=http://127.0.0.1:{FreeTcpPort()}",
                     "--CallCenter:Sip:Port=0",
                     "--CallCenter:Persistence:Provider=postgres",
                     $"--CallCenter:Persistence:ConnectionString={Connection}",
                     $"--CallCenter:Persistence:DataDirectory={Path.Combine(folder, $"data{index}")}",
                     $"--CallCenter:Definition:Path={definitionPath}",
                     "--Logging:LogLevel:Default=Warning",
                 })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var writer = new StreamWriter(log) { AutoFlush = true };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Line(string? line)
        {
            if (line is null)
                return;
            lock (writer)
                writer.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _nodes.Add((process, log));
        Console.Error.WriteLine($"routing node {index}: pid {process.Id}, remoting 127.0.0.1:{port}, log {log}");
        await WaitUpAsync(port, process, log);
    }

    /// <summary>A node is up for this purpose once its remoting port accepts connections (the cluster join follows).</summary>
    private static async Task WaitUpAsync(int port, Process process, string log)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the routing node exited with {process.ExitCode}; see {log}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(200);
            }
        }
        throw new TimeoutException($"the routing node on {port} did not listen within 90 s; see {log}");
    }

    /// <summary>The run's definition as the node reads it (queues and agents only).</summary>
    private static string Yaml(ContactCenterDefinition d) =>
        "queues:\n" + string.Concat(d.Queues.Select(q =>
            $"  - {{name: {q.Name}, ringTimeoutSeconds: {q.RingTimeoutSeconds}, wrapUpSeconds: {q.WrapUpSeconds}, autoReadyAfterWrapUp: {(q.AutoReadyAfterWrapUp ? "true" : "false")}}}\n"))
        + "agents:\n" + string.Concat(d.Agents.Select(a =>
            $"  - {{id: \"{a.Id}\", name: \"{a.Name}\", site: {a.Site}, queues: [{string.Join(", ", a.Queues)}]}}\n"));

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (process, _) in _nodes.Where(n => !n.Process.HasExited))
            process.Kill(entireProcessTree: true);
        foreach (var (process, _) in _nodes)
            await process.WaitForExitAsync();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE");
        Directory.Delete(folder, recursive: true);
    }
}
