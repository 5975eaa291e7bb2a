using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Claims;

namespace CallCenter.Node.Auth;

/// <summary>
/// Sessions ended by <c>DELETE /api/session</c>, kept until their cookie would have expired anyway: a copy of
/// the cookie taken before the sign-out is refused. Each sign-in has its own id (claim <see cref="ClaimType"/>),
/// so signing out one tab or device leaves the agent's other sessions alone. Kept in <see cref="SignInStateStore"/>,
/// so every web node refuses the copy, and still does after a restart. Each node remembers an answer for
/// <see cref="CacheWindow"/> so that a busy session costs one lookup per window: the node that answered the sign-out
/// refuses the copy at once, the others within that window.
/// </summary>
public sealed class SignedOutSessions(SignInStateStore store, TimeProvider clock, ILogger<SignedOutSessions> log)
{
    public const string ClaimType = "callcenter:session";

    /// <summary>How long a node trusts its last "not signed out" answer for a session before asking the store again.</summary>
    public static readonly TimeSpan CacheWindow = TimeSpan.FromSeconds(2);

    /// <summary>How often forgotten answers (past their window) are swept from memory.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    /// <summary>A session's last answer and until when it holds (a sign-out holds until the cookie would expire).</summary>
    private sealed record Answer(bool Ended, DateTimeOffset Until);

    private readonly ConcurrentDictionary<string, Answer> _answers = new(StringComparer.Ordinal);
    private long _nextSweepTicks;

    public static Claim NewSessionClaim() => new(ClaimType, Guid.NewGuid().ToString("N"));

    public async Task EndAsync(ClaimsPrincipal user, CancellationToken cancellation = default)
    {
        if (user.FindFirstValue(ClaimType) is not { } session)
            return;
        var now = clock.GetUtcNow();
        var expires = now + AuthSetup.SessionLifetime;
        _answers[session] = new Answer(Ended: true, expires);
        try
        {
            await store.EndSessionAsync(session, expires, now, cancellation);
        }
        catch (DbException e)
        {
            // This node refuses the session still; the browser drops the cookie. Other nodes do not learn of it.
            log.LogWarning(e, "Sign-out not recorded in {Location}: other web nodes accept a copy of this session's cookie", store.Location);
        }
    }

    public async Task<bool> HasEndedAsync(ClaimsPrincipal user, CancellationToken cancellation = default)
    {
        if (user.FindFirstValue(ClaimType) is not { } session)
            return false;
        var now = clock.GetUtcNow();
        Sweep(now);
        if (_answers.TryGetValue(session, out var known) && known.Until > now)
            return known.Ended;
        bool ended;
        try
        {
            ended = await store.HasEndedAsync(session, now, cancellation);
        }
        catch (DbException e)
        {
            // The database is away (a restart): keep agents signed in rather than sign every one out; a session
            // known to be signed out stays refused.
            log.LogWarning(e, "Signed-out sessions not readable in {Location}; trusting the session cookie", store.Location);
            return known?.Ended ?? false;
        }
        _answers[session] = ended ? new Answer(Ended: true, now + AuthSetup.SessionLifetime) : new Answer(Ended: false, now + CacheWindow);
        return ended;
    }

    private void Sweep(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) != next)
            return;
        foreach (var (session, answer) in _answers)
            if (answer.Until <= now)
                _answers.TryRemove(session, out _);
    }
}
