using System.Globalization;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Dialog;

public enum SessionRefresher
{
    Uac,
    Uas,
}

/// <summary>Our session-timer wishes (RFC 4028): defaults 1800 s interval and the RFC's 90 s minimum (§4).</summary>
public sealed record SessionTimerSettings
{
    public int SessionExpires { get; init; } = 1800;

    public int MinSE { get; init; } = 90;
}

/// <summary>
/// The agreed session timer of a dialog (RFC 4028 §7-§10): the interval and who refreshes. The refresher refreshes at
/// half the interval (§10); the other side sends BYE if no refresh came by interval - min(32, interval/3) (§10).
/// </summary>
public sealed record SessionTimer(int Interval, SessionRefresher Refresher)
{
    public const string HeaderName = "Session-Expires";
    public const string MinSEHeader = "Min-SE";
    public const string OptionTag = "timer";

    public bool WeRefresh(bool weAreUac) => (Refresher == SessionRefresher.Uac) == weAreUac;

    public TimeSpan RefreshAfter => TimeSpan.FromSeconds(Interval / 2.0);

    public TimeSpan ExpireAfter => TimeSpan.FromSeconds(Interval - Math.Min(32, Interval / 3.0));

    public SipHeader ToHeader() => SipHeader.Create(HeaderName, $"{Interval.ToString(CultureInfo.InvariantCulture)};refresher={(Refresher == SessionRefresher.Uac ? "uac" : "uas")}");

    /// <summary>Session-Expires = delta-seconds *(;se-params) with refresher=uac|uas (§4); null when absent or malformed.</summary>
    public static (int Interval, SessionRefresher? Refresher)? Parse(SipMessage message)
    {
        if (message.Headers.Get(HeaderName) is not { } value)
        {
            return null;
        }

        var parts = value.Split(';', StringSplitOptions.TrimEntries);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var interval) || interval <= 0)
        {
            return null;
        }

        var refresher = parts.Skip(1).Select(p => p.Split('=', 2)).Where(kv => kv.Length == 2 && kv[0].Equals("refresher", StringComparison.OrdinalIgnoreCase))
            .Select(kv => kv[1].ToLowerInvariant() switch { "uac" => SessionRefresher.Uac, "uas" => (SessionRefresher?)SessionRefresher.Uas, _ => null })
            .FirstOrDefault();
        return (interval, refresher);
    }

    public static int? ParseMinSE(SipMessage message) =>
        message.Headers.Get(MinSEHeader) is { } v && int.TryParse(v.Split(';')[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : null;

    /// <summary>What a UAC puts in an INVITE to ask for a session timer (§7.1).</summary>
    public static IEnumerable<SipHeader> Offer(SessionTimerSettings settings) =>
    [
        SipHeader.Create(HeaderName, settings.SessionExpires.ToString(CultureInfo.InvariantCulture)),
        SipHeader.Create(MinSEHeader, settings.MinSE.ToString(CultureInfo.InvariantCulture)),
    ];
}

/// <summary>The UAS answer to a session-timer request: reject with 422 and our Min-SE, or go on with a timer (or none).</summary>
public sealed record SessionTimerAnswer(SessionTimer? Timer, int? RejectWithMinSE);

/// <summary>Session-timer negotiation (RFC 4028), pure functions of the messages and our settings.</summary>
public static class SessionTimerNegotiation
{
    /// <summary>
    /// The UAS side (§9): a Session-Expires below our Min-SE is refused with 422; otherwise the interval is the
    /// smaller of the request's and ours (never below the request's Min-SE), the refresher is the one asked for, else
    /// the UAC when it supports "timer", else us. No Session-Expires: no timer.
    /// </summary>
    public static SessionTimerAnswer Answer(SipRequest request, SessionTimerSettings ours)
    {
        if (SessionTimer.Parse(request) is not { } asked)
        {
            return new SessionTimerAnswer(null, null);
        }

        if (asked.Interval < ours.MinSE)
        {
            return new SessionTimerAnswer(null, ours.MinSE);
        }

        var floor = Math.Max(SessionTimer.ParseMinSE(request) ?? 0, ours.MinSE);
        var interval = Math.Max(Math.Min(asked.Interval, ours.SessionExpires), floor);
        var uacSupports = request.Supported.Contains(SessionTimer.OptionTag, StringComparer.OrdinalIgnoreCase);
        var refresher = asked.Refresher ?? (uacSupports ? SessionRefresher.Uac : SessionRefresher.Uas);
        if (refresher == SessionRefresher.Uac && !uacSupports)
        {
            refresher = SessionRefresher.Uas;
        }

        return new SessionTimerAnswer(new SessionTimer(interval, refresher), null);
    }

    /// <summary>The UAC side (§7.2): the 2xx's Session-Expires decides; without refresher=, the UAC refreshes.</summary>
    public static SessionTimer? FromAnswer(SipResponse response) =>
        SessionTimer.Parse(response) is { } se ? new SessionTimer(se.Interval, se.Refresher ?? SessionRefresher.Uac) : null;
}
