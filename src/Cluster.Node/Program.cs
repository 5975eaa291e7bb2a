using Akka.Hosting;
using CallCenter.Node;
using CallCenter.Node.Auth;
using CallCenter.Node.Configuration;
using CallCenter.Node.Customers;
using CallCenter.Node.Hosting;
using CallCenter.Node.Persistence;
using CallCenter.Node.Api;
using CallCenter.Node.Entities;
using CallCenter.Node.Gateway;
using CallCenter.Node.Realtime;
using CallCenter.Node.Telemetry;
using CallCenter.Node.Web;

if (args is [PasswordHashCommand.Name])
    return await PasswordHashCommand.RunAsync(Console.In, Console.Out, Console.Error);

try
{
    var builder = WebApplication.CreateBuilder(NodeHostSettings.WithoutConfigReload(args));
    var node = builder.AddCallCenterNode();
    builder.AddCallCenterTelemetry();

    builder.Services.AddAkka(NodeClusterOptions.ActorSystemName, (akka, services) =>
    {
        akka.WithCallCenterRouting(node.Options.Cluster, node.Options.Persistence)
            .WithInteractionRecorder(node.Options.Cluster)
            .WithAgentViewRelay(node.Options.Cluster)
            .WithCallCenterClusterTelemetry(node.Options.Cluster.HasRole(NodeRoles.Routing))
            .WithCallCenterLogging();
    });
    builder.Services.AddCustomerDirectory(node.Options.Persistence);
    builder.AddCallCenterApi();
    builder.AddCallCenterAuth(node.Options.Persistence);
    builder.AddCallCenterRealtime();
    builder.AddSipGateway(node.Options);

    var app = builder.Build();
    app.UseCallCenterNode();
    app.UseCallCenterWebClient();
    app.UseCallCenterAuth();
    app.MapCallCenterApi();
    app.MapCallCenterRealtime();
    app.MapCallCenterMetrics();
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
