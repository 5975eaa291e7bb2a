using Akka.Actor;
using Akka.Cluster;
using CallCenter.Actors.Definition;

namespace CallCenter.Node.Entities;

/// <summary>Once this node is an Up member of the cluster, applies the definition read at start-up.</summary>
public sealed class DefinitionStartup(ActorSystem system, DefinitionApplier applier, ContactCenterDefinition definition) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(stoppingToken);
        await applier.ApplyAsync(definition, stoppingToken);
    }
}
