using System.Text.Json;
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

    /// <summary>
    /// Minimal API endpoints rather than <c>MapHealthChecks</c> so that the OpenAPI document lists them;
    /// they answer as the health-check middleware would: 200 healthy or degraded, 503 unhealthy, never cached.
    /// </summary>
    public static IEndpointRouteBuilder MapCallCenterHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LivePath, (HealthCheckService checks, HttpContext context) => CheckAsync(checks, context, _ => false))
            .WithName("Live").WithSummary("Answers while the process runs.").ProducesHealthReport();
        endpoints.MapGet(ReadyPath, (HealthCheckService checks, HttpContext context) => CheckAsync(checks, context, c => c.Tags.Contains(ReadyTag)))
            .WithName("Ready").WithSummary("Ready once the node is an Up cluster member and the definition is applied.").ProducesHealthReport();
        return endpoints;
    }

    private static RouteHandlerBuilder ProducesHealthReport(this RouteHandlerBuilder endpoint) => endpoint
        .WithTags("health")
        .Produces<HealthReportDocument>()
        .Produces<HealthReportDocument>(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> CheckAsync(HealthCheckService checks, HttpContext context, Func<HealthCheckRegistration, bool> predicate)
    {
        var report = await checks.CheckHealthAsync(predicate, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store, no-cache";
        context.Response.Headers.Pragma = "no-cache";
        context.Response.Headers.Expires = "Thu, 01 Jan 1970 00:00:00 GMT";
        return Results.Json(HealthReportDocument.From(report), JsonOptions,
            statusCode: report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }

    /// <summary>The health report as it has always been written: camelCase names, statuses as their .NET names.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

/// <summary><c>{"status":"Healthy","checks":{"cluster-member-up":{"status":"Healthy","description":"..."}}}</c></summary>
public sealed record HealthReportDocument(string Status, IReadOnlyDictionary<string, HealthCheckDocument> Checks)
{
    public static HealthReportDocument From(HealthReport report) => new(
        report.Status.ToString(),
        report.Entries.ToDictionary(e => e.Key, e => new HealthCheckDocument(e.Value.Status.ToString(), e.Value.Description)));
}

/// <summary>One check of a <see cref="HealthReportDocument"/>.</summary>
public sealed record HealthCheckDocument(string Status, string? Description);
