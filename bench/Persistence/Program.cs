// Persistence throughput: N writer actors each persist M events one at a time, concurrently, through
// the node's own Akka.Persistence.Sql wiring. Prints one JSON line. Then a new actor system recovers
// every writer, which checks that nothing was lost and times recovery.
//
//   dotnet run -c Release --project bench/Persistence -- --db sqlite [--untuned] [--actors 100] [--events 100]
//   dotnet run -c Release --project bench/Persistence -- --db postgres [--connection "Host=..."]  (default: $CALLCENTER_TEST_POSTGRES)
using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using CallCenter.Bench.Persistence;
using CallCenter.Node.Hosting;
using CallCenter.Node.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

const string Untuned = "--untuned";
var tuned = !args.Contains(Untuned);
var arguments = new ConfigurationBuilder().AddCommandLine([.. args.Where(a => a != Untuned)]).Build();
var db = arguments["db"] ?? "sqlite";
var actors = int.Parse(arguments["actors"] ?? "100");
var events = int.Parse(arguments["events"] ?? "100");

using var scratch = new ScratchFile();
var settings = db switch
{
    "sqlite" => SqlPersistenceSettings.Sqlite(scratch.Path, tuned ? SqliteTuning.Tuned : SqliteTuning.Untuned),
    "postgres" => SqlPersistenceSettings.Postgres(arguments["connection"]
        ?? Environment.GetEnvironmentVariable("CALLCENTER_TEST_POSTGRES")
        ?? throw new ArgumentException("--db postgres needs --connection or CALLCENTER_TEST_POSTGRES")),
    _ => throw new ArgumentException($"--db must be sqlite or postgres, got '{db}'"),
};
var ids = Enumerable.Range(0, actors).Select(i => $"bench-{Guid.NewGuid():N}-{i}").ToArray();
var timeout = TimeSpan.FromMinutes(5);

double writeSeconds;
await using (var system = await BenchSystem.StartAsync(settings))
{
    var writers = ids.Select(id => system.Actors.ActorOf(Props.Create(() => new Writer(id)))).ToArray();
    await Task.WhenAll(writers.Select(w => w.Ask<Writer.Pong>(new Writer.Ping(), timeout)));  // recovered, tables created

    var clock = Stopwatch.StartNew();
    await Task.WhenAll(writers.Select(w => w.Ask<Writer.Done>(new Writer.Run(events), timeout)));
    writeSeconds = clock.Elapsed.TotalSeconds;
}

double recoverySeconds;
long recovered;
await using (var system = await BenchSystem.StartAsync(settings))
{
    var clock = Stopwatch.StartNew();
    var pongs = await Task.WhenAll(ids.Select(id =>
        system.Actors.ActorOf(Props.Create(() => new Writer(id))).Ask<Writer.Pong>(new Writer.Ping(), timeout)));
    recoverySeconds = clock.Elapsed.TotalSeconds;
    recovered = pongs.Sum(p => p.LastSequenceNr);
}

var total = (long)actors * events;
Console.WriteLine(JsonSerializer.Serialize(new
{
    db,
    tuned = db == "sqlite" ? tuned : (bool?)null,
    actors,
    eventsPerActor = events,
    events = total,
    seconds = Math.Round(writeSeconds, 3),
    eventsPerSecond = Math.Round(total / writeSeconds),
    recoveredEvents = recovered,
    recoveredEventsPerSecond = Math.Round(recovered / recoverySeconds),
}));
return recovered == total ? 0 : 1;

/// <summary>An actor system with the node's persistence wiring, in a generic host.</summary>
internal sealed class BenchSystem(IHost host) : IAsyncDisposable
{
    public ActorSystem Actors => host.Services.GetRequiredService<ActorSystem>();

    public static async Task<BenchSystem> StartAsync(SqlPersistenceSettings settings)
    {
        var host = new HostBuilder()
            .ConfigureServices(s => s.AddAkka("persistence-bench", (akka, _) => akka.WithSqlPersistence(settings).WithSchedulerWarmUp()))
            .Build();
        await host.StartAsync();
        return new BenchSystem(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}

/// <summary>A SQLite file in a fresh temp directory, removed afterwards.</summary>
internal sealed class ScratchFile : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("callcenter-bench-");
    public string Path => System.IO.Path.Combine(_directory.FullName, "bench.db");
    public void Dispose() => _directory.Delete(recursive: true);
}
