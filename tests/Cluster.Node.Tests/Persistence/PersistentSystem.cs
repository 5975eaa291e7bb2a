using Akka.Actor;
using Akka.Hosting;
using CallCenter.Node.Hosting;
using CallCenter.Node.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CallCenter.Node.Tests.Persistence;

/// <summary>An actor system wired exactly as the node wires persistence, started in a generic host.</summary>
internal sealed class PersistentSystem : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly IHost _host;

    private PersistentSystem(IHost host) => _host = host;

    public ActorSystem System => _host.Services.GetRequiredService<ActorSystem>();

    public static async Task<PersistentSystem> StartAsync(SqlPersistenceSettings settings)
    {
        var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("persistence-spec", (akka, _) =>
                akka.WithSqlPersistence(settings).WithSchedulerWarmUp()))
            .Build();
        await host.StartAsync();
        return new PersistentSystem(host);
    }

    public Task<T> Ask<T>(IActorRef actor, object message) => actor.Ask<T>(message, Timeout);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
