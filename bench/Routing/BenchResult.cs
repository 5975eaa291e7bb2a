namespace CallCenter.Bench.Routing;

/// <summary>The figures the benchmark prints as its last line.</summary>
public sealed record BenchResult(
    string Db,
    int Agents,
    double ArrivalRate,
    double DurationSeconds,
    int CallsCreated,
    int CallsRouted,
    int CallsCompleted,
    double CallsPerSecond,
    Percentiles RoutingLatencyMs,
    double PWait,
    double AsaSeconds,
    double ServiceLevel20s,
    int Unfinished,
    int Lost,
    int DoubleAssigned)
{
    /// <summary>"on" or "off" (<see cref="BenchTelemetry"/>).</summary>
    public string Telemetry { get; init; } = "off";

    /// <summary>0: the entities ran in the benchmark's process; else how many node processes hosted them.</summary>
    public int RoutingNodes { get; init; }

    /// <summary>Agent views that arrived after a newer one of the same agent (its entity moved between nodes): ignored.</summary>
    public int StaleViews { get; init; }

    /// <summary>Seconds of calls at the same rate before the measured run (not counted in any figure).</summary>
    public double WarmUpSeconds { get; init; }

    /// <summary>CPU time over the measured run (this process: node and load driver; plus the routing node processes), per completed call.</summary>
    public double CpuMsPerCall { get; init; }

    public static BenchResult From(LoadOptions o, IReadOnlyList<CallTimeline> calls, double duration, int doubleAssigned, int lost)
    {
        var routed = calls.Where(c => c.ReservedAt is not null).ToList();
        var answered = calls.Where(c => c.AnsweredAt is not null).ToList();
        var completed = calls.Count(c => c.EndedAt is not null);
        var latencies = routed.Select(c => c.RoutingLatency!.Value * 1000).Order().ToList();
        var waits = answered.Select(c => c.AnsweredAt!.Value - c.StartedAt).ToList();
        return new BenchResult(o.Db, o.Agents, o.ArrivalRate, Math.Round(duration, 1), calls.Count, routed.Count, completed,
            Math.Round(completed / duration, 1),
            new Percentiles(Pct(latencies, 0.50), Pct(latencies, 0.99), Pct(latencies, 1.0)),
            Round(routed.Count == 0 ? 0 : routed.Count(c => c.Waited) / (double)routed.Count),
            Round(waits.Count == 0 ? 0 : waits.Average()),
            Round(waits.Count == 0 ? 0 : waits.Count(w => w <= 20) / (double)waits.Count),
            Unfinished: calls.Count - completed,
            Lost: lost,
            doubleAssigned);
    }

    private static double Pct(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)]);

    private static double Round(double v) => Math.Round(v, 3);
}

public sealed record Percentiles(double P50, double P99, double Max);
