using System.Collections.Concurrent;
using System.Diagnostics;

namespace CallCenter.Actors.Tests.Support;

/// <summary>
/// Every span our <c>callcenter.*</c> activity sources end, as an ActivityListener (what an OpenTelemetry tracer
/// provider subscribes with) hears it. Specs pick their own by trace id. Cluster.Node.Tests links this file.
/// </summary>
public sealed class RecordedSpans : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _ended = new();

    public RecordedSpans()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("callcenter.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ended.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> InTrace(ActivityTraceId trace) => _ended.Where(a => a.TraceId == trace).ToList();

    public IReadOnlyList<Activity> Named(string name) => _ended.Where(a => a.OperationName == name).ToList();

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds over the ended spans.</summary>
    public Task EventuallyAsync(Func<RecordedSpans, bool> condition, string what) =>
        Polling.UntilAsync(() => condition(this), what, () => $"spans: {string.Join(", ", _ended.Select(a => a.OperationName).Distinct())}");

    public void Dispose() => _listener.Dispose();
}
