using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CallCenter.Gateway.Media.Transport;

namespace CallCenter.Gateway.Telemetry;

/// <summary>
/// RTP through the gateway's media endpoints: packets each way and lost (RFC 3550 A.3), and each stream's
/// interarrival jitter when it closes. Packets are counted by the endpoints already (no cost per packet here):
/// the counters add the live endpoints' figures to those of the endpoints already closed.
/// </summary>
public static class MediaTelemetry
{
    public const string Name = "callcenter.media";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Source = new(Name);

    private static readonly ConcurrentDictionary<RtpEndpoint, byte> Live = new();
    private static long _closedReceived;
    private static long _closedSent;
    private static long _closedLost;

    private static readonly Histogram<double> Jitter = Meter.CreateHistogram<double>(
        "callcenter.rtp.jitter", "s", "Interarrival jitter of each received RTP stream when its endpoint closed",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2] });

    static MediaTelemetry()
    {
        Meter.CreateObservableCounter("callcenter.rtp.packets", ObservePackets, "{packet}", "RTP packets received (direction=in) and sent (out)");
        Meter.CreateObservableCounter("callcenter.rtp.packets_lost", () =>
            Interlocked.Read(ref _closedLost) + Live.Keys.Sum(e => e.Reception.Lost), "{packet}", "RTP packets the senders sent that never arrived");
        Meter.CreateObservableGauge("callcenter.rtp.streams", () => Live.Count, "{endpoint}", "Media endpoints open now (one per call leg)");
    }

    public static void Opened(RtpEndpoint endpoint) => Live.TryAdd(endpoint, 0);

    public static void Closed(RtpEndpoint endpoint)
    {
        if (!Live.TryRemove(endpoint, out _))
            return;
        Interlocked.Add(ref _closedReceived, endpoint.PacketsReceived);
        Interlocked.Add(ref _closedSent, endpoint.PacketsSent);
        var reception = endpoint.Reception;
        Interlocked.Add(ref _closedLost, Math.Max(0, reception.Lost));
        if (endpoint.PacketsReceived > 0)
            Jitter.Record(reception.JitterSeconds);
    }

    private static IEnumerable<Measurement<long>> ObservePackets()
    {
        var live = Live.Keys.ToList();
        yield return new Measurement<long>(Interlocked.Read(ref _closedReceived) + live.Sum(e => e.PacketsReceived), new KeyValuePair<string, object?>("direction", "in"));
        yield return new Measurement<long>(Interlocked.Read(ref _closedSent) + live.Sum(e => e.PacketsSent), new KeyValuePair<string, object?>("direction", "out"));
    }
}
