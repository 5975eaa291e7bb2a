using CallCenter.Gateway.Sip.Dialog;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transaction;

namespace CallCenter.Gateway.Sip.UserAgent;

/// <summary>
/// A call that reached us (UAS, RFC 3261 §13.3): ring it (180/183, with SDP for early media), answer it with SDP,
/// or reject it. A CANCEL from the caller ends it with <see cref="SipCallEndReason.Cancelled"/> (the transaction
/// layer has already answered 200 and 487, §9.2).
/// </summary>
public sealed class InboundCall : SipCall
{
    private readonly SessionTimer? _negotiated;

    internal InboundCall(SipUserAgent agent, ServerInviteTransaction transaction, SessionTimer? sessionTimer)
        : base(agent, transaction.Request.CallId ?? string.Empty)
    {
        Transaction = transaction;
        _negotiated = sessionTimer;
        RemoteSdp = transaction.Request.Body;
    }

    public ServerInviteTransaction Transaction { get; }

    public SipRequest Invite => Transaction.Request;

    /// <summary>The ACK to our 2xx arrived (§13.3.1.4): the session is fully up.</summary>
    public event Action<InboundCall>? Acked;

    /// <summary>Sends a provisional response: 180 Ringing, or 183 Session Progress with early-media SDP. It creates the early dialog (§12.1.1).</summary>
    public void Ring(int statusCode = 180, ReadOnlyMemory<byte> sdp = default, IEnumerable<SipHeader>? extra = null)
    {
        if (statusCode is < 101 or > 199)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), "a provisional status other than 100");
        }

        lock (Gate)
        {
            if (State is not (SipCallState.Initial or SipCallState.Early))
            {
                return;
            }

            EnsureDialog(early: true);
            State = SipCallState.Early;
        }

        Transaction.Respond(Build(statusCode, sdp, extra, []));
    }

    /// <summary>Answers with 200 and the SDP answer (§13.3.1.4); the 2xx is retransmitted until the ACK comes.</summary>
    public void Answer(ReadOnlyMemory<byte> sdp, IEnumerable<SipHeader>? extra = null)
    {
        lock (Gate)
        {
            if (State is not (SipCallState.Initial or SipCallState.Early))
            {
                return;
            }

            EnsureDialog(early: false).Confirm();
            State = SipCallState.Confirmed;
            LocalSdp = sdp;
        }

        Transaction.Respond(Build(SipStatus.Ok, sdp, extra, SessionTimerHeaders(_negotiated, Invite)));
    }

    /// <summary>Refuses the call with a 3xx-6xx (§13.3.1.3), e.g. 486 Busy Here, 480, 603 Decline.</summary>
    public void Reject(int statusCode, string? reasonPhrase = null, IEnumerable<SipHeader>? extra = null)
    {
        if (statusCode < 300)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), "a final non-2xx status");
        }

        lock (Gate)
        {
            if (State is not (SipCallState.Initial or SipCallState.Early))
            {
                return;
            }
        }

        Transaction.Respond(Transaction.CreateResponse(statusCode, reasonPhrase, extra));
        Finish(new SipCallEnd(SipCallEndReason.Rejected, statusCode));
    }

    internal override void OnAck(SipRequest ack)
    {
        Transaction.Acknowledge();
        if (!ack.Body.IsEmpty)
        {
            RemoteSdp = ack.Body;
        }

        ArmSessionTimer(_negotiated);
        Acked?.Invoke(this);
    }

    internal void OnCancelled() => Finish(new SipCallEnd(SipCallEndReason.Cancelled, 487));

    internal void OnNoAck()
    {
        if (State == SipCallState.Confirmed)
        {
            _ = SendRequestAsync(SipMethods.Bye); // §13.3.1.4: no ACK in 64*T1, the session is over
        }

        Finish(new SipCallEnd(SipCallEndReason.NoAck));
    }

    private SipDialog EnsureDialog(bool early)
    {
        if (Dialog is null)
        {
            Dialog = SipDialog.CreateUas(Invite, Transaction.LocalTag, early)
                ?? throw new InvalidOperationException("the INVITE cannot form a dialog"); // the user agent checked Contact and tags
            Agent.Track(this, Dialog.Id);
        }

        return Dialog;
    }

    private SipResponse Build(int statusCode, ReadOnlyMemory<byte> sdp, IEnumerable<SipHeader>? extra, IEnumerable<SipHeader> timer)
    {
        var headers = new List<SipHeader>(8)
        {
            SipHeader.Create(HeaderNames.Contact, Agent.Contact(Transaction.Flow.Channel.Kind).ToString()),
        };

        // §12.1.1: Record-Route is copied into responses that create a dialog.
        headers.AddRange(Invite.Headers.GetAll(HeaderNames.RecordRoute));
        headers.AddRange(timer);
        if (extra is not null)
        {
            headers.AddRange(extra);
        }

        if (!sdp.IsEmpty)
        {
            headers.Add(SipHeader.Create(HeaderNames.ContentType, "application/sdp"));
        }

        return Transaction.CreateResponse(statusCode, extra: headers, body: sdp);
    }
}
