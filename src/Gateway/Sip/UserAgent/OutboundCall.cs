using CallCenter.Gateway.Sip.Auth;
using CallCenter.Gateway.Sip.Dialog;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transaction;

namespace CallCenter.Gateway.Sip.UserAgent;

/// <summary>
/// A call we placed (UAC, RFC 3261 §13.2): provisional responses make an early dialog, the 2xx confirms it and is
/// ACKed here (§13.2.2.4, again for each retransmission), a failure ends it. <see cref="Cancel"/> sends CANCEL while
/// it rings (§9.1). One 401/407 is answered with digest credentials when the user agent has some (§22.2).
/// </summary>
public sealed class OutboundCall : SipCall
{
    private readonly SipTarget _target;
    private readonly SipCredential? _credential;
    private readonly TaskCompletionSource<SipResponse> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? _ack;
    private bool _cancelled;
    private bool _authenticated;

    internal OutboundCall(SipUserAgent agent, SipRequest invite, SipTarget target, SipCredential? credential)
        : base(agent, invite.CallId ?? string.Empty)
    {
        _target = target;
        _credential = credential;
        LocalSdp = invite.Body;
        Invite = invite;
    }

    /// <summary>The INVITE as last sent (a retry with credentials replaces it).</summary>
    public SipRequest Invite { get; private set; }

    public ClientInviteTransaction? Transaction { get; private set; }

    /// <summary>The final response: 2xx when answered, else the failure (408 on timeout, 487 when cancelled).</summary>
    public Task<SipResponse> Completion => _completion.Task;

    public event Action<OutboundCall, SipResponse>? Progress;

    public event Action<OutboundCall, SipResponse>? Answered;

    public event Action<OutboundCall, SipResponse>? Failed;

    /// <summary>Cancels a call that has not been answered (§9.1); the INVITE then ends with 487.</summary>
    public void Cancel()
    {
        lock (Gate)
        {
            if (State is SipCallState.Confirmed or SipCallState.Ended)
            {
                return;
            }

            _cancelled = true;
        }

        Transaction?.RequestCancel();
    }

    /// <summary>Sends the INVITE (once; a retry with credentials sends the next one).</summary>
    public void Start() => Transaction = (ClientInviteTransaction)Agent.Layer.Send(Invite, _target, (_, r) => OnResponse(r));

    internal override void OnAck(SipRequest ack)
    {
        // ACKs come to the UAS; a UAC sees none.
    }

    private void OnResponse(SipResponse response)
    {
        if (response.IsProvisional)
        {
            OnProvisional(response);
        }
        else if (response.StatusCode < 300)
        {
            OnSuccess(response);
        }
        else
        {
            OnFailure(response);
        }
    }

    private void OnProvisional(SipResponse response)
    {
        if (response.StatusCode == SipStatus.Trying)
        {
            return;
        }

        lock (Gate)
        {
            if (State == SipCallState.Initial && SipDialog.CreateUac(Invite, response) is { } early)
            {
                Dialog = early;
                State = SipCallState.Early;
                Agent.Track(this, early.Id);
            }
        }

        if (!response.Body.IsEmpty)
        {
            RemoteSdp = response.Body;
        }

        Progress?.Invoke(this, response);
    }

    private void OnSuccess(SipResponse response)
    {
        bool first;
        lock (Gate)
        {
            first = State is SipCallState.Initial or SipCallState.Early;
            if (first)
            {
                // A 2xx from another fork than the early dialog's makes its own dialog (§13.2.2.4).
                if (Dialog is null || Dialog.Id != SipDialogId.OfResponse(response))
                {
                    Dialog = SipDialog.CreateUac(Invite, response);
                    if (Dialog is not null)
                    {
                        Agent.Track(this, Dialog.Id);
                    }
                }

                Dialog?.Confirm();
                Dialog?.RefreshTarget(response);
                State = SipCallState.Confirmed;
                RemoteSdp = response.Body;
            }
        }

        if (Dialog is null)
        {
            Finish(new SipCallEnd(SipCallEndReason.Failed, response.StatusCode)); // a 2xx without Contact or To tag
            return;
        }

        _ack ??= Agent.AckInDialog(Dialog, response);
        if (!first)
        {
            Agent.Resend(_ack, Dialog); // a retransmitted 2xx: the same ACK again
            return;
        }

        ArmSessionTimer(Agent.Options.SessionTimers is null ? null : SessionTimerNegotiation.FromAnswer(response));
        _completion.TrySetResult(response);
        Answered?.Invoke(this, response);
        if (_cancelled)
        {
            _ = HangUpAsync(); // the 2xx crossed our CANCEL (§9.1): the call is up, so end it with BYE
        }
    }

    private void OnFailure(SipResponse response)
    {
        if (response.StatusCode is 401 or 407 && _credential is not null && !_authenticated && !_cancelled)
        {
            _authenticated = true;
            if (DigestClient.Authorize(response, Invite, _credential) is { } authorization)
            {
                Invite = Agent.Retry(Invite, authorization);
                Start();
                return;
            }
        }

        _completion.TrySetResult(response);
        Failed?.Invoke(this, response);
        Finish(new SipCallEnd(_cancelled && response.StatusCode == 487 ? SipCallEndReason.Cancelled : SipCallEndReason.Rejected, response.StatusCode));
    }
}
