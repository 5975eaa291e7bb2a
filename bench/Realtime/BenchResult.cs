using System.Globalization;

namespace CallCenter.Bench.Realtime;

/// <summary>
/// The drive phase: changes sent, push delays in ms (request sent to push received), HTTP response times in ms
/// (request sent to response: the entity's decision stored), pushes lost (none within 5 s), changes the API refused.
/// </summary>
internal sealed record DriveResult(int Changes, double[] LatenciesMs, double[] ResponsesMs, int Lost, int Refused, double Seconds, TimeSpan NodeCpu, TimeSpan ClientCpu);

/// <summary>One line per run, key=value, for bench/realtime-load.sh to tabulate.</summary>
internal sealed record BenchResult(
    int Agents,
    int Connected,
    double ConnectSeconds,
    long RssBeforeKiB,
    long RssAfterKiB,
    double? HeapBeforeMiB,
    double? HeapAfterMiB,
    DriveResult Drive)
{
    public override string ToString()
    {
        var pushes = Drive.LatenciesMs.Order().ToArray();
        var http = Drive.ResponsesMs.Order().ToArray();
        double Pct(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        var inv = CultureInfo.InvariantCulture;
        var perAgent = Connected == 0 ? 0 : (double)(RssAfterKiB - RssBeforeKiB) / Connected;
        var heapPerAgent = HeapBeforeMiB is { } hb && HeapAfterMiB is { } ha && Connected > 0 ? $"{(ha - hb) * 1024 / Connected:F1}" : "n/a";
        return string.Format(inv,
            "agents={0} connected={1} connect_s={2:F1} changes={3} delivered={4} lost={5} refused={6} p50_ms={7:F1} p99_ms={8:F1} max_ms={9:F1} " +
            "rss_before_mib={10:F0} rss_after_mib={11:F0} rss_kib_per_agent={12:F1} heap_before_mib={13} heap_after_mib={14} heap_kib_per_agent={15} " +
            "node_cpu_pct={16:F0} client_cpu_pct={17:F0} http_p50_ms={18:F1} http_p99_ms={19:F1}",
            Agents, Connected, ConnectSeconds, Drive.Changes, pushes.Length, Drive.Lost, Drive.Refused, Pct(pushes, 0.50), Pct(pushes, 0.99),
            pushes.Length == 0 ? double.NaN : pushes[^1],
            RssBeforeKiB / 1024.0, RssAfterKiB / 1024.0, perAgent,
            HeapBeforeMiB?.ToString("F0", inv) ?? "n/a", HeapAfterMiB?.ToString("F0", inv) ?? "n/a", heapPerAgent,
            100 * Drive.NodeCpu.TotalSeconds / Drive.Seconds, 100 * Drive.ClientCpu.TotalSeconds / Drive.Seconds,
            Pct(http, 0.50), Pct(http, 0.99));
    }
}
