using CallCenter.Actors.Definition;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CallCenter.Node.Health;

/// <summary>Ready once the contact-center definition is loaded and registered.</summary>
internal sealed class DefinitionLoadedHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(services.GetService<ContactCenterDefinition>() is { } definition
            ? HealthCheckResult.Healthy($"{definition.Queues.Count} queues, {definition.Agents.Count} agents")
            : HealthCheckResult.Unhealthy("no contact-center definition is loaded"));
}
