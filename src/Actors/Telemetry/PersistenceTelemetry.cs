using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CallCenter.Actors.Telemetry;

/// <summary>
/// The journal as the entities see it: how long a decision's events take to be stored, and the writes that fail
/// (the entity then stops and recovers). Attributes: <c>entity</c> (call, queue, agent) and <c>node</c>.
/// </summary>
public static class PersistenceTelemetry
{
    public const string Name = "callcenter.persistence";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Source = new(Name);

    private static readonly Histogram<double> WriteDuration = Meter.CreateHistogram<double>(
        "callcenter.journal.write.duration", "s", "Time from persisting a decision's events to the journal confirming them",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    private static readonly Counter<long> WriteFailures = Meter.CreateCounter<long>(
        "callcenter.journal.write.failures", "{failure}", "Journal writes that failed or were rejected");

    public static void RecordWrite(string entity, string node, TimeSpan elapsed) =>
        WriteDuration.Record(elapsed.TotalSeconds, new("entity", entity), new(TelemetryNode.Attribute, node));

    /// <summary>Starts the entity kind's failure series at 0, so that an alert on its increase has a series before the first failure.</summary>
    public static void Started(string entity, string node)
    {
        WriteFailures.Add(0, new("entity", entity), new(TelemetryNode.Attribute, node), new("kind", "failure"));
        WriteFailures.Add(0, new("entity", entity), new(TelemetryNode.Attribute, node), new("kind", "rejected"));
    }

    public static void RecordFailure(string entity, string node, string kind) =>
        WriteFailures.Add(1, new("entity", entity), new(TelemetryNode.Attribute, node), new("kind", kind));
}
