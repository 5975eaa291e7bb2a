using CallCenter.Node.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace CallCenter.Bench.Routing;

/// <summary>
/// Telemetry on, as a node has it: the OpenTelemetry SDK aggregating every <c>callcenter.*</c> instrument, collected
/// every second by an exporter that walks every point (as the Prometheus and OTLP exporters do) and sends nothing.
/// Off: no meter provider, so the instruments have no listener and record nothing.
/// </summary>
public static class BenchTelemetry
{
    public static MeterProvider Start() => Sdk.CreateMeterProviderBuilder()
        .AddMeter(TelemetrySetup.Sources)
        .AddReader(new PeriodicExportingMetricReader(new WalkingExporter(), exportIntervalMilliseconds: 1000))
        .Build();

    private sealed class WalkingExporter : BaseExporter<Metric>
    {
        public long Points { get; private set; }

        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
                foreach (ref readonly var point in metric.GetMetricPoints())
                    Points += point.Tags.Count + 1;
            return ExportResult.Success;
        }
    }
}
