using Akka.Actor;
using CallCenter.Node.Auth;
using CallCenter.Node.Entities;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CallCenter.Node.Realtime;

/// <summary>SignalR at <see cref="HubPath"/>: agents' and queues' views pushed as they change.</summary>
public static class RealtimeSetup
{
    public const string HubsPrefix = "/hubs";
    public const string HubPath = HubsPrefix + "/agents";

    /// <summary>The hub, its JSON (the API's own options: camelCase, kebab-case enums) and the two pushers.</summary>
    public static WebApplicationBuilder AddCallCenterRealtime(this WebApplicationBuilder builder)
    {
        builder.Services.AddSignalR();
        builder.Services.AddOptions<JsonHubProtocolOptions>()
            .Configure<IOptions<JsonOptions>>((hub, api) => hub.PayloadSerializerOptions = api.Value.SerializerOptions);
        builder.Services.AddSingleton<QueueWatchers>();
        builder.Services.AddHostedService<AgentViewPushStartup>();
        builder.Services.AddHostedService<QueueViewPoll>();
        return builder;
    }

    /// <summary>Every hub under one group, which requires a signed-in user or the key.</summary>
    public static WebApplication MapCallCenterRealtime(this WebApplication app)
    {
        // SignalR's negotiate and connection endpoints are not REST operations: the OpenAPI document leaves them out
        // (the README documents the hub's methods).
        var hubs = app.MapGroup(HubsPrefix).ExcludeFromDescription().RequireAuthorization(AuthSetup.SignedInPolicy);
        hubs.MapHub<AgentsHub>("/agents");
        return app;
    }

    /// <summary>Starts the node's one <see cref="AgentViewPush"/> with the actor system.</summary>
    private sealed class AgentViewPushStartup(ActorSystem system, IHubContext<AgentsHub> hub) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            system.ActorOf(AgentViewPush.Props(hub), "realtime-agent-views");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
