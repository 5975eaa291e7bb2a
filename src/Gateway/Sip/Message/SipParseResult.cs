namespace CallCenter.Gateway.Sip.Message;

/// <summary>
/// Why a message could not be accepted: the status to answer (RFC 3261 §21: 400, 413, 416, 505, ...), a reason
/// phrase naming the fault, whether it looked like a response (responses are dropped, never answered, §18.1.2),
/// and the header lines salvaged to build that answer (Via, From, To, Call-ID, CSeq; §8.2.6.2).
/// </summary>
public sealed record SipParseError(int StatusCode, string Detail, bool IsResponse, IReadOnlyList<SipHeader> Salvaged)
{
    /// <summary>e.g. "Bad Request - bad CSeq".</summary>
    public string ReasonPhrase => $"{SipStatus.DefaultReason(StatusCode)} - {Detail}";

    public override string ToString() => $"{StatusCode} {ReasonPhrase}";
}

/// <summary>The outcome of parsing: exactly one of a message or an error. The parser never throws.</summary>
public readonly record struct SipParseResult
{
    private SipParseResult(SipMessage? message, SipParseError? error, int consumed)
    {
        Message = message;
        Error = error;
        Consumed = consumed;
    }

    public SipMessage? Message { get; }

    public SipParseError? Error { get; }

    /// <summary>Bytes the message took (start line to end of body); for a datagram, the rest is ignored (§18.3).</summary>
    public int Consumed { get; }

    public bool IsSuccess => Message is not null;

    public static SipParseResult Success(SipMessage message, int consumed) => new(message, null, consumed);

    public static SipParseResult Failure(SipParseError error) => new(null, error, 0);

    public override string ToString() => Message?.ToString() ?? Error!.ToString();
}

/// <summary>Parser limits.</summary>
public sealed record SipParserOptions
{
    public static readonly SipParserOptions Default = new();

    /// <summary>Largest message accepted, headers and body (default 64 KiB: a UDP datagram's ceiling).</summary>
    public int MaxMessageSize { get; init; } = 64 * 1024;

    /// <summary>Most header lines in one message; more is answered 400 (a cheap guard against header floods).</summary>
    public int MaxHeaders { get; init; } = 256;
}
