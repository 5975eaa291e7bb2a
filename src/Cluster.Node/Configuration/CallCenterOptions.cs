namespace CallCenter.Node.Configuration;

/// <summary>
/// Everything the node reads from the <c>CallCenter</c> configuration section. Sources, later ones
/// winning: appsettings.json, environment variables (<c>CALLCENTER__CLUSTER__PORT=4054</c>), command
/// line (<c>--CallCenter:Cluster:Port=4054</c>). Each default is set, and documented, in the nested
/// options record that owns it; <see cref="CallCenterOptionsReader"/> does the reading.
/// </summary>
public sealed record CallCenterOptions(
    HttpOptions Http,
    NodeClusterOptions Cluster,
    PersistenceOptions Persistence,
    DefinitionOptions Definition,
    ApiOptions Api,
    SipOptions Sip,
    MediaOptions Media,
    ShutdownOptions Shutdown)
{
    /// <summary>The configuration section every key lives under.</summary>
    public const string SectionName = "CallCenter";

    /// <summary>Every default: a single-node contact center on loopback with embedded SQLite.</summary>
    public static CallCenterOptions Defaults { get; } =
        new(new HttpOptions(), new NodeClusterOptions(), new PersistenceOptions(), new DefinitionOptions(), new ApiOptions(), new SipOptions(),
            new MediaOptions(), new ShutdownOptions());
}

/// <summary><c>CallCenter:Http</c>: where the API, web client, metrics and health endpoints listen.</summary>
public sealed record HttpOptions
{
    /// <summary>Default: <c>http://127.0.0.1:8080</c> (loopback, DESIGN.md's defaults table).</summary>
    public string Url { get; init; } = "http://127.0.0.1:8080";
}

/// <summary><c>CallCenter:Cluster</c>: Akka remoting address, seeds and roles of this node.</summary>
public sealed record NodeClusterOptions
{
    /// <summary>The actor system's name; every node of one cluster must use the same one.</summary>
    public const string ActorSystemName = "callcenter";

    /// <summary>Default: <c>127.0.0.1</c>, loopback, so a newcomer's node is not reachable from outside.</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>Default: <c>4053</c>, Akka.NET's conventional remoting port. 0 picks a free port.</summary>
    public int Port { get; init; } = 4053;

    /// <summary>
    /// Seed nodes as <c>host:port</c> or full <c>akka.tcp://callcenter@host:port</c> addresses.
    /// Default: empty, meaning this node joins itself and forms a cluster of one.
    /// </summary>
    public IReadOnlyList<string> Seeds { get; init; } = [];

    /// <summary>Default: all three roles (<c>routing, gateway, web</c>), the all-in-one embedded node.</summary>
    public IReadOnlyList<string> Roles { get; init; } = NodeRoles.All;

    /// <summary>
    /// Default: <c>1500</c>. How long heartbeats from a node may be missing before the failure detector calls it
    /// unreachable (Akka's <c>acceptable-heartbeat-pause</c>, default 3 s; heartbeats go every 1 s). Lower finds a
    /// crashed node sooner; too low marks a node unreachable during a long garbage collection or a CPU-starved moment.
    /// </summary>
    public int AcceptableHeartbeatPauseMilliseconds { get; init; } = 1500;

    /// <summary>
    /// Default: <c>2000</c>. How long the membership must stay unchanged with a node unreachable before the split-brain
    /// resolver decides (Akka's <c>split-brain-resolver.stable-after</c>, default 20 s).
    /// </summary>
    public int StableAfterMilliseconds { get; init; } = 2000;

    /// <summary>
    /// Default: <c>1000</c> (<c>0</c> means the same as <see cref="StableAfterMilliseconds"/>, Akka's own rule). How long
    /// after a node is downed and removed its shards and singletons wait before starting elsewhere
    /// (<c>down-removal-margin</c>): the time the other side of a partition needs to down itself and stop its entities,
    /// so no entity runs twice. The other side decides on the same stable-after clock as this one, and this side
    /// removes a downed node only about a second after deciding (the leader's next tick), so 1 s on top is margin
    /// for its shards to stop; raise it where nodes are slow to stop (measured budget: README, "Cluster failover").
    /// </summary>
    public int DownRemovalMarginMilliseconds { get; init; } = 1000;

