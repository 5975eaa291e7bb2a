using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using CallCenter.Actors.Calls;

namespace CallCenter.Actors.Telemetry;

/// <summary>
/// A call's log lines, wherever an actor writes them (the call's entity, the gateway's legs): each carries the call's
/// id as the structured property <see cref="CallIdProperty"/> (an OpenTelemetry log attribute) and, while the actor
/// handles a message inside <see cref="InTrace"/>, the call's trace: Akka takes the trace of a log event from
/// <see cref="Activity.Current"/> when the event is made, and the host's OpenTelemetry logger puts it on the record.
/// </summary>
public static class CallLog
{
    public const string CallIdProperty = "CallId";

    /// <summary>The name of the stand-in activity that makes a call's trace current; no listener records it.</summary>
    public const string TraceActivityName = "callcenter.call.log";

    /// <summary>The actor's logger with the call's id on every line.</summary>
    public static ILoggingAdapter For(IActorContext context, CallId id) => context.GetLogger().WithContext(CallIdProperty, id.Value);

    /// <summary>
    /// Makes the call's trace (its W3C <paramref name="traceParent"/>) current until disposed, restoring what was
    /// current before; nothing when the call has no trace. The stand-in activity comes from no <see cref="ActivitySource"/>,
    /// so no tracer exports it: logs written meanwhile name the call's trace, and spans are started with explicit parents.
    /// </summary>
    public static IDisposable? InTrace(string? traceParent)
    {
        if (traceParent is null || !ActivityContext.TryParse(traceParent, null, out _))
            return null;
        var previous = Activity.Current;
        var standIn = new Activity(TraceActivityName).SetParentId(traceParent).Start();
        return new Restore(standIn, previous);
    }

    private sealed class Restore(Activity standIn, Activity? previous) : IDisposable
    {
        public void Dispose()
        {
            standIn.Stop();
            Activity.Current = previous;
        }
    }
}
