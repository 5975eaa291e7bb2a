using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Event;
using CallCenter.Actors;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Telemetry;
using CallCenter.Gateway.Media.Rtcp;
using CallCenter.Gateway.Media.Transport;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Sdp;
using CallCenter.Gateway.Sip.Transaction;
using CallCenter.Gateway.Sip.UserAgent;
using CallCenter.Gateway.Telemetry;

namespace CallCenter.Gateway.Calls;

/// <summary>
/// One call's SIP legs on this gateway (a back-to-back user agent): the caller's INVITE, the agent leg the call's
/// entity asks for, and the RTP relay between them. SIP events arrive as messages, so one call's legs are handled
/// one event at a time. The entity decides (which agent, when to connect, when it is over); this actor does it,
/// and tells the entity everything SIP says, insisting on hang-ups so that no agent is left "on call". What the
/// caller hears from the gateway itself (prompts, hold, digits) is in CallLegsActor.Media.cs and <see cref="CallerMedia"/>.
/// </summary>
public sealed partial class CallLegsActor : ReceiveActor, IWithTimers
{
    private readonly CallGatewayContext _context;
    private readonly CallId _id;
    private readonly InboundCall _caller;
    private readonly SdpSession _callerOffer;
    private readonly StartCall _start;
    private readonly ILoggingAdapter _log;
    private readonly string _sessionId = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
    private ulong _sdpVersion = 1;
    private RtpEndpoint? _callerMedia;
    private SdpSession? _callerRemote;
    private AgentLeg? _agent;
    private OutsideLeg? _outside;

    /// <summary>A check found the call transferred out and no bridge started: the next such check ends the legs.</summary>
    private bool _bridgeOrderOverdue;
    private RtpRelay? _relay;
    private AgentRecording? _recording;
    private long _callerToAgent;
    private long _agentToCaller;
    private RtcpReportBlock? _callerReport;
    private RtcpReportBlock? _agentReport;
    private bool _pendingReInvite;
    private bool _callerGone;
    private bool _hangUpHeard;
    private int _hangUpAttempts;
    private CallParty _hungUpBy;

    /// <summary>The agent whose leg hung up (when <see cref="_hungUpBy"/> is the agent): the call must not take it for another.</summary>
    private AgentId? _hungUpAgent;
    private long _lastPacketCount = -1;
    private bool _started;

