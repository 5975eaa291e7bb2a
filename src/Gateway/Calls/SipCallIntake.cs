using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using CallCenter.Actors;
using CallCenter.Actors.Calls;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Sdp;
using CallCenter.Gateway.Sip.UserAgent;
using CallCenter.Gateway.Telemetry;

namespace CallCenter.Gateway.Calls;

/// <summary>
/// The front door for INVITEs, on the SIP thread that received them: a source outside every trunk gets 403, a
/// number no entry point knows gets 404, an offer without G.711 gets 488; anything else is rung (180) at once
/// and handed to the gateway actor, which starts the call's entity. A draining gateway answers every new INVITE 503.
/// </summary>
public sealed class SipCallIntake(CallGatewayContext context, IActorRef gateway, string gatewayPath)
{
    /// <summary>Takes the user agent's INVITEs from now on.</summary>
    public void Attach() => context.Sip.IncomingCall += OnInvite;

    public void Detach() => context.Sip.IncomingCall -= OnInvite;

    /// <summary>Whether new calls are turned away: the node is shutting down and lets only its calls in progress finish.</summary>
    public bool Draining { get; private set; }

    /// <summary>From now on every new INVITE gets 503 (RFC 3261 §21.5.4) so the trunk tries another gateway.</summary>
    public void StartDraining() => Draining = true;

    private void OnInvite(InboundCall call)
    {
        // The call's trace starts at its INVITE: the StartCall carries it to the call's entity, wherever that runs.
        using var span = SipTelemetry.Source.StartActivity("sip.invite", ActivityKind.Server);
        span?.SetTag("sip.call_id", call.CallId);
        if (Draining)
        {
            Refuse(call, span, SipStatus.ServiceUnavailable, "Service Unavailable - gateway draining");
            return;
        }

        var invite = call.Invite;
        var definition = context.Definition();
        if (definition.TrunkFor(call.Transaction.Flow.Remote.Address) is null)
        {
            Refuse(call, span, 403, "Forbidden - not a trunk");
            return;
        }

        var dialled = invite.RequestUri is SipUri { User: { Length: > 0 } user } ? user : (invite.To?.Uri as SipUri)?.User ?? "";
        var entry = definition.EntryPointFor(dialled) ?? definition.EntryPointFor((invite.To?.Uri as SipUri)?.User ?? "");
        if (entry is null)
        {
            Refuse(call, span, SipStatus.NotFound, $"Not Found - no entry point for '{dialled}'");
            return;
        }

        if (invite.Body.IsEmpty || SdpSession.Parse(invite.Body.Span).Session is not { } offer
            || SdpRewriter.Rewrite(offer, context.Options.RtpAddress, 9, "0", 0) is null)
        {
            Refuse(call, span, 488, "Not Acceptable Here - an SDP offer with PCMU or PCMA is needed");
            return;
        }

        call.Ring();
        var id = new CallId(Guid.NewGuid().ToString("N"));
        var from = invite.From?.Uri is SipUri caller ? caller.User ?? caller.Host : invite.From?.Uri.ToString() ?? "";
        var start = new StartCall(id, from, dialled, entry.Queue is null ? null : new QueueId(entry.Queue), entry.Priority, entry.Skills,
            ImmutableDictionary<string, string>.Empty.Add("sip.call-id", call.CallId), gatewayPath, entry.Flow, span?.Id);
        span?.SetTag("callcenter.call.id", id.Value);
        gateway.Tell(new CallGatewayActor.IncomingSipCall(call, offer, start));
    }

    /// <summary>Answers the INVITE with <paramref name="status"/>; the refusal is the span's error.</summary>
    private static void Refuse(InboundCall call, Activity? span, int status, string phrase)
    {
        span?.SetStatus(ActivityStatusCode.Error, $"{status} {phrase}");
        call.Reject(status, phrase);
    }
}
