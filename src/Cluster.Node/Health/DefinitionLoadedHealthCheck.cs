using CallCenter.Actors.Definition;
using CallCenter.Node.Entities;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CallCenter.Node.Health;

/// <summary>Ready once the contact-center definition is loaded and every queue and agent entity has accepted it.</summary>
internal sealed class DefinitionLoadedHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(services.GetService<ContactCenterDefinition>() is null
            ? HealthCheckResult.Unhealthy("no contact-center definition is loaded")
            : services.GetService<DefinitionApplier>() is { Applied: false }
                ? HealthCheckResult.Unhealthy("the definition is not yet applied to the queues and agents")
                : Healthy(services.GetRequiredService<ContactCenterDirectory>().Definition));

    /// <summary>Counted in the definition in force, administration changes included.</summary>
    private static HealthCheckResult Healthy(ContactCenterDefinition definition) =>
        HealthCheckResult.Healthy($"{definition.Queues.Count} queues, {definition.Agents.Count} agents");
}
