using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using CallCenter.Bench.Routing;
using CallCenter.Node.Configuration;
using CallCenter.Node.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Routing benchmark: the real entities, sharded in a cluster of one, on a fresh SQLite file or
// PostgreSQL, driven with Poisson arrivals. The last line printed is one JSON object.
var o = LoadOptions.Parse(args);
var run = $"r{DateTime.UtcNow:HHmmss}";
var dataDir = Path.Combine(Path.GetTempPath(), $"callcenter-bench-{run}-{Environment.ProcessId}");
var persistence = new PersistenceOptions
{
    Provider = o.Db == "postgres" ? PersistenceProvider.Postgres : PersistenceProvider.Sqlite,
    ConnectionString = o.Db == "postgres" ? o.ConnectionString : null,
    DataDirectory = dataDir,
};

using var meters = o.Telemetry ? BenchTelemetry.Start() : null;
using var host = RoutingHost.Build(persistence);
var router = await host.StartAsync(RoutingLoad.Definition(o, run), TimeSpan.FromSeconds(60));
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var result = await RoutingLoad.RunAsync(host.Services.GetRequiredService<ActorSystem>(), router, o, run);
cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
result = result with
{
    Telemetry = o.Telemetry ? "on" : "off",
    CpuMsPerCall = result.CallsCompleted == 0 ? 0 : Math.Round(cpu.TotalMilliseconds / result.CallsCompleted, 3),
};
await host.StopAsync();
if (persistence.Provider == PersistenceProvider.Sqlite)
    Directory.Delete(dataDir, recursive: true);
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
