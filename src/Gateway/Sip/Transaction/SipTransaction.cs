using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Transaction;

/// <summary>The states of RFC 3261 §17 (figures 5-8), with Accepted from RFC 6026 §7.</summary>
public enum SipTransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}

/// <summary>The two timers a transaction runs at once: a retransmission timer and a lifetime/timeout timer.</summary>
internal enum TimerSlot
{
    /// <summary>A, E, G, the 2xx retransmission (§13.3.1.4) and the 100 Trying delay.</summary>
    Retransmit = 0,

    /// <summary>B, D, F, H, I, J, K, L, M.</summary>
    Lifetime = 1,
}

/// <summary>What a transaction shares with its layer: the wire, the timers, the clock.</summary>
internal sealed record TransactionContext(SipTransactionLayer Layer, ISipWire Wire, SipTimers Timers, TimeProvider Time);

/// <summary>
/// What every transaction has (RFC 3261 §17): a request, a state, two timers from the injected clock and a lock.
/// State handlers run under the lock; sends and calls up into the TU are queued with <see cref="Later"/> and run
/// after the lock is released, so a TU may call back into any transaction without lock-order trouble.
/// </summary>
public abstract class SipTransaction
{
    private readonly object _gate = new();
    private readonly ITimer?[] _timers = new ITimer?[2];
    private readonly int[] _generations = new int[2];
    private List<Action>? _later;

    private protected SipTransaction(TransactionContext context, SipRequest request, SipDestination destination, bool reliable)
    {
        Context = context;
        Request = request;
        Destination = destination;
        IsReliable = reliable;
    }

    public SipRequest Request { get; }

    public SipTransactionState State { get; private protected set; }

    /// <summary>True over TCP: no retransmissions and zero-length wait timers (§17.1.1.2, §17.2.1).</summary>
    public bool IsReliable { get; }

    public string? Branch => Request.TopVia?.Branch;

    internal TransactionKey Key { get; init; }

    private protected TransactionContext Context { get; }

    private protected SipTimers Timers => Context.Timers;

    private protected SipDestination Destination { get; }

    /// <summary>Runs a state handler under the lock, then what it queued for the TU.</summary>
    private protected void Run(Action handler)
    {
        List<Action>? after;
        lock (_gate)
        {
            if (State != SipTransactionState.Terminated)
            {
                handler();
            }

            after = _later;
            _later = null;
        }

        if (after is not null)
        {
            foreach (var action in after)
            {
                action();
            }
        }
    }

    private protected T Run<T>(Func<T> handler)
    {
        var result = default(T)!;
        Run(() => { result = handler(); });
        return result;
    }

    private protected void Later(Action action) => (_later ??= []).Add(action);

    /// <summary>Starts (or restarts) a timer; a zero duration fires at once, still under the lock.</summary>
    private protected void Start(TimerSlot slot, TimeSpan due)
    {
        Stop(slot);
        if (due <= TimeSpan.Zero)
        {
            OnTimer(slot);
            return;
        }

        var ticket = new TimerTicket(this, slot, ++_generations[(int)slot]);
        _timers[(int)slot] = Context.Time.CreateTimer(static s => ((TimerTicket)s!).Fire(), ticket, due, Timeout.InfiniteTimeSpan);
    }

    private protected void Stop(TimerSlot slot)
    {
        _generations[(int)slot]++;
        _timers[(int)slot]?.Dispose();
        _timers[(int)slot] = null;
    }

    private protected abstract void OnTimer(TimerSlot slot);

    /// <summary>A send failed (§17.1.4, §17.2.4): the transaction tells its TU and ends.</summary>
    private protected abstract void OnTransportError();

    /// <summary>
    /// Queues bytes for the wire; they leave once the handler has finished its state change and released the lock,
    /// so a reply that comes back at once (a loopback, a fast peer) always finds the transaction in its new state.
    /// </summary>
    private protected void Send(ReadOnlyMemory<byte> bytes) => Later(() =>
    {
        var sent = Context.Wire.SendAsync(bytes, Destination);
        if (sent.IsCompletedSuccessfully)
        {
            if (!sent.Result)
            {
                Run(OnTransportError);
            }

            return;
        }

        _ = ObserveAsync(sent);
    });

    private async Task ObserveAsync(ValueTask<bool> sent)
    {
        if (!await sent.ConfigureAwait(false))
        {
            Run(OnTransportError);
        }
    }

    private protected void Terminate()
    {
        State = SipTransactionState.Terminated;
        Stop(TimerSlot.Retransmit);
        Stop(TimerSlot.Lifetime);
        Context.Layer.Remove(this);
    }

    public override string ToString() => $"{GetType().Name} {Request.Method} {Branch} {State}";

    private sealed class TimerTicket(SipTransaction owner, TimerSlot slot, int generation)
    {
        public void Fire() => owner.Run(() =>
        {
            if (owner._generations[(int)slot] == generation)
            {
                owner._timers[(int)slot]?.Dispose();
                owner._timers[(int)slot] = null;
                owner.OnTimer(slot);
            }
        });
    }
}
