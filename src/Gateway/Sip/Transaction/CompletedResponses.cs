using System.Collections.Concurrent;

namespace CallCenter.Gateway.Sip.Transaction;

/// <summary>
/// The last state of server transactions over UDP kept as what it needs: for a Completed non-INVITE (RFC 3261
/// §17.2.2) the final response's bytes and where they go, resent to every retransmitted request until Timer J; for an
/// ACKed INVITE in Accepted (RFC 6026 §7.1) nothing but its key, to swallow late copies of the INVITE for T4. Each
/// instance has one lifetime, so a FIFO queue is already in expiry order and one periodic sweep on the injected clock
/// expires entries (up to one sweep late). Under load a completed BYE lives 64*T1: keeping ~0.5 KB instead of the
/// whole transaction and its parsed request is what keeps the GC from copying them all (bench/Sip/RESULTS.md).
/// </summary>
internal sealed class CompletedResponses : IDisposable
{
    private readonly ConcurrentDictionary<TransactionKey, Entry> _entries = new();
    private readonly ConcurrentQueue<(DateTimeOffset Due, TransactionKey Key, Entry Entry)> _expiry = new();
    private readonly TimeProvider _time;
    private readonly ISipWire _wire;
    private readonly ITimer _sweep;
    private readonly TimeSpan _lifetime;

    public CompletedResponses(ISipWire wire, TimeProvider time, TimeSpan lifetime, TimeSpan sweepInterval)
    {
        _wire = wire;
        _time = time;
        _lifetime = lifetime;
        _sweep = time.CreateTimer(_ => Sweep(), null, sweepInterval, sweepInterval);
    }

    public int Count => _entries.Count;

    /// <summary>Keeps a transaction's key, with the response to resend to its retransmissions (none: they are swallowed).</summary>
    public void Add(TransactionKey key, byte[]? response, SipDestination destination)
    {
        var entry = new Entry(response, destination);
        _entries[key] = entry;
        _expiry.Enqueue((_time.GetUtcNow() + _lifetime, key, entry));
    }

    /// <summary>A retransmitted request: resend the final response (§17.2.2), or swallow it. False when the key is unknown.</summary>
    public bool TryResend(TransactionKey key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return false;
        }

        if (entry.Response is not null)
        {
            _ = _wire.SendAsync(entry.Response, entry.Destination);
        }

        return true;
    }

    public void Dispose() => _sweep.Dispose();

    /// <summary>Timer J for every entry that is due.</summary>
    private void Sweep()
    {
        var now = _time.GetUtcNow();
        while (_expiry.TryPeek(out var head) && head.Due <= now && _expiry.TryDequeue(out head))
        {
            _entries.TryRemove(new KeyValuePair<TransactionKey, Entry>(head.Key, head.Entry));
        }
    }

    private sealed record Entry(byte[]? Response, SipDestination Destination);
}