    public CallLegsActor(CallGatewayContext context, CallId id, InboundCall caller, SdpSession callerOffer, StartCall start)
    {
        _context = context;
        _id = id;
        _caller = caller;
        _callerOffer = callerOffer;
        _start = start;
        _log = CallLog.For(Context, id);

        Receive<Started>(OnStarted);
        Receive<RingAgent>(OnRing);
        Receive<ConnectAgent>(OnConnect);
        Receive<PlayPrompts>(OnPlay);
        Receive<HoldCaller>(OnHold);
        Receive<ReconnectAgent>(OnReconnect);
        Receive<BridgeOutside>(OnBridgeOutside);
        Receive<CallerMediaReport>(OnMediaReport);
        Receive<DisconnectAgent>(d =>
        {
            // A transferring phone's leg ends once it heard the NOTIFY (OnTransferReply), which the entity's word may overtake.
            if (_agent is not { Transferring: true } leg || leg.AgentId != d.AgentId)
                DropAgent(d.AgentId, d.Reason);
        });
        Receive<ReleaseCall>(r => Finish($"released by the call: {r.Reason}"));
        Receive<Cut>(OnCut);
        Receive<CallerEnded>(OnCallerEnded);
        Receive<AgentLegAnswered>(OnAgentAnswered);
        Receive<AgentLegFailed>(OnAgentFailed);
        Receive<AgentLegEnded>(OnAgentLegEnded);
        Receive<AnswerReply>(OnAnswerReply);
        Receive<InDialogRequest>(OnInDialog);
        Receive<ReInviteAnswered>(OnReInviteAnswered);
        Receive<TransferReply>(OnTransferReply);
        Receive<DropAfterNotify>(OnDropAfterNotify);
        Receive<HangUpReply>(OnHangUpReply);
        Receive<HangUpAgain>(_ => TellHangUp());
        Receive<Probe>(_ => OnProbe());
        Receive<ProbeAnswered>(OnProbeAnswered);
        Receive<EntityChecked>(c =>
        {
            // A caller bridged out (a transfer out, a flow's transfer step) is over for the center and lives on here.
            if (c.Reply is not CallView { Status: CallStatus.Ended or CallStatus.Unknown } view || _outside is { Connected: true })
                return;
            // Transferred out: the bridge to the number is under way, or the entity's order for it (BridgeOutside) is
            // still on its way, overtaken by this answer (the two travel different paths): it has until the next check.
            if (view.TransferredOutTo is not null && (_outside is not null || !_bridgeOrderOverdue))
            {
                _bridgeOrderOverdue = _outside is null;
                return;
            }
            Finish($"the call is {view.Status.ToString().ToLowerInvariant()}");
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>End the call now, whatever its state (<see cref="CallGatewayActor.CutCalls"/>).</summary>
    public sealed record Cut(string Reason);

    public static Props Props(CallGatewayContext context, CallId id, InboundCall caller, SdpSession offer, StartCall start) =>
        Akka.Actor.Props.Create(() => new CallLegsActor(context, id, caller, offer, start));

    private bool CallerAnswered => _caller.State == SipCallState.Confirmed;

    /// <summary>Each message is handled in the call's trace, so that every log line names it (<see cref="CallLog"/>).</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        using var trace = CallLog.InTrace(_start.TraceParent);
        return base.AroundReceive(receive, message);
    }

    public override void AroundPreStart()
    {
        using var trace = CallLog.InTrace(_start.TraceParent);
        base.AroundPreStart();
    }

    public override void AroundPostStop()
    {
        using var trace = CallLog.InTrace(_start.TraceParent);
        base.AroundPostStop();
    }

    protected override void PreStart()
    {
        var self = Self;
        _caller.Ended += (_, end) => self.Tell(new CallerEnded(end));
        _caller.RequestReceived += (call, tx) => self.Tell(new InDialogRequest(call, tx));
        if (_caller.End is { } already)
            self.Tell(new CallerEnded(already));
        _log.Info("Call {0} (SIP Call-ID {1}) from {2} to {3}: {4}", _id, _caller.CallId, _start.From, _start.To,
            _start.Flow is { } flow ? $"flow {flow}" : $"queue {_start.QueueId}");
        _context.Entities.Ask<object>(_start, _context.Options.EntityTimeout)
            .PipeTo(self, success: reply => new Started(reply), failure: e => new Started(e));
        var period = _context.Options.ProbeAfterSilence;
        Timers.StartPeriodicTimer(nameof(Probe), new Probe(), period, period);
    }

    protected override void PostStop() => ReleaseMedia();

    private void OnStarted(Started started)
    {
        if (started.Reply is CommandAccepted)
        {
            _started = true;
            return;
        }

        _log.Warning("Call {0}: the call's entity did not take it ({1}); refusing the caller", _id, started.Reply);
        _caller.Reject(503, "Service Unavailable - routing did not answer");
        Finish("not started");
    }

    private void OnRing(RingAgent ring)
    {
        if (_callerGone)
        {
            _context.Entities.Tell(new HangUpCall(_id, CallParty.Caller), Self);
            return;
        }

        if (_agent is { } current)
        {
            if (current.AgentId == ring.AgentId)
                return; // the same word again
            DropAgent(current.AgentId, "another agent is rung");
        }

        if (UriReference.Parse(ring.Contact) is not SipUri contact || Target(contact) is not { } target)
        {
            _log.Warning("Call {0}: agent {1} has no reachable phone ('{2}')", _id, ring.AgentId, ring.Contact);
            _context.Entities.Tell(new RejectOffer(ring.AgentId, _id, NotReadyReasonCodes.PhoneUnreachable), Self);
            return;
        }

        if (OpenMedia() is not { } media)
        {
            _context.Entities.Tell(new RejectOffer(ring.AgentId, _id, NotReadyReasonCodes.PhoneUnreachable), Self);
            return;
        }

        // Once the caller has a session, the agent is offered exactly what the caller agreed to.
        var source = CallerAnswered && _callerRemote is { } agreed ? agreed : _callerOffer;
        var offer = SdpRewriter.Rewrite(source, _context.Options.RtpAddress, media.LocalEndPoint.Port, _sessionId, _sdpVersion++)!;
        var call = _context.Sip.PrepareCall(contact, target, offer.ToBytes(), CallerIdentity(), [SipHeader.Create(CallHeader, _id.Value)]);
        var leg = new AgentLeg(ring.AgentId, call, media)
        {
            Ringing = SipTelemetry.StartAgentLeg(_start.TraceParent, _id.Value, ring.AgentId.Value, call.CallId),
        };
        Watch(call, inDialog: true);
        _agent = leg;
        _log.Info("Call {0}: ringing agent {1} at {2} (SIP Call-ID {3})", _id, ring.AgentId, ring.Contact, call.CallId);
        call.Start();
    }

    private void OnAgentAnswered(AgentLegAnswered answered)
    {
        if (_outside is { } outside && outside.Call == answered.Call)
        {
            OnOutsideAnswered(outside, answered.Response);
            return;
        }

        if (_agent is not { } leg || leg.Call != answered.Call)
            return;
        leg.Answered = true;
        SipTelemetry.AgentLegAnswered(leg.Ringing, answered.Response.StatusCode);
        leg.Ringing = null;
        if (SdpSession.Parse(answered.Response.Body.Span).Session is { } sdp)
            leg.Remote = sdp;
        if (leg.ConnectRequested)
        {
            Bridge(leg);
            return;
        }

        _context.Entities.Ask<object>(new AnswerOffer(leg.AgentId, _id), _context.Options.EntityTimeout)
            .PipeTo(Self, success: reply => new AnswerReply(leg, reply), failure: e => new AnswerReply(leg, e));
    }

    private void OnAnswerReply(AnswerReply reply)
    {
        if (reply.Reply is CommandAccepted || _agent != reply.Leg || reply.Leg.Connected)
            return;
        // The reservation ended meanwhile (rang out, the caller left): the phone picked up too late.
        _log.Info("Call {0}: agent {1} answered too late ({2}); hanging up their phone", _id, reply.Leg.AgentId, reply.Reply);
        DropAgent(reply.Leg.AgentId, "answered after the offer ended");
    }

    private void OnConnect(ConnectAgent connect)
    {
        if (_agent is not { } leg || leg.AgentId != connect.AgentId)
        {
            _log.Warning("Call {0}: asked to connect agent {1}, whose phone is not on this call", _id, connect.AgentId);
            return;
        }

        leg.ConnectRequested = true;
        leg.Record = connect.Record;
        // The call moved on from its IVR or queue step: nothing more is played, and no key press is told.
        _media?.Silence();
        _steps.Interrupt();
        if (leg.Answered && !leg.Connected)
            Bridge(leg);
    }

    /// <summary>
    /// Answers the caller (first agent, no IVR before), stops what the gateway plays them, and relays RTP between the
    /// caller's port and the agent's, recording it if the call asked.
    /// </summary>
    private void Bridge(AgentLeg leg)
    {
        if (_callerGone)
            return;
        leg.Connected = true;
        if (!CallerAnswered)
        {
            _callerMedia ??= RtpEndpoint.Open(_context.Ports, _context.Options.RtpAddress);
            AnswerCallerFrom(leg.Remote);
        }

        StopCallerMedia();
        _callerMedia!.SetRemote(SdpRewriter.RtpTarget(_callerRemote!));
        leg.Media.SetRemote(leg.Remote is { } remote ? SdpRewriter.RtpTarget(remote) : null);
        if (leg.Record)
            _recording = StartRecording(leg.AgentId);
        _relay = new RtpRelay(_callerMedia, leg.Media, _recording?.Observer);
        _callerMedia.Start();
        leg.Media.Start();
        _log.Info("Call {0}: agent {1} connected, media relayed {2} <-> {3}{4}", _id, leg.AgentId, _callerMedia.LocalEndPoint, leg.Media.LocalEndPoint,
            _recording is { } recording ? $", recorded to {recording.Path}" : "");
    }

    /// <summary>Answers the caller with what the leg they are bridged to answered (the gateway relays; it does not transcode).</summary>
    private void AnswerCallerFrom(SdpSession? otherAnswer)
    {
        var answer = SdpRewriter.Rewrite(otherAnswer ?? _callerOffer, _context.Options.RtpAddress, _callerMedia!.LocalEndPoint.Port, _sessionId, _sdpVersion++)!;
        _callerRemote = _callerOffer;
        _caller.Answer(answer.ToBytes(), [SipHeader.Create(CallHeader, _id.Value)]);
    }

    private void OnAgentFailed(AgentLegFailed failed)
    {
        if (_outside is { } outside && outside.Call == failed.Call)
        {
            OnOutsideFailed(outside, failed.Response);
            return;
        }

        if (_agent is not { } leg || leg.Call != failed.Call)
            return;
        SipTelemetry.AgentLegFailed(leg.Ringing, $"{failed.Response.StatusCode} {failed.Response.ReasonPhrase}", failed.Response.StatusCode);
        leg.Ringing = null;
        ForgetAgent();
        if (leg.Dropping)
            return; // our CANCEL: the entity already knows
        var status = failed.Response.StatusCode;
        var reason = status is 486 or 600 or 603 or 480 ? AgentState.RejectedReason : NotReadyReasonCodes.PhoneUnreachable;
        _log.Info("Call {0}: agent {1}'s phone answered {2}: {3}", _id, leg.AgentId, status, reason);
        _context.Entities.Tell(new RejectOffer(leg.AgentId, _id, reason), Self);
    }

    private void OnAgentLegEnded(AgentLegEnded ended)
    {
        if (_outside is { Connected: true } outside && outside.Call == ended.Call)
        {
            // The call's entity is already done with a call transferred out: the caller is the only one left to tell.
            EndOutside("the outside party hung up");
            HangUpCaller();
            Finish("the outside party hung up");
            return;
        }

        if (_agent is not { } leg || leg.Call != ended.Call)
            return;
        ForgetAgent();
        if (leg.Dropping || leg.Transferring || !leg.Answered)
            return; // asked for, a transfer, or a failure reported by OnAgentFailed
        _log.Info("Call {0}: agent {1} hung up ({2})", _id, leg.AgentId, ended.End.Reason);
        if (!leg.Connected)
        {
            _context.Entities.Tell(new RejectOffer(leg.AgentId, _id, NotReadyReasonCodes.PhoneUnreachable), Self);
            return;
        }

        HangUpCaller();
        HangUp(CallParty.Agent);
    }

    private void OnCallerEnded(CallerEnded ended)
    {
        if (_callerGone)
            return;
        _callerGone = true;
        _log.Info("Call {0}: caller left ({1})", _id, ended.End.Reason);
        StopCallerMedia();
        if (_outside is { Connected: true })
        {
            EndOutside("the caller hung up");
            Finish("the caller hung up");
            return;
        }

        EndOutside("the caller hung up");
        if (_agent is { } leg)
            DropAgent(leg.AgentId, "the caller hung up");
        HangUp(CallParty.Caller);
    }

    /// <summary>
    /// The gateway ends the call on its own (its drain's grace period is over): BYE (or 480 before the answer) to the
    /// caller, the agent's and any outside leg dropped, and the entity told, as for a hang-up, so the agent wraps up.
    /// </summary>
    private void OnCut(Cut cut)
    {
        _log.Warning("Call {0}: cut ({1})", _id, cut.Reason);
        EndOutside(cut.Reason);
        if (_agent is { } leg)
            DropAgent(leg.AgentId, cut.Reason);
        StopCallerMedia();
        HangUpCaller();
        HangUp(CallParty.System);
    }

    /// <summary>Ends the agent's leg whatever its state; the caller stays.</summary>
    private void DropAgent(AgentId agent, string reason)
    {
        if (_agent is not { } leg || leg.AgentId != agent)
            return;
        leg.Dropping = true;
        SipTelemetry.AgentLegFailed(leg.Ringing, reason);
        leg.Ringing = null;
        _log.Info("Call {0}: agent {1}'s leg ends: {2} ({3})", _id, agent, reason, Relayed());
        End(leg.Call);
        ForgetAgent();
    }

    private void ForgetAgent()
    {
        if (_agent is not { } leg)
            return;
        _agent = null;
        SipTelemetry.AgentLegFailed(leg.Ringing, "the leg ended before an answer");
        leg.Ringing = null;
        if (_relay?.LegB == leg.Media)
            CloseRelay(); // not a relay the caller has moved on to (an outside party's, after a transfer out)
        StopRecording();
        _agentReport = leg.Media.FarEndReport ?? _agentReport;
        _ = leg.Media.DisposeAsync();
    }

    /// <summary>
    /// A leg we placed tells this actor what happens to it, one message at a time; with <paramref name="inDialog"/>
    /// its in-dialog requests too (an agent's re-INVITE, REFER), else the user agent answers them itself.
    /// </summary>
    private void Watch(OutboundCall call, bool inDialog)
    {
        var self = Self;
        call.Answered += (c, r) => self.Tell(new AgentLegAnswered(c, r));
        call.Failed += (c, r) => self.Tell(new AgentLegFailed(c, r));
        call.Ended += (c, e) => self.Tell(new AgentLegEnded(c, e));
        if (inDialog)
            call.RequestReceived += (c, tx) => self.Tell(new InDialogRequest(c, tx));
    }

    /// <summary>Ends a leg we placed: BYE once answered, CANCEL while it rings.</summary>
    private static void End(OutboundCall call)
    {
        if (call.State == SipCallState.Confirmed)
            _ = call.HangUpAsync();
        else
            call.Cancel();
    }

    /// <summary>The packets relayed between the caller and their agents so far (a leg's hold and end are logged with them).</summary>
    private string Relayed() =>
        $"relayed so far: caller->agent {_callerToAgent + (_relay?.ForwardedAToB ?? 0)}, agent->caller {_agentToCaller + (_relay?.ForwardedBToA ?? 0)}";

    /// <summary>Stops relaying, keeping the counts for the call's media line.</summary>
    private void CloseRelay()
    {
        if (_relay is not { } relay)
            return;
        _callerToAgent += relay.ForwardedAToB;
        _agentToCaller += relay.ForwardedBToA;
        relay.Dispose();
        _relay = null;
    }

    private void HangUpCaller()
    {
        if (_callerGone)
            return;
        _callerGone = true;
        if (_caller.State == SipCallState.Confirmed)
            _ = _caller.HangUpAsync();
        else
            _caller.Reject(480, "Temporarily Unavailable");
    }

    /// <summary>Tells the call's entity who hung up, again until it confirms: an unheard hang-up is how agents get stuck.</summary>
    private void HangUp(CallParty by)
    {
        _hungUpBy = by;
        _hungUpAgent = by == CallParty.Agent ? _agent?.AgentId : null;
        TellHangUp();
    }

    private void TellHangUp()
    {
        if (_hangUpHeard)
            return;
        _hangUpAttempts++;
        _context.Entities.Ask<object>(new HangUpCall(_id, _hungUpBy, _hungUpAgent), _context.Options.EntityTimeout)
            .PipeTo(Self, success: reply => new HangUpReply(reply), failure: e => new HangUpReply(e));
    }

    private void OnHangUpReply(HangUpReply reply)
    {
        if (reply.Reply is CommandAccepted or CommandRejected)
        {
            _hangUpHeard = true;
            if (_agent is null)
                Finish("hung up");
            return;
        }

        if (_hangUpAttempts >= _context.Options.HangUpAttempts)
        {
            _log.Error("Call {0}: the call's entity never confirmed the hang-up ({1} attempts)", _id, _hangUpAttempts);
            Finish("entity unreachable");
            return;
        }

        Timers.StartSingleTimer(nameof(HangUpAgain), new HangUpAgain(), TimeSpan.FromSeconds(1));
    }

    private void OnInDialog(InDialogRequest request)
    {
        var tx = request.Transaction;
        var method = tx.Request.Method;
        var fromAgent = _agent is { } leg && leg.Call == request.Call;
        switch (method)
        {
            case SipMethods.Invite or SipMethods.Update:
                OnReInvite(request.Call, tx, fromAgent);
                break;
            case SipMethods.Refer when fromAgent:
                OnRefer(_agent!, tx);
                break;
            case SipMethods.Info when !fromAgent:
                tx.Respond(SipStatus.Ok);
                OnCallerInfo(tx.Request);
                break;
            case SipMethods.Info or SipMethods.Notify or SipMethods.Options or SipMethods.Message:
                tx.Respond(SipStatus.Ok);
                break;
            default:
                tx.Respond(SipStatus.NotImplemented);
                break;
        }
    }

    /// <summary>A re-INVITE (hold, resume, a new address) is passed to the other leg, and its answer back.</summary>
    private void OnReInvite(SipCall from, ServerTransaction tx, bool fromAgent)
    {
        var other = fromAgent ? (SipCall)_caller : _agent is { Connected: true } leg ? leg.Call : null;
        var offer = tx.Request.Body.IsEmpty ? null : SdpSession.Parse(tx.Request.Body.Span).Session;
        var previous = fromAgent ? _agent!.Remote : _callerRemote;
        var unchanged = offer is null || (previous is not null && offer.Origin.SessionVersion == previous.Origin.SessionVersion);
        if (other is null || other.State != SipCallState.Confirmed || unchanged)
        {
            // A session refresh, or nobody across yet: our side of the session stays as it is.
            if (offer is not null)
                Remember(fromAgent, offer);
            from.AcceptRefresh(tx, from.LocalSdp);
            return;
        }

        if (_pendingReInvite)
        {
            tx.Respond(491); // RFC 3261 §14.2: one offer at a time
            return;
        }

        var otherMedia = fromAgent ? _callerMedia! : _agent!.Media;
        if (SdpRewriter.Rewrite(offer!, _context.Options.RtpAddress, otherMedia.LocalEndPoint.Port, _sessionId, _sdpVersion++) is not { } forward)
        {
            tx.Respond(488);
            return;
        }

        _pendingReInvite = true;
        Remember(fromAgent, offer!);
        _log.Info("Call {0}: re-INVITE from the {1} ({2}) passed across", _id, fromAgent ? "agent" : "caller", SdpRewriter.Direction(offer!));
        other.ReInviteAsync(forward.ToBytes())
            .PipeTo(Self, success: r => new ReInviteAnswered(from, tx, fromAgent, r, null), failure: e => new ReInviteAnswered(from, tx, fromAgent, null, e));
    }

    private void OnReInviteAnswered(ReInviteAnswered answered)
    {
        _pendingReInvite = false;
        if (answered.Response is not { StatusCode: >= 200 and < 300 } response)
        {
            answered.Transaction.Respond(answered.Response?.StatusCode is >= 300 and var code ? code : 500);
            return;
        }

        var ownMedia = answered.FromAgent ? _agent?.Media : _callerMedia;
        if (SdpSession.Parse(response.Body.Span).Session is not { } answer || ownMedia is null
            || SdpRewriter.Rewrite(answer, _context.Options.RtpAddress, ownMedia.LocalEndPoint.Port, _sessionId, _sdpVersion++) is not { } back)
        {
            answered.From.AcceptRefresh(answered.Transaction, answered.From.LocalSdp);
            return;
        }

        Remember(!answered.FromAgent, answer);
        answered.From.AcceptRefresh(answered.Transaction, back.ToBytes());
    }

    /// <summary>Keeps a leg's latest description and points its RTP there (symmetric RTP corrects it from the packets).</summary>
    private void Remember(bool agent, SdpSession sdp)
    {
        if (agent && _agent is { } leg)
        {
            leg.Remote = sdp;
            if (SdpRewriter.RtpTarget(sdp) is { } target)
                leg.Media.SetRemote(target);
        }
        else if (!agent)
        {
            // Once the gateway agreed a codec with the caller itself, an agent is still offered only that one.
            _callerRemote = _agreedFormats is { } agreed ? SdpRewriter.Restrict(sdp, agreed) ?? _callerRemote : sdp;
            if (SdpRewriter.RtpTarget(sdp) is { } target)
                _callerMedia?.SetRemote(target);
        }
    }

    /// <summary>No RTP either way since the last look: ask both legs whether they are still there.</summary>
    private void OnProbe()
    {
        // The entity's word that the call is over can be lost with its node: ask now and then.
        if (_started)
            _context.Entities.Ask<object>(new GetCall(_id), _context.Options.EntityTimeout)
                .PipeTo(Self, success: r => new EntityChecked(r), failure: e => new EntityChecked(e));
        // Talking: both legs are watched; in the IVR or on hold, the caller's (a caller gone without a BYE holds a queue place).
        var legs = _relay is not null && _agent is { Connected: true } leg ? new[] { ((SipCall)_caller, false), (leg.Call, true) }
            : _relay is null && _media is not null && CallerAnswered && !_callerGone ? new[] { ((SipCall)_caller, false) }
            : null;
        if (legs is null)
        {
            _lastPacketCount = -1;
            return;
        }

        var packets = _callerMedia!.PacketsReceived + (legs.Length == 2 ? _agent!.Media.PacketsReceived : 0);
        var silent = packets == _lastPacketCount;
        _lastPacketCount = packets;
        if (!silent)
            return;
        _log.Info("Call {0}: no media for {1}; probing {2}", _id, _context.Options.ProbeAfterSilence, legs.Length == 2 ? "both legs" : "the caller");
        foreach (var (call, isAgent) in legs)
            call.SendRequestAsync(SipMethods.Options)
                .PipeTo(Self, success: r => new ProbeAnswered(call, isAgent, r.StatusCode), failure: _ => new ProbeAnswered(call, isAgent, 408));
    }

    private void OnProbeAnswered(ProbeAnswered probe)
    {
        if (probe.StatusCode is not (408 or 481))
            return;
        _log.Warning("Call {0}: the {1}'s leg is dead (OPTIONS {2}); ending the call", _id, probe.Agent ? "agent" : "caller", probe.StatusCode);
        if (probe.Agent && _agent is { } leg && leg.Call == probe.Call)
        {
            ForgetAgent();
            HangUpCaller();
            HangUp(CallParty.Agent);
        }
        else if (!probe.Agent)
        {
            _callerGone = true;
            if (_agent is { } agent)
                DropAgent(agent.AgentId, "the caller's leg is dead");
            HangUp(CallParty.Caller);
        }
    }

    /// <summary>Ends whatever is left, logs what was relayed, and stops.</summary>
    private void Finish(string why)
    {
        if (_outside is { Connected: true } && why.StartsWith("released", StringComparison.Ordinal))
            return; // a call transferred out lives on here, between the caller and the outside party
        EndOutside(why);
        if (_agent is { } leg)
            DropAgent(leg.AgentId, why);
        HangUpCaller();
        ReleaseMedia();
        _log.Info("Call {0} media: caller->agent {1} packets, agent->caller {2} packets ({3}){4}", _id, _callerToAgent, _agentToCaller, why,
            MediaQuality.Describe(_callerReport, _agentReport));
        Context.Stop(Self);
    }

    private void ReleaseMedia()
    {
        ForgetAgent();
        CloseRelay();
        _media?.Dispose();
        _media = null;
        if (_callerMedia is { } media)
        {
            _callerMedia = null;
            _callerReport = media.FarEndReport;
            _ = media.DisposeAsync();
        }
    }

    /// <summary>A port pair for a new leg; null (and logged) when the range is used up.</summary>
    private RtpEndpoint? OpenMedia()
    {
        try
        {
            return RtpEndpoint.Open(_context.Ports, _context.Options.RtpAddress);
        }
        catch (InvalidOperationException e)
        {
            _log.Error("Call {0}: {1}", _id, e.Message);
            return null;
        }
    }

    private static SipTarget? Target(SipUri contact)
    {
        if (!System.Net.IPAddress.TryParse(contact.HostAddress, out var ip))
            return null;
        var kind = string.Equals(contact.Transport, "tcp", StringComparison.OrdinalIgnoreCase) ? Sip.Transport.SipTransportKind.Tcp : Sip.Transport.SipTransportKind.Udp;
        return new SipTarget(new System.Net.IPEndPoint(ip, contact.Port ?? 5060), kind);
    }

    /// <summary>The header that names the call's entity on both legs (correlates SIP traces with the API and the logs).</summary>
    public const string CallHeader = "X-CallCenter-Call";

    private sealed class AgentLeg(AgentId agentId, OutboundCall call, RtpEndpoint media)
    {
        public AgentId AgentId { get; } = agentId;
        public OutboundCall Call { get; } = call;
        public RtpEndpoint Media { get; } = media;
        public SdpSession? Remote { get; set; }
        public bool Answered { get; set; }
        public bool ConnectRequested { get; set; }
        public bool Connected { get; set; }
        public bool Dropping { get; set; }
        public bool Transferring { get; set; }
        public bool Record { get; set; }
        public bool OnHold { get; set; }
        /// <summary>The <see cref="SipTelemetry.AgentLegSpan"/> while the phone rings; null once it answered or failed.</summary>
        public System.Diagnostics.Activity? Ringing { get; set; }
        /// <summary>The packets sent to the caller when the agent put them on hold (the hold music is counted from there).</summary>
        public long SentBeforeHold { get; set; }
    }

    private sealed record Started(object Reply);
    private sealed record CallerEnded(SipCallEnd End);
    private sealed record AgentLegAnswered(OutboundCall Call, SipResponse Response);
    private sealed record AgentLegFailed(OutboundCall Call, SipResponse Response);
    private sealed record AgentLegEnded(SipCall Call, SipCallEnd End);
    private sealed record AnswerReply(AgentLeg Leg, object Reply);
    private sealed record InDialogRequest(SipCall Call, ServerTransaction Transaction);
    private sealed record ReInviteAnswered(SipCall From, ServerTransaction Transaction, bool FromAgent, SipResponse? Response, Exception? Error);
    private sealed record TransferReply(AgentLeg Leg, object Reply);
    private sealed record HangUpReply(object Reply);
    private sealed record HangUpAgain;
    private sealed record Probe;
    private sealed record EntityChecked(object Reply);
    private sealed record ProbeAnswered(SipCall Call, bool Agent, int StatusCode);
}
