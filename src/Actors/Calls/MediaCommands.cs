namespace CallCenter.Actors.Calls;

// What a call's entity tells its gateway to do with the caller's media while an IVR flow or a queue holds the call,
// and the gateway's answers. Every media command carries the flow's step number (Seq): a newer Seq replaces whatever
// the caller hears; the same Seq again (the entity restarted and resumes its step) changes nothing, and if that
// step's media is already over the gateway says how it ended again. Answers with an older Seq than the entity's are stale.

/// <summary>
/// How to collect digits after (or during: a digit cuts the prompt short) the prompts: up to <see cref="MaxDigits"/>,
/// ended early by <see cref="Terminator"/> (not kept), or by <see cref="TimeoutMilliseconds"/> without a digit
/// (counted from the end of the prompts, then from each digit).
/// </summary>
public sealed record DigitCollection(int MaxDigits, string? Terminator, int TimeoutMilliseconds);

/// <summary>
/// Answers the caller if not yet answered, stops whatever they hear, and plays <see cref="Prompts"/> (file names or
/// <c>digits:</c>/<c>number:</c>/<c>amount:</c> values); with <see cref="Collect"/>, collects digits. Answered with
/// <see cref="MediaFinished"/>.
/// </summary>
public sealed record PlayPrompts(string Gateway, CallId CallId, int Seq, IReadOnlyList<string> Prompts, DigitCollection? Collect = null)
    : IGatewayMessage;

/// <summary>
/// Answers the caller if not yet answered, plays <see cref="Announcement"/>, then loops <see cref="Music"/> (none:
/// silence) until the next media command or an agent is connected. A digit in <see cref="ExitDigits"/> is told with
/// <see cref="CallerPressed"/>; other digits are ignored.
/// </summary>
public sealed record HoldCaller(string Gateway, CallId CallId, int Seq, IReadOnlyList<string> Announcement, string? Music, string? ExitDigits = null)
    : IGatewayMessage;

/// <summary>
/// Calls the outside <see cref="Number"/> (a SIP URI with a host) and bridges the caller to it once it answers: answered
/// with <see cref="MediaFinished"/> (<see cref="MediaOutcome.Bridged"/>, after which the legs are the gateway's own, or
/// <see cref="MediaOutcome.Failed"/>).
/// </summary>
public sealed record BridgeOutside(string Gateway, CallId CallId, int Seq, string Number) : IGatewayMessage;

/// <summary>How a media command ended.</summary>
public enum MediaOutcome
{
    /// <summary>Every prompt was played (nothing to collect).</summary>
    Played,
    /// <summary>The maximum number of digits was collected.</summary>
    Collected,
    /// <summary>The terminator was pressed (not part of the digits).</summary>
    Terminated,
    /// <summary>No digit came within the timeout (the digits so far are given).</summary>
    TimedOut,
    /// <summary>The caller is bridged to the outside party.</summary>
    Bridged,
    /// <summary>It could not be done (no port for media, the outside party refused).</summary>
    Failed,
}

/// <summary>The gateway's word that the media command <see cref="Seq"/> is over, with the digits it collected.</summary>
public sealed record MediaFinished(CallId CallId, int Seq, MediaOutcome Outcome, string Digits = "", string? Reason = null) : ICallMessage;

/// <summary>While holding (<see cref="HoldCaller"/> <see cref="Seq"/>), the caller pressed one of its exit digits.</summary>
public sealed record CallerPressed(CallId CallId, int Seq, string Digit) : ICallMessage;

/// <summary>
/// A recording of the call is complete: a stereo WAV (caller left, agent right) at <see cref="Path"/> on the gateway,
/// <see cref="DurationSeconds"/> long, with its SHA-256 (hex). Sent until the entity confirms.
/// </summary>
public sealed record CallRecorded(CallId CallId, AgentId AgentId, string Path, double DurationSeconds, string Sha256) : ICallMessage;

/// <summary>
/// A flow's data dip, carried out by the call's own entity (not sent anywhere): GET <see cref="Url"/> within
/// <see cref="TimeoutMilliseconds"/>; the outcome comes back as <see cref="FlowDataFetched"/>.
/// </summary>
public sealed record FetchFlowData(CallId CallId, int Seq, string Url, int TimeoutMilliseconds) : IProtocolMessage;

/// <summary>A data dip's answer: a JSON object's top-level values, or null with the <see cref="Error"/> that stopped it.</summary>
public sealed record FlowDataFetched(CallId CallId, int Seq, IReadOnlyDictionary<string, string>? Values, string? Error = null) : ICallMessage;
