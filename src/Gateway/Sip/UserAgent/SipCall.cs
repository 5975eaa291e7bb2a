using CallCenter.Gateway.Sip.Dialog;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transaction;

namespace CallCenter.Gateway.Sip.UserAgent;

public enum SipCallState
{
    /// <summary>INVITE received or sent, no dialog yet.</summary>
    Initial,

    /// <summary>Early dialog: 1xx with a tag sent or received.</summary>
    Early,

    /// <summary>2xx sent or received: the session is up.</summary>
    Confirmed,

    Ended,
}

public enum SipCallEndReason
{
    LocalBye,
    RemoteBye,
    Cancelled,
    Rejected,
    Failed,
    NoAck,
    SessionExpired,
}

/// <summary>How a call ended, with the status that ended it when there was one.</summary>
public sealed record SipCallEnd(SipCallEndReason Reason, int? StatusCode = null);

/// <summary>
/// One INVITE usage of a dialog seen from the user agent (RFC 3261 §12-§15): its dialog, its SDP, in-dialog requests
/// both ways, BYE, and the session timer (RFC 4028). Events are raised outside locks, on the thread that caused them.
/// </summary>
public abstract class SipCall
{
    private SessionTimer? _sessionTimer;
    private ITimer? _sessionTimerHandle;
    private ServerInviteTransaction? _refreshAwaitingAck;

    private protected SipCall(SipUserAgent agent, string callId)
    {
        Agent = agent;
        CallId = callId;
    }

    public string CallId { get; }

    /// <summary>The dialog ids the user agent routes to this call (an early dialog and the confirmed one may differ).</summary>
    internal List<SipDialogId> DialogIds { get; } = [];

    public SipDialog? Dialog { get; private protected set; }

    public SipCallState State { get; private protected set; }

    public SipCallEnd? End { get; private set; }

    public ReadOnlyMemory<byte> LocalSdp { get; private protected set; }

    public ReadOnlyMemory<byte> RemoteSdp { get; private protected set; }

    /// <summary>The agreed session timer, if any (RFC 4028).</summary>
    public SessionTimer? SessionTimer => _sessionTimer;

    /// <summary>The call ended (BYE either way, CANCEL, rejection, no ACK, session expiry).</summary>
    public event Action<SipCall, SipCallEnd>? Ended;

    /// <summary>
    /// An in-dialog request other than BYE and ACK (re-INVITE, UPDATE, INFO, REFER, NOTIFY, ...): the handler answers
    /// through the transaction. Without a handler the user agent answers re-INVITE and UPDATE 200 (with the current
    /// local SDP), INFO/NOTIFY/OPTIONS/MESSAGE 200, and anything else (REFER, SUBSCRIBE) 501.
    /// </summary>
    public event Action<SipCall, ServerTransaction>? RequestReceived;

    private protected object Gate { get; } = new();

    private protected SipUserAgent Agent { get; }

    /// <summary>Sends a request within the dialog (§12.2.1) and returns its final response.</summary>
    public Task<SipResponse> SendRequestAsync(string method, ReadOnlyMemory<byte> body = default, string? contentType = null, IEnumerable<SipHeader>? extra = null)
    {
        if (Dialog is not { State: not SipDialogState.Terminated } dialog)
        {
            return Task.FromException<SipResponse>(new InvalidOperationException($"call {CallId} has no dialog"));
        }

        var request = dialog.CreateRequest(method, Agent.Contact(Agent.TransportOf(dialog)), extra, body, contentType);
        return Agent.SendInDialog(dialog, request).FinalResponse;
    }

    /// <summary>Ends a confirmed call with BYE (§15.1.1); the call is over at once, whatever the BYE's answer.</summary>
    public Task<SipResponse> HangUpAsync()
    {
        if (Dialog is not { } dialog || State != SipCallState.Confirmed)
        {
            return Task.FromException<SipResponse>(new InvalidOperationException($"call {CallId} is not confirmed"));
        }

        var bye = SendRequestAsync(SipMethods.Bye);
        Finish(new SipCallEnd(SipCallEndReason.LocalBye));
        return bye;
    }

