using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using CallCenter.Bench.Routing;
using CallCenter.Node.Configuration;
using CallCenter.Node.Entities;
using CallCenter.Node.Hosting;
using CallCenter.Node.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
var cluster = new NodeClusterOptions { Port = 0 };

using var host = Host.CreateDefaultBuilder()
    .ConfigureLogging(l => l.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning))
    .ConfigureServices(services =>
    {
        services.AddSingleton<ContactCenterDirectory>();
        services.AddAkka(NodeClusterOptions.ActorSystemName, (akka, _) => akka
            .WithCallCenterCluster(cluster)
            .WithCallCenterPersistence(persistence)
            .WithSchedulerWarmUp()
            .WithCallCenterSerializer()
            .WithCallCenterEntities(hostsRouting: true));
    })
    .Build();
await host.StartAsync();
var system = host.Services.GetRequiredService<ActorSystem>();
var registry = host.Services.GetRequiredService<ActorRegistry>();
var up = new TaskCompletionSource();
Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
await up.Task.WaitAsync(TimeSpan.FromSeconds(60));

var definition = RoutingLoad.Definition(o, run);
var applier = new DefinitionApplier(registry, host.Services.GetRequiredService<ContactCenterDirectory>(),
    host.Services.GetRequiredService<ILogger<DefinitionApplier>>());
await applier.ApplyAsync(definition, CancellationToken.None);

var result = await RoutingLoad.RunAsync(system, CallCenterEntities.Router(registry), o, run);
await host.StopAsync();
if (persistence.Provider == PersistenceProvider.Sqlite)
    Directory.Delete(dataDir, recursive: true);
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
