using System.Collections.Concurrent;
using System.Security.Claims;

namespace CallCenter.Node.Auth;

/// <summary>
/// Sessions ended by <c>DELETE /api/session</c>, kept until their cookie would have expired anyway: a copy of
/// the cookie taken before the sign-out is refused. Each sign-in has its own id (claim <see cref="ClaimType"/>),
/// so signing out one tab or device leaves the agent's other sessions alone. Held by the node that answered the
/// sign-out: behind several web nodes, another node still accepts the copy until it expires.
/// </summary>
public sealed class SignedOutSessions(TimeProvider clock)
{
    public const string ClaimType = "callcenter:session";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _ended = new(StringComparer.Ordinal);

    public static Claim NewSessionClaim() => new(ClaimType, Guid.NewGuid().ToString("N"));

    public void End(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(ClaimType) is not { } session)
            return;
        var now = clock.GetUtcNow();
        foreach (var (id, until) in _ended)
            if (until < now)
                _ended.TryRemove(id, out _);
        _ended[session] = now + AuthSetup.SessionLifetime;
    }

    public bool HasEnded(ClaimsPrincipal user) => user.FindFirstValue(ClaimType) is { } session && _ended.ContainsKey(session);
}
