namespace CallCenter.Gateway.Sip.Transaction;

/// <summary>
/// Every transaction timer in one place (RFC 3261 §17.1.1.2, §17.1.2.2, §17.2.1, §17.2.2 and Table 4 of Appendix A;
/// RFC 6026 §8.4/§8.7 for L and M). Defaults are the RFC's: T1 = 500 ms (round-trip estimate), T2 = 4 s (cap on
/// non-INVITE and response retransmission intervals), T4 = 5 s (how long a message may linger in the network).
/// </summary>
public sealed record SipTimers
{
    public static readonly SipTimers Default = new();

    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A server INVITE transaction sends 100 Trying if the TU has not answered within this (§17.2.1: 200 ms).</summary>
    public TimeSpan TryingDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Timer A: first INVITE retransmission interval over UDP; it doubles after each one with no cap (§17.1.1.2).</summary>
    public TimeSpan A => T1;

    /// <summary>Timer B: INVITE transaction timeout, 64*T1.</summary>
    public TimeSpan B => 64 * T1;

    /// <summary>Timer D: wait time for response retransmissions in Completed; at least 32 s over UDP, 0 over reliable transports.</summary>
    public TimeSpan D(bool reliable) => reliable ? TimeSpan.Zero : TimeSpan.FromSeconds(32);

    /// <summary>Timer E: first non-INVITE retransmission interval over UDP; doubles up to T2 (§17.1.2.2).</summary>
    public TimeSpan E => T1;

    /// <summary>Timer F: non-INVITE transaction timeout, 64*T1.</summary>
    public TimeSpan F => 64 * T1;

    /// <summary>Timer G: first retransmission of a final INVITE response over UDP; doubles up to T2 (§17.2.1).</summary>
    public TimeSpan G => T1;

    /// <summary>Timer H: wait time for the ACK to a non-2xx final response, 64*T1.</summary>
    public TimeSpan H => 64 * T1;

    /// <summary>Timer I: wait time for ACK retransmissions in Confirmed: T4 over UDP, 0 over reliable transports.</summary>
    public TimeSpan I(bool reliable) => reliable ? TimeSpan.Zero : T4;

    /// <summary>Timer J: wait time for non-INVITE request retransmissions: 64*T1 over UDP, 0 over reliable transports.</summary>
    public TimeSpan J(bool reliable) => reliable ? TimeSpan.Zero : 64 * T1;

    /// <summary>Timer K: wait time for non-INVITE response retransmissions: T4 over UDP, 0 over reliable transports.</summary>
    public TimeSpan K(bool reliable) => reliable ? TimeSpan.Zero : T4;

    /// <summary>Timer L (RFC 6026 §8.7): how long a server INVITE transaction stays Accepted after a 2xx, 64*T1.</summary>
    public TimeSpan L => 64 * T1;

    /// <summary>Timer M (RFC 6026 §8.4): how long a client INVITE transaction stays Accepted to catch 2xx retransmissions, 64*T1.</summary>
    public TimeSpan M => 64 * T1;

    /// <summary>The next retransmission interval: doubled, and capped at T2 where the RFC caps it (E, G, 2xx; not A).</summary>
    public TimeSpan Backoff(TimeSpan current, bool capAtT2) => capAtT2 && current * 2 > T2 ? T2 : current * 2;
}
