using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Transaction;

/// <summary>
/// A client transaction (RFC 3261 §17.1): sends a request, retransmits it over UDP and hands responses to its owner.
/// A timeout or transport failure reaches the owner as a 408 or 503 made up locally (§8.1.3.1).
/// </summary>
public abstract class ClientTransaction : SipTransaction
{
    private readonly TaskCompletionSource<SipResponse> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<ClientTransaction, SipResponse>? _onResponse;

    private protected ClientTransaction(TransactionContext context, SipRequest request, SipTarget target, bool reliable, Action<ClientTransaction, SipResponse>? onResponse)
        : base(context, request, new SipDestination(target.Transport, target.EndPoint), reliable)
    {
        Target = target;
        _onResponse = onResponse;
        Bytes = SipMessageWriter.ToBytes(request, context.Wire.Gateway);
    }

    public SipTarget Target { get; }

    /// <summary>The first final response (a made-up 408/503 on timeout or transport error).</summary>
    public Task<SipResponse> FinalResponse => _final.Task;

    private protected byte[] Bytes { get; }

    internal void Start() => Run(OnStart);

    internal void Receive(SipResponse response) => Run(() => OnResponse(response));

    /// <summary>The current retransmission interval (Timer A or E).</summary>
    private protected TimeSpan Interval { get; set; }

    private protected abstract void OnStart();

    /// <summary>Enters the first state, sends the request and starts the retransmission timer (UDP only) and the timeout.</summary>
    private protected void SendFirst(SipTransactionState state, TimeSpan firstInterval, TimeSpan timeout)
    {
        State = state;
        Send(Bytes);
        if (!IsReliable)
        {
            Interval = firstInterval;
            Start(TimerSlot.Retransmit, Interval);
        }

        Start(TimerSlot.Lifetime, timeout);
    }

    private protected abstract void OnResponse(SipResponse response);

    /// <summary>Passes a response up to the owner once the lock is released.</summary>
    private protected void Deliver(SipResponse response) => Later(() =>
    {
        _onResponse?.Invoke(this, response);
        if (!response.IsProvisional)
        {
            _final.TrySetResult(response);
        }
    });

    /// <summary>The response a timeout (408) or an unreachable peer (503) is reported as (§8.1.3.1, §17.1.4).</summary>
    private protected void DeliverLocal(int status) =>
        Deliver(SipResponseFactory.Create(Request, status, $"{SipStatus.DefaultReason(status)} (local)"));

    private protected override void OnTransportError()
    {
        DeliverLocal(503);
        Terminate();
    }
}

/// <summary>The INVITE client transaction (RFC 3261 §17.1.1, figure 5; Accepted per RFC 6026 §7.2).</summary>
public sealed class ClientInviteTransaction : ClientTransaction
{
    private byte[]? _ack;
    private bool _cancelRequested;

    internal ClientInviteTransaction(TransactionContext context, SipRequest request, SipTarget target, bool reliable, Action<ClientTransaction, SipResponse>? onResponse)
        : base(context, request, target, reliable, onResponse)
    {
    }

    /// <summary>The CANCEL sent for this INVITE, once there is one (§9.1).</summary>
    public ClientTransaction? Cancel { get; private set; }

    /// <summary>
    /// Asks for a CANCEL (§9.1): sent at once in Proceeding, or as soon as a provisional response arrives when still
    /// Calling (a CANCEL must not overtake the INVITE); nothing happens once a final response came.
    /// </summary>
    public void RequestCancel() => Run(() =>
    {
        if (State == SipTransactionState.Calling)
        {
            _cancelRequested = true;
        }
        else if (State == SipTransactionState.Proceeding)
        {
            SendCancel();
        }
    });

    private protected override void OnStart() => SendFirst(SipTransactionState.Calling, Timers.A, Timers.B);

    private protected override void OnTimer(TimerSlot slot)
    {
        switch (State, slot)
        {
            case (SipTransactionState.Calling, TimerSlot.Retransmit):
                OnTimerA();
                break;
            case (SipTransactionState.Calling or SipTransactionState.Proceeding, TimerSlot.Lifetime):
                OnTimerB();
                break;
            case (SipTransactionState.Completed or SipTransactionState.Accepted, TimerSlot.Lifetime):
                Terminate(); // Timer D or M
                break;
        }
    }

    private protected override void OnResponse(SipResponse response)
    {
        switch (State)
        {
            case SipTransactionState.Calling:
                OnResponseInCalling(response);
                break;
            case SipTransactionState.Proceeding:
                OnResponseInProceeding(response);
                break;
            case SipTransactionState.Completed:
                OnResponseInCompleted(response);
                break;
            case SipTransactionState.Accepted:
                OnResponseInAccepted(response);
                break;
        }
    }

