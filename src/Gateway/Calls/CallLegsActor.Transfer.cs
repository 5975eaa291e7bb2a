using System.Text;
using Akka.Actor;
using Akka.Event;
using CallCenter.Actors;
using CallCenter.Actors.Calls;
using CallCenter.Gateway.Media.Transport;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Sdp;
using CallCenter.Gateway.Sip.Transaction;
using CallCenter.Gateway.Sip.UserAgent;

namespace CallCenter.Gateway.Calls;

/// <summary>Transfers of a call's legs: an agent's blind REFER (to a queue, an entry point, an agent or outside), and a leg to an outside party.</summary>
public sealed partial class CallLegsActor
{
    /// <summary>
    /// A blind transfer from the agent's phone (RFC 3515): to a queue (by name or entry-point number), to another agent
    /// (by id: the call waits for that agent in one of their queues), or out to a SIP address on another host.
    /// </summary>
    private void OnRefer(AgentLeg leg, ServerTransaction tx)
    {
        var referTo = tx.Request.Headers.Get("Refer-To");
        var uri = referTo is not null && NameAddressParser.TryParse(Encoding.UTF8.GetBytes(referTo), out var address) ? address!.Uri as SipUri : null;
        var target = uri?.User;
        if (!leg.Connected || leg.Transferring)
        {
            tx.Respond(491);
            return;
        }

        var definition = _context.Definition();
        var toAgent = target is null ? null : definition.Agents.FirstOrDefault(a => a.Id == target && a.Id != leg.AgentId.Value && a.Queues.Count > 0);
        var queue = target is null ? null
            : definition.Queues.Any(q => q.Name == target) ? target
            : definition.EntryPointFor(target)?.Queue ?? toAgent?.Queues[0];
        IProtocolMessage? transfer = queue is not null
            ? new TransferCall(_id, leg.AgentId, new QueueId(queue), toAgent is null || queue != toAgent.Queues[0] ? null : new AgentId(toAgent.Id))
            : null;
        if (transfer is null && (uri is null || IsOurs(uri) || Target(uri) is null))
        {
            tx.Respond(SipStatus.NotFound, $"Not Found - no queue, entry point or agent '{target}'");
            return;
        }

        tx.Respond(202);
        leg.Transferring = true;
        if (transfer is null)
        {
            if (!CallOutside(uri!, leg, seq: 0))
            {
                Notify(leg, "SIP/2.0 503 Service Unavailable");
                leg.Transferring = false;
            }

            return;
        }

        _log.Info("Call {0}: agent {1} transfers the call to {2}", _id, leg.AgentId, toAgent is null ? $"queue {queue}" : $"agent {toAgent.Id} in queue {queue}");
        _context.Entities.Ask<object>(transfer, _context.Options.EntityTimeout)
            .PipeTo(Self, success: r => new TransferReply(leg, r), failure: e => new TransferReply(leg, e));
    }

    /// <summary>
    /// Calls an outside party with the caller's media (what the caller agreed, or their offer if not yet answered): an
    /// agent's transfer out (<paramref name="transferring"/>: the call's entity is asked once it answers) or the entity's
    /// <see cref="BridgeOutside"/> step <paramref name="seq"/> (bridged once it answers). False when no RTP port is free.
    /// </summary>
    private bool CallOutside(SipUri uri, AgentLeg? transferring, int seq)
    {
        if (OpenMedia() is not { } media)
            return false;
        var offer = SdpRewriter.Rewrite(_callerRemote ?? _callerOffer, _context.Options.RtpAddress, media.LocalEndPoint.Port, _sessionId, _sdpVersion++)!;
        var call = _context.Sip.PrepareCall(uri, Target(uri)!, offer.ToBytes(), CallerIdentity(), [SipHeader.Create(CallHeader, _id.Value)]);
        Watch(call, inDialog: false);
        _outside = new OutsideLeg(transferring, seq, uri.ToString(), call, media);
        if (transferring is null)
            _log.Info("Call {0}: the call bridges the caller out to {1} (SIP Call-ID {2})", _id, uri, call.CallId);
        else
            _log.Info("Call {0}: agent {1} transfers the call out to {2} (SIP Call-ID {3})", _id, transferring.AgentId, uri, call.CallId);
        call.Start();
        return true;
    }

    private void OnOutsideAnswered(OutsideLeg outside, SipResponse response)
    {
        if (SdpSession.Parse(response.Body.Span).Session is { } sdp)
        {
            outside.Remote = sdp;
            if (SdpRewriter.RtpTarget(sdp) is { } target)
                outside.Media.SetRemote(target);
        }

        if (outside.Agent is not { } agent)
        {
            ConnectOutside(outside);
            Report(new MediaFinished(_id, outside.Seq, MediaOutcome.Bridged));
            return;
        }

        _context.Entities.Ask<object>(new TransferCallOut(_id, agent.AgentId, outside.Number), _context.Options.EntityTimeout)
            .PipeTo(Self, success: r => new TransferReply(agent, r), failure: e => new TransferReply(agent, e));
    }

    private void OnOutsideFailed(OutsideLeg outside, SipResponse response)
    {
        _outside = null;
        _ = outside.Media.DisposeAsync();
        _log.Info("Call {0}: the call out to {1} failed: {2}", _id, outside.Number, response.StatusCode);
        if (outside.Agent is not { } agent)
        {
            _media?.Silence();
            Report(new MediaFinished(_id, outside.Seq, MediaOutcome.Failed, Reason: $"{response.StatusCode} {response.ReasonPhrase}"));
            return;
        }

        agent.Transferring = false;
        Notify(agent, $"SIP/2.0 {response.StatusCode} {response.ReasonPhrase}");
    }

