using Akka.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CallCenter.Node.Telemetry;

/// <summary>
/// OpenTelemetry for the node: every <c>callcenter.*</c> meter and activity source; metrics scraped at
/// <see cref="MetricsPath"/> always; metrics, traces and logs sent over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (the exporter reads the other <c>OTEL_*</c> variables itself); logs also on the console, with their scopes
/// (a call's id) and the current trace and span ids.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    /// <summary>The variable that turns OTLP export on (standard OpenTelemetry name).</summary>
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ServiceName = "callcenter";

    /// <summary>Every meter and activity source of ours: one per area (routing, persistence, cluster, sip, media).</summary>
    public const string Sources = "callcenter.*";

    private const string AspNetCoreSource = "Microsoft.AspNetCore";

    public static WebApplicationBuilder AddCallCenterTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
            // Akka's log events keep the trace of the code that logged them (they are written later, on the logger actor).
            o.AddAkkaTraceCorrelation();
            if (otlp)
                o.AddOtlpExporter();
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(m =>
            {
                m.AddMeter(Sources).AddPrometheusExporter();
                if (otlp)
                    m.AddOtlpExporter();
            });
        // ASP.NET Core's own source too: a virtual call's trace starts under its request's span, which must be sampled for
        // the call's spans (children, parent-based sampling) to be.
        if (otlp)
            telemetry.WithTracing(t => t.AddSource(Sources, AspNetCoreSource).AddOtlpExporter());
        return builder;
    }

    /// <summary>
    /// The actor system logs through the host's logger factory (console and OpenTelemetry) instead of its own console
    /// logger: an entity's log names its actor path, whose last element is the call's, agent's or queue's id.
    /// </summary>
    public static AkkaConfigurationBuilder WithCallCenterLogging(this AkkaConfigurationBuilder akka) =>
        akka.ConfigureLoggers(l =>
        {
            l.ClearLoggers();
            l.AddLoggerFactory();
        });

    /// <summary>
    /// <see cref="MetricsPath"/> for Prometheus: anonymous (scrapers carry no session) and left out of the OpenAPI
    /// document, which describes the JSON API (the exposition format is Prometheus's own).
    /// </summary>
    public static WebApplication MapCallCenterMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
