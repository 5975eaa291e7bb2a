using System.Diagnostics;
using CallCenter.Actors.Calls;

namespace CallCenter.Actors.Telemetry;

/// <summary>
/// One call's spans, in the trace its <see cref="CallState.TraceParent"/> names (the gateway's INVITE, or the API
/// request that created it): each IVR step, the queue wait, each offer, the talk and the wrap-up. A span is made
/// when it ends, from the times the call's events carry, so nothing is held open across messages; since the trace
/// parent is in the call's first event, an entity that recovered on another node goes on in the same trace.
/// Failures are span events: an offer withdrawn (ring-no-answer, a rejected reservation), an abandon.
/// </summary>
public sealed class CallTracing
{
    private (string Step, DateTimeOffset At)? _step;
    private (AgentId Agent, QueueId Queue, DateTimeOffset At)? _offer;

    /// <summary>What one live event of the call ends or starts; <paramref name="after"/> is the state it led to.</summary>
    public void Observe(CallState before, ICallEvent change, CallState after, DateTimeOffset now)
    {
        if (after.TraceParent is null || !ActivityContext.TryParse(after.TraceParent, null, out var parent))
            return;
        var call = new KeyValuePair<string, object?>("callcenter.call.id", after.Id.Value);
        switch (change)
        {
            case FlowStepReached step:
                EndStep(parent, call, step.At);
                _step = (step.Step, step.At);
                break;
            case CallSentToQueue or CallMovedToQueue or CallExitedQueue:
                EndStep(parent, call, now);
                break;
            case CallOfferedToAgent offer:
                _offer = (offer.AgentId, offer.QueueId, offer.At);
                break;
            case CallOfferToAgentWithdrawn withdrawn:
                EndOffer(parent, call, withdrawn.At, new ActivityEvent(withdrawn.Reason.Contains("no-answer") ? "ring-no-answer" : "offer withdrawn",
                    withdrawn.At, new ActivityTagsCollection { ["reason"] = withdrawn.Reason }));
                break;
            case CallAnsweredByAgent answered:
                EndOffer(parent, call, answered.At, null);
                Span("call.queue_wait", parent, before.QueuedAt ?? before.ArrivedAt ?? answered.At, answered.At, null, call, Queue(before));
                break;
            case CallTransferred or CallTransferredOut when before.AnsweredAt is { } talking:
                Span("call.talk", parent, talking, now, null, call, Queue(before), Agent(before));
                break;
            case CallEnded ended:
                Ended(before, ended, parent, call);
                break;
            case CallDispositionSet when after.EndedAt is { } end:
                Span("call.wrap_up", parent, end, now, null, call, Agent(after));
                break;
        }
    }

    private void Ended(CallState before, CallEnded ended, ActivityContext parent, KeyValuePair<string, object?> call)
    {
        EndStep(parent, call, ended.At);
        EndOffer(parent, call, ended.At, new ActivityEvent("call ended while offered", ended.At));
        var outcome = new KeyValuePair<string, object?>("callcenter.call.outcome", ended.Outcome.ToString());
        if (before.Status is CallStatus.Queued or CallStatus.Offered)
            Span("call.queue_wait", parent, before.QueuedAt ?? ended.At, ended.At,
                new ActivityEvent("abandoned", ended.At, new ActivityTagsCollection { ["by"] = ended.By.ToString() }), call, Queue(before), outcome);
        else if (before.AnsweredAt is { } answered && before.Status != CallStatus.Ended)
            Span("call.talk", parent, answered, ended.At, null, call, Queue(before), Agent(before), outcome);
    }

    private void EndStep(ActivityContext parent, KeyValuePair<string, object?> call, DateTimeOffset at)
    {
        if (_step is not { } step)
            return;
        _step = null;
        Span("call.ivr_step", parent, step.At, at, null, call, new("callcenter.ivr.step", step.Step));
    }

    private void EndOffer(ActivityContext parent, KeyValuePair<string, object?> call, DateTimeOffset at, ActivityEvent? failure)
    {
        if (_offer is not { } offer)
            return;
        _offer = null;
        Span("call.offer", parent, offer.At, at, failure, call, new("callcenter.agent.id", offer.Agent.Value), new("callcenter.queue", offer.Queue.Value));
    }

    private static KeyValuePair<string, object?> Queue(CallState state) => new("callcenter.queue", state.QueueId?.Value);

    private static KeyValuePair<string, object?> Agent(CallState state) => new("callcenter.agent.id", state.AgentId?.Value);

    /// <summary>A span that already ended, with a failure event (and error status) if one is given.</summary>
    private static void Span(string name, ActivityContext parent, DateTimeOffset start, DateTimeOffset end, ActivityEvent? failure,
        params KeyValuePair<string, object?>[] tags)
    {
        var previous = Activity.Current;
        using var span = RoutingTelemetry.Source.StartActivity(name, ActivityKind.Internal, parent, tags, startTime: start);
        Activity.Current = previous;
        if (span is null)
            return;
        if (failure is { } e)
        {
            span.AddEvent(e);
            span.SetStatus(ActivityStatusCode.Error, e.Name);
        }
        span.SetEndTime(end.UtcDateTime);
    }
}
