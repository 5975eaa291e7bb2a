using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CallCenter.Gateway.Media.Transport;

namespace CallCenter.Gateway.Telemetry;

/// <summary>
/// RTP through the gateway's media endpoints: packets each way and lost (RFC 3550 A.3), and each stream's
/// interarrival jitter when it closes, each under its <c>gateway</c> (<see cref="SipTelemetry.GatewayAttribute"/>).
/// Packets are counted by the endpoints already (no cost per packet here): the counters add the live endpoints'
/// figures to those of the endpoints already closed.
/// </summary>
public static class MediaTelemetry
{
    public const string Name = "callcenter.media";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Source = new(Name);

    private static readonly ConcurrentDictionary<RtpEndpoint, byte> Live = new();
    private static readonly ConcurrentDictionary<string, ClosedTotals> ClosedByGateway = new();

    /// <summary>The packets of one gateway's endpoints that have closed.</summary>
    private sealed class ClosedTotals
    {
        public long Received;
        public long Sent;
        public long Lost;
    }

    private static readonly Histogram<double> Jitter = Meter.CreateHistogram<double>(
        "callcenter.rtp.jitter", "s", "Interarrival jitter of each received RTP stream when its endpoint closed",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.2] });

    static MediaTelemetry()
    {
        Meter.CreateObservableCounter("callcenter.rtp.packets", ObservePackets, "{packet}", "RTP packets received (direction=in) and sent (out)");
        Meter.CreateObservableCounter("callcenter.rtp.packets_lost", () => PerGateway(t => Interlocked.Read(ref t.Lost), e => e.Reception.Lost)
            .Select(g => new Measurement<long>(g.Value, Tag(g.Key))), "{packet}", "RTP packets the senders sent that never arrived");
        Meter.CreateObservableGauge("callcenter.rtp.streams", () => PerGateway(_ => 0, _ => 1)
            .Select(g => new Measurement<long>(g.Value, Tag(g.Key))), "{endpoint}", "Media endpoints open now (one per call leg)");
    }

    public static void Opened(RtpEndpoint endpoint)
    {
        ClosedByGateway.GetOrAdd(endpoint.Gateway, _ => new ClosedTotals());
        Live.TryAdd(endpoint, 0);
    }

    public static void Closed(RtpEndpoint endpoint)
    {
        if (!Live.TryRemove(endpoint, out _))
            return;
        var totals = ClosedByGateway.GetOrAdd(endpoint.Gateway, _ => new ClosedTotals());
        Interlocked.Add(ref totals.Received, endpoint.PacketsReceived);
        Interlocked.Add(ref totals.Sent, endpoint.PacketsSent);
        var reception = endpoint.Reception;
        Interlocked.Add(ref totals.Lost, Math.Max(0, reception.Lost));
        if (endpoint.PacketsReceived > 0)
            Jitter.Record(reception.JitterSeconds, Tag(endpoint.Gateway));
    }

    private static KeyValuePair<string, object?> Tag(string gateway) => new(SipTelemetry.GatewayAttribute, gateway);

    /// <summary>Per gateway that has had an endpoint: its closed endpoints' total plus its live endpoints' figures.</summary>
    private static Dictionary<string, long> PerGateway(Func<ClosedTotals, long> closed, Func<RtpEndpoint, long> live)
    {
        var sums = ClosedByGateway.ToDictionary(g => g.Key, g => closed(g.Value));
        foreach (var endpoint in Live.Keys)
            sums[endpoint.Gateway] = sums.GetValueOrDefault(endpoint.Gateway) + live(endpoint);
        return sums;
    }

    private static IEnumerable<Measurement<long>> ObservePackets()
    {
        foreach (var (gateway, received) in PerGateway(t => Interlocked.Read(ref t.Received), e => e.PacketsReceived))
            yield return new Measurement<long>(received, new("direction", "in"), Tag(gateway));
        foreach (var (gateway, sent) in PerGateway(t => Interlocked.Read(ref t.Sent), e => e.PacketsSent))
            yield return new Measurement<long>(sent, new("direction", "out"), Tag(gateway));
    }
}
