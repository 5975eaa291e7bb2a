using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Sip.Server;

/// <summary>
/// What the server front hands a valid request to: the seam the transaction layer (RFC 3261 §17) plugs into.
/// The handler answers through <see cref="SipServerRequest.RespondAsync"/> (or not at all, e.g. for ACK).
/// </summary>
public interface ISipRequestHandler
{
    ValueTask HandleAsync(SipServerRequest request, CancellationToken cancellationToken);
}

/// <summary>Receives valid responses (the client transaction layer will plug in here).</summary>
public interface ISipResponseHandler
{
    ValueTask HandleAsync(SipResponse response, SipFlow flow, CancellationToken cancellationToken);
}

/// <summary>A received, screened request and the means to answer it along its flow.</summary>
public sealed class SipServerRequest(SipRequest request, SipFlow flow, SipTransport transport)
{
    public SipRequest Request { get; } = request;

    public SipFlow Flow { get; } = flow;

    public SipResponse CreateResponse(int statusCode, string? reasonPhrase = null, IEnumerable<SipHeader>? extra = null) =>
        SipResponseFactory.Create(Request, statusCode, reasonPhrase, extra: extra);

    public ValueTask<bool> RespondAsync(SipResponse response, CancellationToken cancellationToken = default) =>
        transport.SendResponseAsync(response, Flow, cancellationToken);

    public ValueTask<bool> RespondAsync(int statusCode, CancellationToken cancellationToken = default) =>
        RespondAsync(CreateResponse(statusCode), cancellationToken);
}

/// <summary>The default until the transaction layer exists: every method is answered 501 Not Implemented (ACK never is).</summary>
public sealed class NotImplementedRequestHandler : ISipRequestHandler
{
    public async ValueTask HandleAsync(SipServerRequest request, CancellationToken cancellationToken)
    {
        if (request.Request.Method != SipMethods.Ack)
        {
            await request.RespondAsync(SipStatus.NotImplemented, cancellationToken);
        }
    }
}

/// <summary>Drops responses: nothing has sent a request yet.</summary>
public sealed class IgnoreResponsesHandler : ISipResponseHandler
{
    public ValueTask HandleAsync(SipResponse response, SipFlow flow, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
