using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Akka.Actor;
using CallCenter.Actors.Telemetry;

namespace CallCenter.Actors.Tests.Support;

/// <summary>
/// Every <c>callcenter.*</c> measurement one node (actor system) records, as a MeterListener hears it: other
/// nodes of the test process are told apart by their <c>node</c> attribute. Measurements with no node (the gateway's
/// SIP and media) are the whole process's: <see cref="RecordedMeasurements(Func{IReadOnlyDictionary{string,string},bool})"/>.
/// Cluster.Node.Tests and Gateway.Tests link this file.
/// </summary>
public sealed class RecordedMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Recorded> _recorded = new();
    private readonly Func<IReadOnlyDictionary<string, string>, bool> _keep;

    public sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, string> Tags);

    public RecordedMeasurements(ActorSystem node) : this(tags => tags.GetValueOrDefault(TelemetryNode.Attribute) == TelemetryNode.Of(node))
    {
    }

    /// <summary>The measurements whose tags <paramref name="keep"/> accepts.</summary>
    public RecordedMeasurements(Func<IReadOnlyDictionary<string, string>, bool> keep)
    {
        _keep = keep;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("callcenter.", StringComparison.Ordinal))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, string>();
        foreach (var tag in tags)
            map[tag.Key] = tag.Value?.ToString() ?? "";
        if (_keep(map))
            _recorded.Enqueue(new Recorded(instrument.Name, value, map));
    }

    /// <summary>The measurements of <paramref name="instrument"/> whose tags include every one of <paramref name="tags"/>.</summary>
    public IReadOnlyList<Recorded> Of(string instrument, params (string Key, string Value)[] tags) =>
        _recorded.Where(r => r.Instrument == instrument && tags.All(t => r.Tags.GetValueOrDefault(t.Key) == t.Value)).ToList();

    public IReadOnlyList<double> Values(string instrument, params (string Key, string Value)[] tags) =>
        Of(instrument, tags).Select(r => r.Value).ToList();

    public double Sum(string instrument, params (string Key, string Value)[] tags) => Of(instrument, tags).Sum(r => r.Value);

    /// <summary>The gauges' values now (each observation is recorded like any measurement).</summary>
    public void Observe() => _listener.RecordObservableInstruments();

    public void Clear() => _recorded.Clear();

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds over the measurements.</summary>
    public Task EventuallyAsync(Func<RecordedMeasurements, bool> condition, string what) =>
        Polling.UntilAsync(() => condition(this), what, () => $"recorded: {string.Join(", ", _recorded.Select(r => r.Instrument).Distinct())}");

    public void Dispose() => _listener.Dispose();
}
