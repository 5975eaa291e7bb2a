using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CallCenter.Node.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (cluster member Up, definition loaded).</summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    /// <summary>Tag of the checks <c>/health/ready</c> runs; add it to any check that gates readiness.</summary>
    public const string ReadyTag = "ready";

    public static IServiceCollection AddCallCenterHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<ClusterMemberUpHealthCheck>("cluster-member-up", tags: [ReadyTag])
            .AddCheck<DefinitionLoadedHealthCheck>("definition-loaded", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapCallCenterHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJson });
        return endpoints;
    }

    /// <summary><c>{"status":"Healthy","checks":{"cluster-member-up":{"status":"Healthy","description":"..."}}}</c></summary>
    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }
}