    /// <summary>
    /// The call let the caller go out (the entity's transfer confirmed, or its <see cref="BridgeOutside"/>): the agent's
    /// leg ends, the caller is answered if nobody had, and talks to the outside party here.
    /// </summary>
    /// <summary>Bridges the caller to the outside party; a transferring agent's leg is ended by the caller (after its NOTIFY).</summary>
    private void ConnectOutside(OutsideLeg outside)
    {
        if (!CallerAnswered)
        {
            AnswerCallerFrom(outside.Remote);
            _callerMedia!.SetRemote(SdpRewriter.RtpTarget(_callerRemote!));
            _callerMedia.Start();
        }

        _media?.Stop(); // the step that bridges out is answered Bridged: it is not cut short
        outside.Connected = true;
        CloseRelay(); // the transferring agent's, whose leg ends once its phone heard the NOTIFY
        StopRecording();
        _relay = new RtpRelay(_callerMedia!, outside.Media);
        outside.Media.Start();
        _log.Info("Call {0}: caller bridged to {1}, media relayed {2} <-> {3}", _id, outside.Number, _callerMedia!.LocalEndPoint, outside.Media.LocalEndPoint);
    }

    private void EndOutside(string why)
    {
        if (_outside is not { } outside)
            return;
        _outside = null;
        End(outside.Call);
        CloseRelay();

        _ = outside.Media.DisposeAsync();
        _log.Info("Call {0}: the outside leg to {1} ends: {2}", _id, outside.Number, why);
    }

    /// <summary>Tells the transferring phone how its REFER ended (a NOTIFY with a sipfrag); completes with the NOTIFY's answer.</summary>
    private Task Notify(AgentLeg leg, string status)
    {
        if (leg.Call.State != SipCallState.Confirmed)
            return Task.CompletedTask;
        return leg.Call.SendRequestAsync(SipMethods.Notify, Encoding.ASCII.GetBytes(status + "\r\n"), "message/sipfrag;version=2.0",
            [SipHeader.Create("Event", "refer"), SipHeader.Create("Subscription-State", "terminated;reason=noresource")]);
    }

    /// <summary>How long a transferring phone's leg is kept for its NOTIFY to be answered before the BYE.</summary>
    private static readonly TimeSpan NotifyGrace = TimeSpan.FromSeconds(1);

    private bool IsOurs(SipUri uri) =>
        System.Net.IPAddress.TryParse(uri.HostAddress, out var ip) && _context.Sip.Layer.Wire.LocalEndPoint(Sip.Transport.SipTransportKind.Udp) is { } local
        && ip.Equals(local.Address) && (uri.Port ?? 5060) == local.Port;

    private NameAddress CallerIdentity() => new(_caller.Invite.From?.DisplayName,
        SipUri.Create(_context.Options.RtpAddress.ToString(), null, _caller.Invite.From?.Uri is SipUri u ? u.User : "anonymous"),
        SipParameters.Empty);

    private void OnTransferReply(TransferReply reply)
    {
        var accepted = reply.Reply is CommandAccepted;
        if (!accepted)
        {
            reply.Leg.Transferring = false;
            _log.Warning("Call {0}: transfer refused: {1}", _id, reply.Reply);
        }

        // The phone hears the outcome before its leg is ended (RFC 3515 §2.4.5): sent one after the other, the NOTIFY
        // and the BYE could reach the phone in either order, so the BYE waits for the NOTIFY's answer (or NotifyGrace).
        var notified = Notify(reply.Leg, accepted ? "SIP/2.0 200 OK" : "SIP/2.0 503 Service Unavailable");
        var target = "a queue";
        if (_outside is { } outside && outside.Agent == reply.Leg)
        {
            if (!accepted)
            {
                EndOutside($"the call refused the transfer: {reply.Reply}");
                return;
            }

            ConnectOutside(outside);
            target = outside.Number;
        }

        if (!accepted)
            return;
        var leg = reply.Leg;
        var reason = $"transferred to {target}";
        Task.WhenAny(notified, Task.Delay(NotifyGrace))
            .PipeTo(Self, success: _ => new DropAfterNotify(leg, reason), failure: _ => new DropAfterNotify(leg, reason));
    }

    /// <summary>The transferring phone heard how its transfer ended: its leg ends now.</summary>
    private void OnDropAfterNotify(DropAfterNotify drop)
    {
        if (_agent == drop.Leg)
            DropAgent(drop.Leg.AgentId, drop.Reason);
    }

    private sealed record DropAfterNotify(AgentLeg Leg, string Reason);

    /// <summary>An outside party called for an agent's transfer out (<see cref="Agent"/>) or the call's own step <see cref="Seq"/>.</summary>
    private sealed class OutsideLeg(AgentLeg? agent, int seq, string number, OutboundCall call, RtpEndpoint media)
    {
        public AgentLeg? Agent { get; } = agent;
        public int Seq { get; } = seq;
        public string Number { get; } = number;
        public OutboundCall Call { get; } = call;
        public RtpEndpoint Media { get; } = media;
        public SdpSession? Remote { get; set; }
        public bool Connected { get; set; }
    }
}
