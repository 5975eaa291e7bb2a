using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using CallCenter.Bench.Routing;
using CallCenter.Node.Configuration;
using CallCenter.Node.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Routing benchmark: the real entities, sharded in a cluster of one, on a fresh SQLite file or
// PostgreSQL, driven with Poisson arrivals; or (--routing-nodes N) in N node processes on PostgreSQL whose
// cluster this process joins without the routing role. The last line printed is one JSON object.
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
var definition = RoutingLoad.Definition(o, run);
await using var nodes = o.RoutingNodes > 0 ? await RoutingNodes.StartAsync(o.RoutingNodes, o.ConnectionString!, definition, run) : null;
using var host = nodes is null
    ? RoutingHost.Build(persistence)
    : RoutingHost.Build(persistence with { ConnectionString = nodes.Connection },
        cluster: new NodeClusterOptions { Port = 0, Seeds = nodes.Seeds, Roles = ["bench"] });
var router = await host.StartAsync(definition, TimeSpan.FromSeconds(90));
var result = await RoutingLoad.RunAsync(host.Services.GetRequiredService<ActorSystem>(), router, o, run,
    () => Process.GetCurrentProcess().TotalProcessorTime + (nodes?.Cpu() ?? TimeSpan.Zero));
result = result with
{
    Telemetry = o.Telemetry ? "on" : "off",
    RoutingNodes = o.RoutingNodes,
    WarmUpSeconds = o.WarmUpSeconds,
};
await host.StopAsync();
if (persistence.Provider == PersistenceProvider.Sqlite)
    Directory.Delete(dataDir, recursive: true);
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
