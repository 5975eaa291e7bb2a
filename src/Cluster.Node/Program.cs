using Akka.Hosting;
using CallCenter.Node;
using CallCenter.Node.Configuration;
using CallCenter.Node.Hosting;
using CallCenter.Node.Persistence;

try
{
    var builder = WebApplication.CreateBuilder(args);
    var node = builder.AddCallCenterNode();

    builder.Services.AddAkka(NodeClusterOptions.ActorSystemName, (akka, services) =>
    {
        akka.WithCallCenterCluster(node.Options.Cluster)
            .WithCallCenterPersistence(node.Options.Persistence)
            .WithSchedulerWarmUp();

        // Entities (lead): the protocol serializer and the sharded Call, Agent and Queue regions, e.g.
        //   akka.WithCustomSerializer("callcenter", [typeof(IProtocolMessage)], system => new ProtocolSerializer(system))
        //       .WithShardRegion<CallActor>("call", ..., CallCenterShardOptions.Create());
        // (on nodes without NodeRoles.Routing, use WithShardRegionProxy; node.Definition holds queues and agents).
    });

    var app = builder.Build();
    app.UseCallCenterNode();
    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 2;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // The host has already logged the details; the operator gets one line, not a stack trace.
    await Console.Error.WriteLineAsync($"CallCenter node stopped: {e.GetBaseException().Message}");
    return 1;
}

/// <summary>Public so that WebApplicationFactory can start the node in tests.</summary>
public partial class Program;