    /// <summary>Whether this node runs <paramref name="role"/> (one of <see cref="NodeRoles"/>).</summary>
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}

/// <summary>The roles a node can run (DESIGN.md): any mix of them in one process.</summary>
public static class NodeRoles
{
    /// <summary>Hosts the sharded Call, Agent and Queue entities.</summary>
    public const string Routing = "routing";
    /// <summary>SIP and media.</summary>
    public const string Gateway = "gateway";
    /// <summary>REST, SignalR and the web client.</summary>
    public const string Web = "web";

    public static readonly IReadOnlyList<string> All = [Routing, Gateway, Web];
}

/// <summary>Which database holds the journal and snapshots.</summary>
public enum PersistenceProvider
{
    /// <summary>Embedded SQLite file under <see cref="PersistenceOptions.DataDirectory"/>.</summary>
    Sqlite,
    /// <summary>PostgreSQL 15+ at <see cref="PersistenceOptions.ConnectionString"/>.</summary>
    Postgres,
}

/// <summary><c>CallCenter:Persistence</c>: the journal and snapshot store.</summary>
public sealed record PersistenceOptions
{
    /// <summary>Default: <c>sqlite</c>, embedded, nothing to install.</summary>
    public PersistenceProvider Provider { get; init; } = PersistenceProvider.Sqlite;

    /// <summary>
    /// Npgsql connection string, as configured; required for <c>postgres</c>, unused for <c>sqlite</c>. Default: none.
    /// The node connects with <see cref="PostgresConnectionString"/>.
    /// </summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// What the node connects to PostgreSQL with: <see cref="ConnectionString"/>, with <c>Maximum Pool Size</c>
    /// <see cref="DefaultMaxPoolSize"/> unless it sets one, so that each of the node's pools (the journal's, and one per
    /// store of its own) opens at most that many connections. A string Npgsql cannot read stops start-up naming the key
    /// (not the string: it holds a password).
    /// </summary>
    public string PostgresConnectionString
    {
        get
        {
            try
            {
                var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
                var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = ConnectionString };
                if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() is "maximumpoolsize" or "maxpoolsize"))
                    builder.MaxPoolSize = DefaultMaxPoolSize;
                return builder.ConnectionString;
            }
            catch (ArgumentException e)
            {
                throw new StartupException($"CallCenter:Persistence:ConnectionString is not a valid Npgsql connection string: {e.Message}");
            }
        }
    }

    /// <summary>
    /// Connections a node opens to PostgreSQL at most unless its connection string says otherwise (Npgsql's own default
    /// is 100, PostgreSQL's <c>max_connections</c> is 100: a recovery burst on three routing nodes exhausted the server).
    /// Size <c>max_connections</c> for every node's pool plus headroom.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>Default: <c>data</c> (relative to the working directory); the SQLite file is <c>data/callcenter.db</c>.</summary>
    public string DataDirectory { get; init; } = "data";

    /// <summary>The SQLite database file's name inside <see cref="DataDirectory"/>.</summary>
    public const string SqliteFileName = "callcenter.db";

    /// <summary>Full path of the SQLite database file.</summary>
    public string SqliteFilePath => Path.GetFullPath(Path.Combine(DataDirectory, SqliteFileName));
}

/// <summary><c>CallCenter:Definition</c>: the contact-center definition (queues, skills, agents).</summary>
public sealed record DefinitionOptions
{
    /// <summary>Default: <c>config/callcenter.yaml</c> (relative to the working directory).</summary>
    public string Path { get; init; } = "config/callcenter.yaml";
}

