using CallCenter.Integration.Tests.Support;
using Npgsql;

namespace CallCenter.Integration.Tests.Cluster;

/// <summary>
/// A cluster as the issue deploys it, in real processes on loopback: three routing nodes and one gateway+web node
/// (which serves the API and hosts no entity), all on one PostgreSQL journal in a schema of their own (dropped at the
/// end), seeded from the three routing nodes' remoting addresses. Six queues of three agents each, 2 s ring timeout, 1 s wrap-up.
/// </summary>
public sealed class ClusterOnPostgres(
    string schema, string definitionDirectory, Func<string, int, string[]> arguments, int[] remotingPorts, NodeProcess[] routing, NodeProcess web,
    Func<int, NodePlacement>? placement = null, string? server = null)
    : IAsyncDisposable
{
    private readonly List<NodeProcess> _retired = [];

    public const int RoutingNodeCount = 3;

    public static readonly IReadOnlyList<string> Queues = ["q1", "q2", "q3", "q4", "q5", "q6"];

    /// <summary>
    /// Three agents per queue, <c>a{queue}{1-3}</c> (e.g. <c>aq11</c>): enough that some are idle when the failover ends,
    /// so the time measured is the cluster's, not agents finishing calls whose entity died with the node.
    /// </summary>
    public static readonly IReadOnlyList<string> Agents = [.. Queues.SelectMany(q => new[] { $"a{q}1", $"a{q}2", $"a{q}3" })];

    public IReadOnlyList<NodeProcess> Routing => routing;

    /// <summary>The run's PostgreSQL schema (the journal's tables live in it).</summary>
    public string Schema => schema;

    /// <summary>The gateway+web node: the API the traffic goes through.</summary>
    public NodeProcess Web { get; } = web;

    private static string Definition => $"""
        queues:
        {string.Concat(Queues.Select(q => $"  - {{name: {q}, strategy: longest-idle, ringTimeoutSeconds: 2, wrapUpSeconds: 1, autoReadyAfterWrapUp: true}}\n"))}
        agents:
        {string.Concat(Agents.Select(a => $"  - {{id: \"{a}\", name: Agent {a}, site: test, queues: [{a[1..3]}]}}\n"))}
        """;

    /// <summary>Creates the schema, starts the four nodes on loopback and waits until each is ready.</summary>
    public static Task<ClusterOnPostgres> StartAsync(params string[] settings) => StartAsync(_ => NodePlacement.Loopback, settings);

    /// <summary>
    /// The same on the PostgreSQL server of <paramref name="server"/> (a test's own, which it may restart) rather than
    /// <see cref="PostgresConnectionString"/>.
    /// </summary>
    public static Task<ClusterOnPostgres> StartOnAsync(string server, params string[] settings) =>
        StartAsync(_ => NodePlacement.Loopback, server, settings);

    /// <summary>
    /// Creates the schema, starts the four nodes where <paramref name="placement"/> says (by index: routing 0-2, then the
    /// gateway+web node) and waits until each is ready.
    /// </summary>
    public static Task<ClusterOnPostgres> StartAsync(Func<int, NodePlacement> placement, params string[] settings) =>
        StartAsync(placement, PostgresConnectionString, settings);

    private static async Task<ClusterOnPostgres> StartAsync(Func<int, NodePlacement> placement, string server, string[] settings)
    {
        var schema = $"failover_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE SCHEMA {schema}", server);
        var connection = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;

        var definitionDirectory = Directory.CreateTempSubdirectory("cluster-definition-").FullName;
        var definitionPath = Path.Combine(definitionDirectory, "callcenter.yaml");
        await File.WriteAllTextAsync(definitionPath, Definition);

        var remotingPorts = Enumerable.Range(0, RoutingNodeCount).Select(_ => LoopbackPorts.Take()).ToArray();
        var seeds = string.Join(",", remotingPorts.Select((p, i) => $"{placement(i).RemotingHost}:{p}"));
        // A node is known by its remoting port: a routing node's index, else the gateway+web node's.
        NodePlacement Placed(int port) => placement(Array.IndexOf(remotingPorts, port) is >= 0 and var i ? i : RoutingNodeCount);
        string[] Common(string roles, int port) =>
        [
            $"--CallCenter:Cluster:Roles={roles}",
            $"--CallCenter:Cluster:Hostname={Placed(port).RemotingHost}",
            $"--CallCenter:Cluster:Port={port}",
            $"--CallCenter:Cluster:Seeds={seeds}",
            "--CallCenter:Persistence:Provider=postgres",
            $"--CallCenter:Persistence:ConnectionString={Placed(port).Postgres(connection)}",
            $"--CallCenter:Definition:Path={definitionPath}",
            .. settings,
        ];

        // All four at once on the empty schema, as Kubernetes starts the gateway/web Deployment beside the routing
        // StatefulSet: each node creates the tables under an advisory lock before its actor system starts (PostgresTables).
        var nodes = new List<NodeProcess>();
        try
        {
            var starting = remotingPorts.Select((p, i) => NodeProcess.StartAsync(placement(i).Host, Common("routing", p)))
                .Append(NodeProcess.StartAsync(placement(RoutingNodeCount).Host, Common("gateway,web", LoopbackPorts.Take())))
                .ToList();
            try
            {
                await Task.WhenAll(starting);
            }
            finally
            {
                nodes.AddRange(starting.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result));
            }
            return new ClusterOnPostgres(schema, definitionDirectory, Common, remotingPorts, [.. nodes[..RoutingNodeCount]], nodes[RoutingNodeCount],
                placement, server);
        }
        catch
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
            await ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE", server);
            throw;
        }
    }

    /// <summary>Every node's output, for a failure message.</summary>
    public string Output(int lastLines = 40) => string.Join("\n", Routing.Append(Web).Select((n, i) =>
        $"--- node {i} ({(i < RoutingNodeCount ? "routing" : "gateway,web")}, exited: {n.HasExited})\n"
        + string.Join("\n", n.Output.Split('\n').TakeLast(lastLines))));

    private static readonly string[] FailoverMarks =
        ["Marking node(s) as UNREACHABLE", "SBR took decision", "Leader is removing", "Singleton manager started"];

    /// <summary>What the nodes still running logged about a failover: the timeline to read.</summary>
    public IEnumerable<string> FailoverTrail() => Routing.Append(Web)
        .Select((node, i) => (node, i))
        .Where(n => !n.node.HasExited)
        .SelectMany(n => n.node.Output.Split('\n')
            .Where(l => FailoverMarks.Any(m => l.Contains(m, StringComparison.Ordinal)))
            .Select(l => $"node {n.i}: {l.Trim()}"))
        .Take(80);

    /// <summary>
    /// A rolling update's step for routing node <paramref name="index"/>: SIGTERM, then a new process on the same remoting
    /// port (so the seeds still name it) once the old one exited; returns the old one's exit code.
    /// </summary>
    public async Task<int> RestartRoutingAsync(int index, TimeSpan exitTimeout)
    {
        var old = routing[index];
        var exitCode = await old.TerminateAsync(exitTimeout);
        _retired.Add(old);
        routing[index] = await NodeProcess.StartAsync((placement ?? (_ => NodePlacement.Loopback))(index).Host, arguments("routing", remotingPorts[index]));
        return exitCode;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Routing.Append(Web).Concat(_retired))
            await node.DisposeAsync();
        await ExecuteAsync($"DROP SCHEMA IF EXISTS {schema} CASCADE", server ?? PostgresConnectionString);
        try { Directory.Delete(definitionDirectory, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// <c>CALLCENTER_TEST_POSTGRES</c>, which ./test.sh sets after starting PostgreSQL 15; unset is a failure, never a
    /// skip.
    /// </summary>
    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable("CALLCENTER_TEST_POSTGRES") is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                "CALLCENTER_TEST_POSTGRES is not set. Run ./test.sh (it starts PostgreSQL 15 and sets it), or export an Npgsql " +
                "connection string, e.g. Host=127.0.0.1;Port=5432;Username=callcenter;Password=callcenter;Database=callcenter_test");

    private static async Task ExecuteAsync(string sql, string? server = null)
    {
        // Unpooled: a pooled connection from before a restart of the server (PostgresRestartSpecs) would be dead.
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(server ?? PostgresConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// Where one node of a <see cref="ClusterOnPostgres"/> runs: its host (and network namespace), the address its Akka
/// remoting binds and is known by, and the <c>host:port</c> it reaches PostgreSQL at (null: the test's own).
/// </summary>
public sealed record NodePlacement(NodeHost Host, string RemotingHost, string? PostgresEndpoint = null)
{
    public static readonly NodePlacement Loopback = new(NodeHost.Loopback, "127.0.0.1");

    /// <summary>
    /// <paramref name="connection"/> pointed at <see cref="PostgresEndpoint"/>, when there is one, in clear text: that
    /// endpoint is a test's relay, which reads what the node writes (see <see cref="TcpRelay"/>).
    /// </summary>
    public string Postgres(string connection) => PostgresEndpoint?.Split(':') is [var host, var port]
        ? new NpgsqlConnectionStringBuilder(connection) { Host = host, Port = int.Parse(port), SslMode = SslMode.Disable }.ConnectionString
        : connection;
}

/// <summary>
/// The specs that start a <see cref="ClusterOnPostgres"/> run one at a time: two clusters of four node processes side by
/// side on two cores stretch every failover timeline past its budget.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
