using Akka.Actor;
using Akka.Cluster;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CallCenter.Node.Health;

/// <summary>Ready once this node is an <c>Up</c> member of the cluster.</summary>
internal sealed class ClusterMemberUpHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ActorSystem system;
        try
        {
            system = services.GetRequiredService<ActorSystem>();
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the actor system has not started"));
        }

        var self = Cluster.Get(system).SelfMember;
        return Task.FromResult(self.Status == MemberStatus.Up
            ? HealthCheckResult.Healthy($"{self.Address} is Up")
            : HealthCheckResult.Unhealthy($"{self.Address} is {self.Status}"));
    }
}