/// <summary><c>CallCenter:Media</c>: where the gateway finds the prompts it plays and puts the calls it records.</summary>
public sealed record MediaOptions
{
    /// <summary>
    /// Default: <c>config/prompts</c> (relative to the working directory, like the definition): every prompt the
    /// definition names is <c>name.wav</c> there, checked at start-up.
    /// </summary>
    public string PromptsPath { get; init; } = "config/prompts";

    /// <summary>Default: <c>data/recordings</c> (relative to the working directory): where recorded calls are written.</summary>
    public string RecordingsPath { get; init; } = "data/recordings";
}

/// <summary><c>CallCenter:Shutdown</c>: how a node stops on SIGTERM (a rolling update, a scale-down).</summary>
public sealed record ShutdownOptions
{
    /// <summary>
    /// Default: <c>20</c>. Seconds a draining gateway lets its calls in progress finish (new INVITEs get 503 meanwhile)
    /// before it hangs up the rest and the node leaves the cluster. Kubernetes' <c>terminationGracePeriodSeconds</c>
    /// must exceed it by <see cref="LeaveSeconds"/> or the pod is killed mid-drain.
    /// </summary>
    public int GracePeriodSeconds { get; init; } = 20;

    /// <summary>
    /// Seconds the host gives, after the grace period, to cut the calls left (3 s, <c>SipGateway.CutBudget</c>) and to
    /// leave the cluster and hand the shards over: sharding's hand-off timeout (10 s, <c>ClusterHostingExtensions</c>)
    /// plus the exit.
    /// </summary>
    public const int LeaveSeconds = 15;

    /// <summary>The host's whole shutdown budget: the drain, then leaving the cluster.</summary>
    public TimeSpan HostShutdownTimeout => TimeSpan.FromSeconds(GracePeriodSeconds + LeaveSeconds);
}

/// <summary><c>CallCenter:Api</c>: access to the HTTP API for tools, tests and benchmarks.</summary>
public sealed record ApiOptions
{
    /// <summary>Shared key accepted by the API in place of an agent's sign-in. Default: none (no key accepted).</summary>
    public string? Key { get; init; }
}

/// <summary><c>CallCenter:Sip</c>: where the gateway role listens for SIP, and how phones authenticate.</summary>
public sealed record SipOptions
{
    /// <summary>Default: <c>127.0.0.1</c>, loopback (DESIGN.md's defaults table).</summary>
    public string Address { get; init; } = "127.0.0.1";

    /// <summary>Default: <c>5060</c>, SIP's registered port, for UDP and TCP alike. 0 picks a free port.</summary>
    public int Port { get; init; } = 5060;

    /// <summary>Default: <c>callcenter</c>, the digest realm phones see in challenges.</summary>
    public string Realm { get; init; } = "callcenter";

    /// <summary>
    /// Default: <c>SHA-256,MD5</c>, both offered, SHA-256 first (RFC 8760). Phones that answer only the
    /// first challenge and know only MD5 (sipp 3.6) need <c>MD5,SHA-256</c>; phones that give up on any
    /// non-MD5 challenge (baresip 1.0) need <c>MD5</c>.
    /// </summary>
    public IReadOnlyList<string> DigestAlgorithms { get; init; } = ["SHA-256", "MD5"];

    /// <summary>Default: <c>127.0.0.1</c>: the address RTP binds to and SDP announces.</summary>
    public string RtpAddress { get; init; } = "127.0.0.1";

    /// <summary>Default: <c>20000</c>: first port of the RTP range (even; each call leg takes a pair).</summary>
    public int RtpFirstPort { get; init; } = 20000;

    /// <summary>Default: <c>29999</c>: last port of the RTP range.</summary>
    public int RtpLastPort { get; init; } = 29999;

    /// <summary>Default: <c>30</c>: seconds without RTP either way after which a talking call's legs are probed with OPTIONS.</summary>
    public int ProbeAfterSilenceSeconds { get; init; } = 30;
}
