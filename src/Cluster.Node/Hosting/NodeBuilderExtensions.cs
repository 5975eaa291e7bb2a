using CallCenter.Actors.Definition;
using CallCenter.Node.Admin;
using CallCenter.Node.Configuration;
using CallCenter.Node.Health;
using CallCenter.Node.Persistence;

namespace CallCenter.Node.Hosting;

/// <summary>What a node knows once its configuration and definition are read.</summary>
public sealed record CallCenterNode(CallCenterOptions Options, ContactCenterDefinition Definition);

/// <summary>The node's web host: options, definition, HTTP address, health checks, problem details.</summary>
public static class NodeBuilderExtensions
{
    /// <summary>
    /// Reads and validates the options and the definition file with the administration changes stored over it (a
    /// <see cref="StartupException"/> on any mistake), registers them as singletons, listens on <c>CallCenter:Http:Url</c>, and adds health
    /// checks and problem details. The actor system is added separately (Program.cs).
    /// </summary>
    public static CallCenterNode AddCallCenterNode(this WebApplicationBuilder builder)
    {
        var options = CallCenterOptionsReader.Read(builder.Configuration);
        // Before anything opens the database, and serialized across nodes: see PostgresTables.
        if (options.Persistence.Provider == PersistenceProvider.Postgres)
            PostgresTables.EnsureCreatedAsync(options.Persistence.PostgresConnectionString).GetAwaiter().GetResult();
        var changes = DefinitionChangeStore.For(options.Persistence);
        var (layers, definition) = DefinitionLayers.Load(options.Definition, options.Media, changes);

        builder.WebHost.UseUrls(options.Http.Url);
        // SIGTERM: the gateway drains, then the actor system leaves the cluster and hands its shards over.
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = options.Shutdown.HostShutdownTimeout);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(definition);
        builder.Services.AddSingleton(_ => changes);
        builder.Services.AddSingleton(layers);
        builder.Services.AddProblemDetails();
        builder.Services.AddCallCenterHealthChecks();
        return new CallCenterNode(options, definition);
    }

    /// <summary>Errors as RFC 9457 problem documents, and the health endpoints.</summary>
    public static WebApplication UseCallCenterNode(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapCallCenterHealth();
        return app;
    }
}
