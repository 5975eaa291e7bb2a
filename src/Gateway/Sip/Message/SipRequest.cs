namespace CallCenter.Gateway.Sip.Message;

/// <summary>Request = Request-Line *( message-header ) CRLF [ message-body ] (RFC 3261 §7.1).</summary>
public sealed class SipRequest : SipMessage
{
    public SipRequest(string method, UriReference requestUri, SipHeaderList headers, ReadOnlyMemory<byte> body = default)
        : base(headers, body)
    {
        Method = method;
        RequestUri = requestUri;
    }

    public string Method { get; }

    public UriReference RequestUri { get; }

    public override bool IsRequest => true;

    /// <summary>The same request with other header lines (e.g. a stamped Via, RFC 3261 §18.2.1).</summary>
    public SipRequest WithHeaders(SipHeaderList headers) => new(Method, RequestUri, headers, Body);

    public override string ToString() => $"{Method} {RequestUri} SIP/2.0";
}

/// <summary>Response = Status-Line *( message-header ) CRLF [ message-body ] (RFC 3261 §7.2).</summary>
public sealed class SipResponse : SipMessage
{
    public SipResponse(int statusCode, string reasonPhrase, SipHeaderList headers, ReadOnlyMemory<byte> body = default)
        : base(headers, body)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    public int StatusCode { get; }

    public string ReasonPhrase { get; }

    public override bool IsRequest => false;

    public bool IsProvisional => StatusCode < 200;

    public SipResponse WithHeaders(SipHeaderList headers) => new(StatusCode, ReasonPhrase, headers, Body);

    public override string ToString() => $"SIP/2.0 {StatusCode} {ReasonPhrase}";
}
