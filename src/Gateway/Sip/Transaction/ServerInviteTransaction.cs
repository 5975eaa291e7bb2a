using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Sip.Transaction;

/// <summary>
/// The INVITE server transaction (RFC 3261 §17.2.1, figure 7; Accepted per RFC 6026 §7.1). In Accepted it also
/// retransmits the 2xx over UDP on the TU's behalf (§13.3.1.4: T1 doubling to T2) until the TU reports the ACK
/// with <see cref="Acknowledge"/>; Timer L ending without it is reported as <see cref="SipTransactionFailure.NoAck"/>.
/// </summary>
public sealed class ServerInviteTransaction : ServerTransaction
{
    private TimeSpan _interval;
    private bool _acknowledged;

    internal ServerInviteTransaction(TransactionContext context, SipRequest request, SipFlow flow)
        : base(context, request, flow) => State = SipTransactionState.Proceeding;

    /// <summary>True once a CANCEL ended this transaction with 487 (§9.2).</summary>
    public bool IsCancelled { get; private set; }

    /// <summary>
    /// The TU saw the ACK to its 2xx: stop retransmitting it (§13.3.1.4). The caller has stopped retransmitting the
    /// INVITE since our first response, so from now on Accepted only has to outlive copies still in the network: T4
    /// (as Timer I does after the ACK to a failure) rather than the rest of Timer L. Over UDP the layer keeps just the
    /// key for that and this object reports Terminated; over TCP it ends at once.
    /// </summary>
    public void Acknowledge() => Run(() =>
    {
        _acknowledged = true;
        if (State != SipTransactionState.Accepted)
        {
            return;
        }

        if (!IsReliable)
        {
            Context.Layer.KeepAcknowledged(this); // the key is kept before the transaction goes, so no copy slips through
        }

        Terminate();
    });

    /// <summary>Called after the TU has seen the request: 100 Trying at once, or after 200 ms if the TU is still silent (§17.2.1).</summary>
    internal void ArmTrying(bool atOnce) => Run(() =>
    {
        if (State == SipTransactionState.Proceeding && LastStatusCode is null)
        {
            if (atOnce)
            {
                SendResponse(CreateResponse(SipStatus.Trying));
            }
            else
            {
                Start(TimerSlot.Retransmit, Timers.TryingDelay);
            }
        }
    });

    /// <summary>A matching CANCEL (§9.2): 487 if no final response was sent yet; true when it took effect.</summary>
    internal bool TryCancel() => Run(() =>
    {
        if (State != SipTransactionState.Proceeding)
        {
            return false;
        }

        IsCancelled = true;
        OnResponseInProceeding(CreateResponse(487));
        return true;
    });

    /// <summary>An ACK matched this transaction (§17.2.3): absorbed, or passed to the TU when it acknowledges a 2xx.</summary>
    internal void ReceiveAck(SipRequest ack) => Run(() =>
    {
        switch (State)
        {
            case SipTransactionState.Completed:
                OnAckInCompleted();
                break;
            case SipTransactionState.Accepted:
                // Only an RFC 2543 peer's 2xx ACK can match (its branch is not unique): it is the TU's (RFC 6026 §7.1).
                Later(() => Context.Layer.User?.OnAck(ack, Flow));
                break;
        }
    });

    private protected override void OnTuResponse(SipResponse response)
    {
        switch (State)
        {
            case SipTransactionState.Proceeding:
                OnResponseInProceeding(response);
                break;
            case SipTransactionState.Accepted when response.StatusCode is >= 200 and < 300:
                SendResponse(response); // RFC 6026 §7.1: 2xx from the TU in Accepted go out
                break;
        }
    }

    private protected override void OnRetransmission()
    {
        // Proceeding: resend the last provisional; Completed: the final. Accepted and Confirmed absorb (RFC 6026 §7.1).
        if (State is SipTransactionState.Proceeding or SipTransactionState.Completed)
        {
            Resend();
        }
    }

    private protected override void OnTimer(TimerSlot slot)
    {
        switch (State, slot)
        {
            case (SipTransactionState.Proceeding, TimerSlot.Retransmit) when LastStatusCode is null:
                SendResponse(CreateResponse(SipStatus.Trying));
                break;
            case (SipTransactionState.Completed, TimerSlot.Retransmit):
                OnTimerG();
                break;
            case (SipTransactionState.Completed, TimerSlot.Lifetime):
                Fail(SipTransactionFailure.NoAck); // Timer H
                break;
            case (SipTransactionState.Confirmed, TimerSlot.Lifetime):
                Terminate(); // Timer I
                break;
            case (SipTransactionState.Accepted, TimerSlot.Retransmit):
                On2xxRetransmit();
                break;
            case (SipTransactionState.Accepted, TimerSlot.Lifetime):
                OnTimerL();
                break;
        }
    }

    private void OnResponseInProceeding(SipResponse response)
    {
        Stop(TimerSlot.Retransmit); // the 100 Trying delay
        SendResponse(response);
        if (response.IsProvisional)
        {
            return;
        }

        if (response.StatusCode < 300)
        {
            State = SipTransactionState.Accepted;
            if (!IsReliable && !_acknowledged)
            {
                _interval = Timers.T1;
                Start(TimerSlot.Retransmit, _interval);
            }

            Start(TimerSlot.Lifetime, Timers.L);
            return;
        }

        State = SipTransactionState.Completed;
        if (!IsReliable)
        {
            _interval = Timers.G;
            Start(TimerSlot.Retransmit, _interval);
        }

        Start(TimerSlot.Lifetime, Timers.H);
    }

    /// <summary>Timer G: resend the final response, doubling up to T2.</summary>
    private void OnTimerG()
    {
        Resend();
        _interval = Timers.Backoff(_interval, capAtT2: true);
        Start(TimerSlot.Retransmit, _interval);
    }

    private void OnAckInCompleted()
    {
        State = SipTransactionState.Confirmed;
        Stop(TimerSlot.Retransmit);
        Start(TimerSlot.Lifetime, Timers.I(IsReliable));
    }

    private void On2xxRetransmit()
    {
        Resend();
        _interval = Timers.Backoff(_interval, capAtT2: true);
        Start(TimerSlot.Retransmit, _interval);
    }

    private void OnTimerL()
    {
        if (_acknowledged || IsReliable)
        {
            Terminate();
        }
        else
        {
            Fail(SipTransactionFailure.NoAck);
        }
    }
}