    /// <summary>Timer A: retransmit and double the interval (§17.1.1.2; no T2 cap for INVITE).</summary>
    private void OnTimerA()
    {
        Send(Bytes);
        Interval = Timers.Backoff(Interval, capAtT2: false);
        Start(TimerSlot.Retransmit, Interval);
    }

    /// <summary>Timer B (or the 64*T1 after a CANCEL, §9.1): the TU is told of a timeout.</summary>
    private void OnTimerB()
    {
        DeliverLocal(408);
        Terminate();
    }

    private void OnResponseInCalling(SipResponse response)
    {
        Stop(TimerSlot.Retransmit);
        Stop(TimerSlot.Lifetime); // Timer B only guards Calling (figure 5)
        OnResponseInProceeding(response);
    }

    private void OnResponseInProceeding(SipResponse response)
    {
        if (response.IsProvisional)
        {
            State = SipTransactionState.Proceeding;
            Deliver(response);
            if (_cancelRequested)
            {
                SendCancel();
            }
        }
        else if (response.StatusCode < 300)
        {
            // RFC 6026 §7.2: stay to pass 2xx retransmissions (and forked 2xx) up, so the TU can ACK each.
            State = SipTransactionState.Accepted;
            Stop(TimerSlot.Lifetime);
            Deliver(response);
            Start(TimerSlot.Lifetime, Timers.M);
        }
        else
        {
            State = SipTransactionState.Completed;
            Stop(TimerSlot.Lifetime);
            _ack = SipMessageWriter.ToBytes(TransactionRequests.AckForFailure(Request, response), Context.Wire.Gateway);
            Send(_ack);
            Deliver(response);
            Start(TimerSlot.Lifetime, Timers.D(IsReliable));
        }
    }

    /// <summary>A retransmitted failure: ACK again, the TU has seen it (§17.1.1.2).</summary>
    private void OnResponseInCompleted(SipResponse response)
    {
        if (response.StatusCode >= 300 && _ack is not null)
        {
            Send(_ack);
        }
    }

    private void OnResponseInAccepted(SipResponse response)
    {
        if (response.StatusCode is >= 200 and < 300)
        {
            Deliver(response);
        }
    }

    private void SendCancel()
    {
        _cancelRequested = false;
        if (Cancel is null)
        {
            var cancel = TransactionRequests.Cancel(Request);
            Later(() => Cancel = Context.Layer.Send(cancel, Target));

            // §9.1: if no final response arrives 64*T1 after the CANCEL, the INVITE transaction is given up.
            Start(TimerSlot.Lifetime, Timers.B);
        }
    }
}

/// <summary>The non-INVITE client transaction (RFC 3261 §17.1.2, figure 6).</summary>
public sealed class ClientNonInviteTransaction : ClientTransaction
{
    internal ClientNonInviteTransaction(TransactionContext context, SipRequest request, SipTarget target, bool reliable, Action<ClientTransaction, SipResponse>? onResponse)
        : base(context, request, target, reliable, onResponse)
    {
    }

    private protected override void OnStart() => SendFirst(SipTransactionState.Trying, Timers.E, Timers.F);

    private protected override void OnTimer(TimerSlot slot)
    {
        switch (State, slot)
        {
            case (SipTransactionState.Trying or SipTransactionState.Proceeding, TimerSlot.Retransmit):
                OnTimerE();
                break;
            case (SipTransactionState.Trying or SipTransactionState.Proceeding, TimerSlot.Lifetime):
                DeliverLocal(408); // Timer F
                Terminate();
                break;
            case (SipTransactionState.Completed, TimerSlot.Lifetime):
                Terminate(); // Timer K
                break;
        }
    }

    private protected override void OnResponse(SipResponse response)
    {
        switch (State)
        {
            case SipTransactionState.Trying:
            case SipTransactionState.Proceeding:
                OnResponseInTryingOrProceeding(response);
                break;

            // Completed: retransmitted responses are absorbed (§17.1.2.2).
        }
    }

    /// <summary>Timer E: doubles up to T2 while Trying, stays at T2 once Proceeding (§17.1.2.2).</summary>
    private void OnTimerE()
    {
        Send(Bytes);
        Interval = State == SipTransactionState.Trying ? Timers.Backoff(Interval, capAtT2: true) : Timers.T2;
        Start(TimerSlot.Retransmit, Interval);
    }

    private void OnResponseInTryingOrProceeding(SipResponse response)
    {
        Deliver(response);
        if (response.IsProvisional)
        {
            State = SipTransactionState.Proceeding;
            return;
        }

        State = SipTransactionState.Completed;
        Stop(TimerSlot.Retransmit);
        Start(TimerSlot.Lifetime, Timers.K(IsReliable));
    }
}
