using System.Collections.Concurrent;

namespace CallCenter.Node.Auth;

/// <summary>
/// After <see cref="MaxFailures"/> wrong passwords in a row for one agent id, sign-ins for that id are refused
/// (429) for <see cref="LockOut"/>: guessing a password costs 30 s per five tries. Ids unknown to the definition
/// are counted alike, so that the answers do not tell which ids exist.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan LockOut = TimeSpan.FromSeconds(30);

    /// <summary>Ids remembered at most; beyond, entries whose lock-out is over are forgotten.</summary>
    private const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="agentId"/> must still wait, or null when it may try.</summary>
    public TimeSpan? Wait(string agentId)
    {
        if (!_failures.TryGetValue(agentId, out var failures) || failures.Count < MaxFailures)
            return null;
        var left = failures.Last + LockOut - clock.GetUtcNow();
        if (left > TimeSpan.Zero)
            return left;
        _failures.TryRemove(agentId, out _);
        return null;
    }

    public void Failed(string agentId)
    {
        if (_failures.Count >= MaxTracked)
            Forget();
        var now = clock.GetUtcNow();
        _failures.AddOrUpdate(agentId, _ => new Failures(1, now), (_, f) => new Failures(f.Count + 1, now));
    }

    public void Succeeded(string agentId) => _failures.TryRemove(agentId, out _);

    private void Forget()
    {
        var before = clock.GetUtcNow() - LockOut;
        foreach (var (id, failures) in _failures)
            if (failures.Last < before)
                _failures.TryRemove(id, out _);
    }

    private sealed record Failures(int Count, DateTimeOffset Last);
}
