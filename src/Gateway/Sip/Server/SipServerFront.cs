using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transport;
using CallCenter.Gateway.Telemetry;

namespace CallCenter.Gateway.Sip.Server;

/// <summary>
/// The front door of the SIP stack: takes what every channel receives, answers malformed requests from what the
/// parser salvaged (RFC 3261 §8.2.6.2), drops malformed responses (§18.1.2), screens valid requests
/// (<see cref="RequestScreening"/>), answers OPTIONS (§11.2) and hands everything else to the request handler.
/// </summary>
public sealed class SipServerFront
{
    private readonly SipTransport _transport;
    private readonly ISipRequestHandler _requests;
    private readonly ISipResponseHandler _responses;
    private readonly SipServerOptions _options;

    public SipServerFront(SipTransport transport, ISipRequestHandler? requests = null, ISipResponseHandler? responses = null, SipServerOptions? options = null)
    {
        _transport = transport;
        _requests = requests ?? new NotImplementedRequestHandler();
        _responses = responses ?? new IgnoreResponsesHandler();
        _options = options ?? new SipServerOptions();
    }

    public void Start() => _transport.Start(OnInboundAsync);

    public async ValueTask OnInboundAsync(SipInbound inbound)
    {
        var ct = CancellationToken.None;
        if (inbound.Result.Message is { } message)
            SipTelemetry.Received(message, _transport.Gateway);
        else
            SipTelemetry.ReceivedMalformed(_transport.Gateway);
        switch (inbound.Result)
        {
            case { Error: { IsResponse: false } error }:
                await AnswerMalformed(error, inbound.Flow, ct);
                break;
            case { Message: SipResponse response }:
                await _responses.HandleAsync(response, inbound.Flow, ct);
                break;
            case { Message: SipRequest request }:
                await OnRequest(request, inbound.Flow, ct);
                break;
        }
    }

    private async ValueTask OnRequest(SipRequest request, SipFlow flow, CancellationToken ct)
    {
        var verdict = RequestScreening.Screen(request, _options);
        if (verdict is null && request.Method == SipMethods.Options)
        {
            verdict = RequestScreening.OptionsAnswer(_options);
        }

        if (verdict is not null)
        {
            var response = SipResponseFactory.Create(request, verdict.StatusCode, verdict.ReasonPhrase, extra: verdict.Extra);
            await _transport.SendResponseAsync(response, flow, ct);
            return;
        }

        await _requests.HandleAsync(new SipServerRequest(request, flow, _transport), ct);
    }

    private async ValueTask AnswerMalformed(SipParseError error, SipFlow flow, CancellationToken ct)
    {
        if (SipResponseFactory.FromError(error) is not { } response)
        {
            return;
        }

        // The salvaged Via may itself be what failed to parse: then the packet's source is the only route back.
        var topVia = error.Salvaged.Where(h => h.Name == HeaderNames.Via).Select(h => SipVia.ParseList(h.Value.Span)).FirstOrDefault();
        var destination = topVia is [var via, ..] ? ResponseRouting.Destination(ResponseRouting.Stamp(via, flow.Remote), flow.Remote) : null;
        await flow.Channel.SendAsync(destination ?? flow.Remote, SipMessageWriter.ToBytes(response, _transport.Gateway), flow.ConnectionId, ct);
    }
}
