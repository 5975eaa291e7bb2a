using Akka.Hosting;
using CallCenter.Node.Configuration;

namespace CallCenter.Node.Customers;

/// <summary>The customer directory on the node: its store where the journal is, and the recorder of callers' histories.</summary>
public static class CustomerDirectoryHosting
{
    /// <summary>
    /// The store on the journal's provider: <c>customers.db</c> in the SQLite data directory, or the
    /// PostgreSQL database of the connection string; its tables are created when it is first used.
    /// </summary>
    public static IServiceCollection AddCustomerDirectory(this IServiceCollection services, PersistenceOptions persistence) =>
        services.AddSingleton<ICustomerStore>(_ =>
        {
            SqlCustomerStore store = persistence.Provider == PersistenceProvider.Postgres
                ? new PostgresCustomerStore(persistence.PostgresConnectionString)
                : new SqliteCustomerStore(Path.Combine(persistence.DataDirectory, SqliteCustomerStore.FileName));
            store.EnsureCreatedAsync().GetAwaiter().GetResult();
            return store;
        });

    /// <summary>The recorder, on nodes that host calls (their entities publish on this node's EventStream only).</summary>
    public static AkkaConfigurationBuilder WithInteractionRecorder(this AkkaConfigurationBuilder akka, NodeClusterOptions cluster) =>
        !cluster.HasRole(NodeRoles.Routing)
            ? akka
            : akka.WithActors((system, registry, resolver) =>
                registry.Register<InteractionRecorder>(system.ActorOf(InteractionRecorder.Props(resolver.GetService<ICustomerStore>()), "customer-interactions")));
}