    /// <summary>
    /// Sends a re-INVITE with a new offer (§14.1), e.g. hold or resume passed across by a B2BUA: a 2xx is ACKed and its
    /// answer becomes the remote SDP. The final response is returned whatever it is.
    /// </summary>
    public async Task<SipResponse> ReInviteAsync(ReadOnlyMemory<byte> sdp)
    {
        var response = await SendRequestAsync(SipMethods.Invite, sdp, "application/sdp");
        if (response.StatusCode is >= 200 and < 300 && Dialog is { } dialog)
        {
            Agent.AckInDialog(dialog, response);
            LocalSdp = sdp;
            if (!response.Body.IsEmpty)
            {
                RemoteSdp = response.Body;
            }
        }

        return response;
    }

    /// <summary>Answers a re-INVITE or UPDATE that a <see cref="RequestReceived"/> handler took (§14.2) with 200 and our SDP.</summary>
    public void AcceptRefresh(ServerTransaction transaction, ReadOnlyMemory<byte> sdp)
    {
        var request = transaction.Request;
        var extra = SessionTimerHeaders(_sessionTimer, request).Append(SipHeader.Create(HeaderNames.Contact, Agent.Contact(transaction.Flow.Channel.Kind).ToString()));
        if (!sdp.IsEmpty)
        {
            LocalSdp = sdp;
            extra = extra.Append(SipHeader.Create(HeaderNames.ContentType, "application/sdp"));
        }

        AwaitAck(transaction);
        transaction.Respond(transaction.CreateResponse(SipStatus.Ok, extra: extra, body: sdp));
    }

    /// <summary>
    /// An in-dialog ACK: it acknowledges our 2xx to a re-INVITE (whose retransmissions it stops, §13.3.1.4), or the
    /// initial INVITE's.
    /// </summary>
    internal void AckReceived(SipRequest ack)
    {
        var refresh = _refreshAwaitingAck;
        if (refresh is not null && ack.CSeq?.Number == refresh.Request.CSeq?.Number)
        {
            _refreshAwaitingAck = null;
            refresh.Acknowledge();
            return;
        }

        OnAck(ack);
    }

    /// <summary>A 2xx to a re-INVITE is retransmitted until its ACK comes: remember which transaction the ACK ends.</summary>
    private void AwaitAck(ServerTransaction transaction)
    {
        if (transaction is ServerInviteTransaction invite)
        {
            _refreshAwaitingAck = invite;
        }
    }

    public override string ToString() => $"{GetType().Name} {CallId} {State}";

    /// <summary>An in-dialog request from the peer (§12.2.2), already matched to this call's dialog.</summary>
    internal void OnInDialogRequest(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (Dialog!.AcceptRemoteSequence(request) is { } status)
        {
            transaction.Respond(status, status == SipStatus.ServerInternalError ? "Server Internal Error - CSeq out of order" : null);
            return;
        }

        switch (request.Method)
        {
            case SipMethods.Bye:
                transaction.Respond(SipStatus.Ok);
                Finish(new SipCallEnd(SipCallEndReason.RemoteBye));
                break;
            case SipMethods.Invite or SipMethods.Update:
                OnRefresh(transaction);
                break;
            default:
                if (RequestReceived is { } handler)
                {
                    handler(this, transaction);
                }
                else
                {
                    // Nobody to act on it: acknowledge what only informs, refuse what asks for action (REFER, SUBSCRIBE, ...).
                    transaction.Respond(request.Method is SipMethods.Info or SipMethods.Notify or SipMethods.Options or SipMethods.Message
                        ? SipStatus.Ok
                        : SipStatus.NotImplemented);
                }

                break;
        }
    }

    internal abstract void OnAck(SipRequest ack);

