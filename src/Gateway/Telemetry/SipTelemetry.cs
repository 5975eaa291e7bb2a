using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transaction;

namespace CallCenter.Gateway.Telemetry;

/// <summary>
/// SIP as the gateway handles it: requests and responses by method and status class, each way (a retransmission
/// resends the bytes already counted and is not counted again), transactions in progress, and registered phones.
/// Every measurement carries its <c>gateway</c> (the SIP address the stack listens on, host:port), so that several
/// gateways in one process or one Prometheus keep their series apart.
/// </summary>
public static class SipTelemetry
{
    public const string Name = "callcenter.sip";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Source = new(Name);

    /// <summary>Methods named in the metrics; any other is "other", so a stray peer cannot grow the series without bound.</summary>
    private static readonly HashSet<string> KnownMethods =
    [
        SipMethods.Invite, SipMethods.Ack, SipMethods.Bye, SipMethods.Cancel, SipMethods.Register, SipMethods.Options,
        "INFO", "UPDATE", "REFER", "NOTIFY", "SUBSCRIBE", "PRACK", "MESSAGE",
    ];

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "callcenter.sip.requests", "{request}", "SIP requests received (direction=in) and sent (out), by method");

    private static readonly Counter<long> Responses = Meter.CreateCounter<long>(
        "callcenter.sip.responses", "{response}", "SIP responses received and sent, by the method they answer and status class (1xx-6xx)");

    private static readonly Counter<long> Malformed = Meter.CreateCounter<long>(
        "callcenter.sip.malformed", "{message}", "Messages that did not parse (requests are answered 400)");

    private static readonly ConcurrentDictionary<string, Watched> Stacks = new();

    private sealed record Watched(SipTransactionLayer Layer, Func<int> Bindings);

    static SipTelemetry()
    {
        Meter.CreateObservableGauge("callcenter.sip.transactions", ObserveTransactions, "{transaction}",
            "SIP transactions in progress, by kind (server, client)");
        Meter.CreateObservableGauge("callcenter.sip.registrations", () => Stacks.Select(s =>
                new Measurement<long>(s.Value.Bindings(), new KeyValuePair<string, object?>(GatewayAttribute, s.Key))), "{binding}",
            "Phone registrations (bindings) the gateway's registrar holds");
    }

    /// <summary>The attribute naming the gateway (its SIP address, host:port) on every SIP and RTP measurement.</summary>
    public const string GatewayAttribute = "gateway";

    public static void Received(SipMessage message, string gateway) => Count(message, "in", gateway);

    public static void Sent(SipMessage message, string gateway) => Count(message, "out", gateway);

    public static void ReceivedMalformed(string gateway) => Malformed.Add(1, new KeyValuePair<string, object?>(GatewayAttribute, gateway));

    /// <summary>Reads the stack's transactions and registrations until the returned handle is disposed.</summary>
    public static IDisposable Watch(string gateway, SipTransactionLayer layer, Func<int> bindings)
    {
        Stacks[gateway] = new Watched(layer, bindings);
        Malformed.Add(0, new KeyValuePair<string, object?>(GatewayAttribute, gateway));
        return new Unwatch(gateway);
    }

    private sealed class Unwatch(string gateway) : IDisposable
    {
        public void Dispose() => Stacks.TryRemove(gateway, out _);
    }

    private static void Count(SipMessage message, string direction, string gateway)
    {
        switch (message)
        {
            case SipRequest request:
                Requests.Add(1, new("method", MethodName(request.Method)), new("direction", direction), new(GatewayAttribute, gateway));
                break;
            case SipResponse response:
                Responses.Add(1, new("method", MethodName(response.CSeq?.Method)), new("status_class", $"{response.StatusCode / 100}xx"),
                    new("direction", direction), new(GatewayAttribute, gateway));
                break;
        }
    }

    /// <summary>The span of ringing an agent's phone: from the INVITE sent until it answers or fails.</summary>
    public const string AgentLegSpan = "sip.agent_leg";

    /// <summary>
    /// Starts <see cref="AgentLegSpan"/> in the call's trace (its W3C <paramref name="traceParent"/>); none when the call
    /// has no trace. It is held across messages and ended by <see cref="AgentLegAnswered"/> or <see cref="AgentLegFailed"/>;
    /// what was current before stays current.
    /// </summary>
    public static Activity? StartAgentLeg(string? traceParent, string callId, string agentId, string sipCallId)
    {
        if (traceParent is null || !ActivityContext.TryParse(traceParent, null, out var parent))
            return null;
        var previous = Activity.Current;
        var span = Source.StartActivity(AgentLegSpan, ActivityKind.Client, parent,
            [new("callcenter.call.id", callId), new("callcenter.agent.id", agentId), new("sip.call_id", sipCallId)]);
        Activity.Current = previous;
        return span;
    }

    /// <summary>The phone answered (<paramref name="statusCode"/>, a 2xx).</summary>
    public static void AgentLegAnswered(Activity? span, int statusCode)
    {
        span?.SetTag("sip.status_code", statusCode);
        Stop(span);
    }

    /// <summary>
    /// The ringing ended without an answer: a final failure from the phone (<paramref name="statusCode"/>) or the
    /// gateway's own CANCEL (no status; <paramref name="why"/> says why). An event of the span, and its error status.
    /// </summary>
    public static void AgentLegFailed(Activity? span, string why, int? statusCode = null)
    {
        if (span is null)
            return;
        var tags = new ActivityTagsCollection { ["reason"] = why };
        if (statusCode is { } status)
        {
            tags["sip.status_code"] = status;
            span.SetTag("sip.status_code", status);
        }
        span.AddEvent(new ActivityEvent(statusCode is null ? "cancelled" : "failed", tags: tags));
        span.SetStatus(ActivityStatusCode.Error, why);
        Stop(span);
    }

    /// <summary>Ends a span that is not current (stopping makes its parent, none here, current): what was current stays.</summary>
    private static void Stop(Activity? span)
    {
        var current = Activity.Current;
        span?.Stop();
        Activity.Current = current;
    }

    private static string MethodName(string? method) => method is not null && KnownMethods.Contains(method) ? method : "other";

    private static IEnumerable<Measurement<long>> ObserveTransactions() => Stacks.SelectMany(s => new[]
    {
        new Measurement<long>(s.Value.Layer.ServerTransactionCount, new("kind", "server"), new(GatewayAttribute, s.Key)),
        new Measurement<long>(s.Value.Layer.ClientTransactionCount, new("kind", "client"), new(GatewayAttribute, s.Key)),
    });
}
