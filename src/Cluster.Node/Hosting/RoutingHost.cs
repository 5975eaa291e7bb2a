using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Entities;
using CallCenter.Node.Configuration;
using CallCenter.Node.Entities;
using CallCenter.Node.Persistence;

namespace CallCenter.Node.Hosting;

/// <summary>
/// The node's actor system in one chain: clustering, persistence, the serializer and the
/// entities. Program.cs, the benchmarks and the recovery tests all build it this way.
/// </summary>
public static class RoutingHost
{
    public static AkkaConfigurationBuilder WithCallCenterRouting(this AkkaConfigurationBuilder akka,
        NodeClusterOptions cluster, PersistenceOptions persistence) => akka
        .WithCallCenterCluster(cluster)
        .WithCallCenterPersistence(persistence)
        .WithSchedulerWarmUp()
        .WithCallCenterSerializer()
        .WithCallCenterEntities(hostsRouting: cluster.HasRole(NodeRoles.Routing));

    /// <summary>
    /// A headless host (no HTTP) running the entities in a cluster of one on an ephemeral port, or with
    /// <paramref name="cluster"/> a member of another cluster (without the routing role: reaching the entities through
    /// proxies); Akka logs only warnings. For benchmarks and tests.
    /// </summary>
    public static IHost Build(PersistenceOptions persistence, Action<IServiceCollection>? services = null, NodeClusterOptions? cluster = null)
    {
        cluster ??= new NodeClusterOptions { Port = 0 };
        return Host.CreateDefaultBuilder(NodeHostSettings.WithoutConfigReload([]))
            .ConfigureLogging(l => l.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning))
            .ConfigureServices(s =>
            {
                s.AddSingleton<ContactCenterDirectory>();
                s.AddSingleton<DefinitionApplier>();
                s.AddAkka(NodeClusterOptions.ActorSystemName, (akka, _) => akka
                    .ConfigureLoggers(l => l.LogLevel = Akka.Event.LogLevel.WarningLevel)
                    .WithCallCenterRouting(cluster, persistence));
                services?.Invoke(s);
            })
            .Build();
    }

    /// <summary>Starts the host, waits until the node is an Up member, and applies the definition.</summary>
    public static async Task<EntityRouter> StartAsync(this IHost host, ContactCenterDefinition definition, TimeSpan timeout)
    {
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(timeout);
        using var cancel = new CancellationTokenSource(timeout);
        await host.Services.GetRequiredService<DefinitionApplier>().ApplyAsync(definition, cancel.Token);
        return CallCenterEntities.Router(host.Services.GetRequiredService<ActorRegistry>(), host.Services.GetRequiredService<ActorSystem>());
    }
}