    /// <summary>Ends the call once: removes the dialog, stops the session timer, raises <see cref="Ended"/>.</summary>
    private protected void Finish(SipCallEnd end)
    {
        lock (Gate)
        {
            if (State == SipCallState.Ended)
            {
                return;
            }

            State = SipCallState.Ended;
            End = end;
            _sessionTimerHandle?.Dispose();
        }

        Dialog?.Terminate();
        Agent.Forget(this);
        Ended?.Invoke(this, end);
    }

    /// <summary>Starts (or restarts) the session timer (RFC 4028 §10): refresh at half, or BYE near the end.</summary>
    private protected void ArmSessionTimer(SessionTimer? timer)
    {
        lock (Gate)
        {
            _sessionTimer = timer;
            _sessionTimerHandle?.Dispose();
            _sessionTimerHandle = null;
            if (timer is null || State == SipCallState.Ended || Dialog is null)
            {
                return;
            }

            var weRefresh = timer.WeRefresh(Dialog.IsUac);
            _sessionTimerHandle = Agent.Time.CreateTimer(_ => OnSessionTimer(weRefresh), null, weRefresh ? timer.RefreshAfter : timer.ExpireAfter, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Session-Expires for a response to <paramref name="request"/>, with Require: timer only if the peer supports it (RFC 4028 §9).</summary>
    private protected static IEnumerable<SipHeader> SessionTimerHeaders(SessionTimer? timer, SipRequest request) =>
        timer is not { } t ? []
        : request.Supported.Contains(SessionTimer.OptionTag, StringComparer.OrdinalIgnoreCase) ? [t.ToHeader(), SipHeader.Create(HeaderNames.Require, SessionTimer.OptionTag)]
        : [t.ToHeader()];

    /// <summary>A re-INVITE or UPDATE: a target refresh (§12.2.2) and, with Session-Expires, a session refresh (RFC 4028 §9).</summary>
    private void OnRefresh(ServerTransaction transaction)
    {
        var request = transaction.Request;
        Dialog!.RefreshTarget(request);
        if (!request.Body.IsEmpty)
        {
            RemoteSdp = request.Body;
        }

        if (Agent.Options.SessionTimers is { } settings && SessionTimerNegotiation.Answer(request, settings) is { Timer: { } timer })
        {
            ArmSessionTimer(timer);
        }

        if (RequestReceived is { } handler)
        {
            handler(this, transaction);
            return;
        }

        var isInvite = request.Method == SipMethods.Invite;
        var body = isInvite ? LocalSdp : default;
        var extra = SessionTimerHeaders(_sessionTimer, request).Append(SipHeader.Create(HeaderNames.Contact, Agent.Contact(transaction.Flow.Channel.Kind).ToString()));
        if (!body.IsEmpty)
        {
            extra = extra.Append(SipHeader.Create(HeaderNames.ContentType, "application/sdp"));
        }

        if (isInvite)
        {
            AwaitAck(transaction);
        }

        transaction.Respond(transaction.CreateResponse(SipStatus.Ok, extra: extra, body: body));
    }

    private void OnSessionTimer(bool weRefresh)
    {
        if (State != SipCallState.Confirmed)
        {
            return;
        }

        if (!weRefresh)
        {
            _ = SendRequestAsync(SipMethods.Bye);
            Finish(new SipCallEnd(SipCallEndReason.SessionExpired));
            return;
        }

        _ = RefreshSessionAsync();
    }

    /// <summary>The refresher's re-INVITE with the current SDP (RFC 4028 §7.4/§9); a failure ends the call.</summary>
    private async Task RefreshSessionAsync()
    {
        var timer = _sessionTimer!;
        var response = await SendRequestAsync(SipMethods.Invite, LocalSdp, "application/sdp",
            [timer.ToHeader(), SipHeader.Create(HeaderNames.Supported, SessionTimer.OptionTag)]);
        if (response.StatusCode is >= 200 and < 300)
        {
            Agent.AckInDialog(Dialog!, response);
            ArmSessionTimer(SessionTimerNegotiation.FromAnswer(response) ?? timer);
        }
        else if (response.StatusCode is 408 or 481)
        {
            Finish(new SipCallEnd(SipCallEndReason.SessionExpired, response.StatusCode));
        }
    }
}
