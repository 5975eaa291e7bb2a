namespace CallCenter.Integration.Tests.Support;

/// <summary>
/// A PostgreSQL 15 server of the test's own, so that it can be crashed and restarted without touching the machine's
/// shared one (other test projects use it at the same time): a fresh cluster in a temporary directory owned by the
/// <c>postgres</c> user (initdb and postgres refuse to run as root), listening on a free loopback port with trust
/// authentication, its socket in the same directory. Disposing stops it and removes the directory.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";
    private const string User = "callcenter";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _directory;

    private PrivatePostgres(string directory, int port) => (_directory, Port) = (directory, port);

    public int Port { get; }

    private string Data => Path.Combine(_directory, "data");

    /// <summary>An Npgsql connection string to its <c>postgres</c> database as the superuser <c>callcenter</c>.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username={User};Database=postgres";

    /// <summary>Creates the cluster and starts the server; waits until it accepts connections.</summary>
    public static async Task<PrivatePostgres> StartAsync()
    {
        var directory = Directory.CreateTempSubdirectory("callcenter-pg-").FullName;
        var server = new PrivatePostgres(directory, LoopbackPorts.Take());
        try
        {
            await RunAsync("chown", "postgres:postgres", directory);
            await server.AsPostgresAsync("initdb", "-D", server.Data, "-U", User, "--auth=trust", "--no-sync", "-E", "UTF8");
            await server.StartServerAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>pg_ctl start</c>, waiting until it accepts connections (also after a crash: it replays its WAL first).</summary>
    public Task StartServerAsync() => AsPostgresAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off", "start");

    /// <summary>
    /// <c>pg_ctl stop -m immediate</c> (<paramref name="crash"/>: every backend dies at once, as in a crash, and the next
    /// start recovers from the WAL) or <c>-m fast</c> (sessions are cut, then a clean shut-down).
    /// </summary>
    public Task StopServerAsync(bool crash) => AsPostgresAsync("pg_ctl", "-D", Data, "-w", "-t", "60", "-m", crash ? "immediate" : "fast", "stop");

    /// <summary>The server's own log, for a failure message.</summary>
    public string ServerLog()
    {
        try { return File.ReadAllText(Path.Combine(_directory, "server.log")); }
        catch (IOException e) { return e.Message; }
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            try { await StopServerAsync(crash: true); }
            catch (InvalidOperationException) { }
        }
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private Task AsPostgresAsync(string tool, params string[] arguments) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(Binaries, tool), .. arguments]);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var line = string.Join(' ', arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));
        var (exitCode, output) = await ExternalTool.RunAsync(program, line, CommandTimeout, "/tmp");
        if (exitCode != 0)
            throw new InvalidOperationException($"{program} {line} exited {exitCode}:\n{output}");
    }
}
