using System.Collections.Concurrent;
using System.Globalization;
using CallCenter.Gateway.Sip.Auth;
using CallCenter.Gateway.Sip.Dialog;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transaction;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Sip.UserAgent;

/// <summary>Who we are and what we want. Session timers default on (1800 s, Min-SE 90); null turns them off.</summary>
public sealed record SipUserAgentOptions
{
    /// <summary>User part of our Contact and default From.</summary>
    public string User { get; init; } = "gateway";

    public SessionTimerSettings? SessionTimers { get; init; } = new();

    /// <summary>Credentials used to answer 401/407 to our requests (§22.2); none by default.</summary>
    public SipCredential? Credential { get; init; }

    public string Allow { get; init; } = "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY, MESSAGE, REGISTER";
}

/// <summary>
/// The user agent core (RFC 3261 §8, §12-§15) over the transaction layer: turns INVITEs into <see cref="InboundCall"/>s,
/// places <see cref="OutboundCall"/>s, routes in-dialog requests to their call (481 when none, §12.2.2), hands other
/// out-of-dialog methods to registered handlers (REGISTER to the registrar) and sends one-off requests.
/// </summary>
public sealed class SipUserAgent : ISipTransactionUser
{
    private readonly ConcurrentDictionary<SipDialogId, SipCall> _calls = new();
    private readonly ConcurrentDictionary<ServerTransaction, InboundCall> _offering = new();
    private readonly ConcurrentDictionary<string, Func<ServerTransaction, ValueTask>> _handlers = new(StringComparer.Ordinal);

    public SipUserAgent(SipTransactionLayer layer, SipUserAgentOptions? options = null)
    {
        Layer = layer;
        Options = options ?? new SipUserAgentOptions();
        layer.User = this;
    }

    public SipTransactionLayer Layer { get; }

    public SipUserAgentOptions Options { get; }

    public TimeProvider Time => Layer.Time;

    /// <summary>Calls with a dialog (early or confirmed).</summary>
    public int DialogCount => _calls.Count;

    /// <summary>An INVITE arrived: ring, answer or reject the call. With no subscriber it is answered 480.</summary>
    public event Action<InboundCall>? IncomingCall;

    /// <summary>Serves an out-of-dialog method (e.g. REGISTER by the registrar, MESSAGE); the handler must answer.</summary>
    public void Handle(string method, Func<ServerTransaction, ValueTask> handler) => _handlers[method] = handler;

    /// <summary>Our Contact on a transport (§8.1.1.8).</summary>
    public NameAddress Contact(SipTransportKind kind)
    {
        var local = Layer.Wire.LocalEndPoint(kind);
        var uri = SipUri.Create(local?.Address.ToString() ?? "127.0.0.1", local?.Port, Options.User);
        return new NameAddress(null, kind == SipTransportKind.Tcp ? uri.WithParameter("transport", "tcp") : uri, SipParameters.Empty);
    }

    /// <summary>Places a call (§13.2.1): INVITE to <paramref name="to"/> sent to <paramref name="target"/>, with the SDP offer.</summary>
    public OutboundCall Call(SipUri to, SipTarget target, ReadOnlyMemory<byte> sdp, NameAddress? from = null, IEnumerable<SipHeader>? extra = null)
    {
        var call = PrepareCall(to, target, sdp, from, extra);
        call.Start();
        return call;
    }

    /// <summary>A call ready to place: subscribe to its events, then <see cref="OutboundCall.Start"/> it (a fast peer may answer before <see cref="Call"/> returns).</summary>
    public OutboundCall PrepareCall(SipUri to, SipTarget target, ReadOnlyMemory<byte> sdp, NameAddress? from = null, IEnumerable<SipHeader>? extra = null)
    {
        var headers = new List<SipHeader>(RequestHeaders(SipMethods.Invite, to, target, from))
        {
            SipHeader.Create(HeaderNames.Contact, Contact(target.Transport).ToString()),
            SipHeader.Create(HeaderNames.Allow, Options.Allow),
        };
        if (Options.SessionTimers is { } timers)
        {
            headers.Add(SipHeader.Create(HeaderNames.Supported, SessionTimer.OptionTag));
            headers.AddRange(SessionTimer.Offer(timers));
        }

        if (extra is not null)
        {
            headers.AddRange(extra);
        }

        if (!sdp.IsEmpty)
        {
            headers.Add(SipHeader.Create(HeaderNames.ContentType, "application/sdp"));
        }

        return new OutboundCall(this, new SipRequest(SipMethods.Invite, to, new SipHeaderList(headers), sdp), target, Options.Credential);
    }

    /// <summary>
    /// A request outside any dialog (OPTIONS, REGISTER, MESSAGE, ...) built for <paramref name="to"/>; answers one
    /// 401/407 with <paramref name="credential"/> (or the user agent's) and returns the final response.
    /// </summary>
    public async Task<SipResponse> SendAsync(string method, SipUri to, SipTarget target, IEnumerable<SipHeader>? extra = null, SipCredential? credential = null, NameAddress? from = null)
    {
        var request = new SipRequest(method, method == SipMethods.Register ? SipUri.Create(to.Host, to.Port) : to,
            new SipHeaderList([.. RequestHeaders(method, to, target, from), .. extra ?? []]));
        var response = await Layer.Send(request, target).FinalResponse;
        credential ??= Options.Credential;
        if (response.StatusCode is 401 or 407 && credential is not null && DigestClient.Authorize(response, request, credential) is { } authorization)
        {
            response = await Layer.Send(Retry(request, authorization), target).FinalResponse;
        }

        return response;
    }

    void ISipTransactionUser.OnRequest(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (SipDialogId.OfRequest(request) is { } id)
        {
            if (_calls.TryGetValue(id, out var call))
            {
                call.OnInDialogRequest(transaction);
            }
            else
            {
                transaction.Respond(481); // §12.2.2
            }

            return;
        }

        switch (request.Method)
        {
            case SipMethods.Invite:
                OnInvite((ServerInviteTransaction)transaction);
                break;
            case SipMethods.Bye or SipMethods.Update or SipMethods.Prack:
                transaction.Respond(481); // only meaningful inside a dialog
                break;
            default:
                if (_handlers.TryGetValue(request.Method, out var handler))
                {
                    _ = InvokeAsync(handler, transaction);
                }
                else
                {
                    transaction.Respond(SipStatus.MethodNotAllowed, extra: [SipHeader.Create(HeaderNames.Allow, Options.Allow)]);
                }

                break;
        }
    }

    void ISipTransactionUser.OnAck(SipRequest ack, SipFlow flow)
    {
        if (SipDialogId.OfRequest(ack) is { } id && _calls.TryGetValue(id, out var call))
        {
            call.AckReceived(ack);
        }
    }

    void ISipTransactionUser.OnCancelled(ServerTransaction invite, SipRequest cancel)
    {
        if (_offering.TryGetValue(invite, out var call))
        {
            call.OnCancelled();
        }
    }

    void ISipTransactionUser.OnFailed(ServerTransaction transaction, SipTransactionFailure failure)
    {
        if (_offering.TryGetValue(transaction, out var call))
        {
            call.OnNoAck();
        }
    }

    internal SipTransportKind TransportOf(SipDialog dialog) => SipNextHop.Resolve(dialog.NextHop)?.Transport ?? SipTransportKind.Udp;

    internal ClientTransaction SendInDialog(SipDialog dialog, SipRequest request) =>
        Layer.Send(request, SipNextHop.Resolve(dialog.NextHop) ?? throw new InvalidOperationException($"cannot reach {dialog.NextHop}"));

    /// <summary>Sends the ACK to a 2xx (§13.2.2.4): in the dialog, the INVITE's CSeq number, straight to the transport.</summary>
    internal byte[] AckInDialog(SipDialog dialog, SipResponse response)
    {
        var target = SipNextHop.Resolve(dialog.NextHop) ?? throw new InvalidOperationException($"cannot reach {dialog.NextHop}");
        var ack = Layer.WithVia(dialog.CreateRequest(SipMethods.Ack, Contact(target.Transport), cseq: response.CSeq?.Number), target, SipIds.NewBranch());
        var bytes = SipMessageWriter.ToBytes(ack, Layer.Wire.Gateway);
        _ = Layer.Wire.SendAsync(bytes, new SipDestination(target.Transport, target.EndPoint));
        return bytes;
    }

    internal void Resend(byte[] bytes, SipDialog dialog)
    {
        if (SipNextHop.Resolve(dialog.NextHop) is { } target)
        {
            _ = Layer.Wire.SendAsync(bytes, new SipDestination(target.Transport, target.EndPoint));
        }
    }

    /// <summary>The same request with the next CSeq and credentials, for a new transaction (§22.2, §8.1.3.5).</summary>
    internal SipRequest Retry(SipRequest request, SipHeader authorization)
    {
        var cseq = request.CSeq!.Value;
        var headers = request.Headers
            .Where(h => h.Name is not (HeaderNames.Via or HeaderNames.Authorization or HeaderNames.ProxyAuthorization))
            .Select(h => h.Name == HeaderNames.CSeq ? SipHeader.Create(HeaderNames.CSeq, new CSeq(cseq.Number + 1, cseq.Method).ToString()) : h)
            .Append(authorization);
        return new SipRequest(request.Method, request.RequestUri, new SipHeaderList(headers), request.Body);
    }

    internal void Track(SipCall call, SipDialogId id)
    {
        _calls[id] = call;
        lock (call.DialogIds)
        {
            call.DialogIds.Add(id);
        }
    }

    internal void Forget(SipCall call)
    {
        lock (call.DialogIds)
        {
            foreach (var id in call.DialogIds)
            {
                _calls.TryRemove(new KeyValuePair<SipDialogId, SipCall>(id, call));
            }
        }

        if (call is InboundCall inbound)
        {
            _offering.TryRemove(inbound.Transaction, out _);
        }
    }

    private void OnInvite(ServerInviteTransaction transaction)
    {
        var request = transaction.Request;
        if (request.Contact is { IsStar: true })
        {
            transaction.Respond(SipStatus.BadRequest, "Bad Request - INVITE with Contact *");
            return;
        }

        SessionTimer? timer = null;
        if (Options.SessionTimers is { } settings)
        {
            var answer = SessionTimerNegotiation.Answer(request, settings);
            if (answer.RejectWithMinSE is { } minSE)
            {
                transaction.Respond(422, "Session Interval Too Small", [SipHeader.Create(SessionTimer.MinSEHeader, minSE.ToString(CultureInfo.InvariantCulture))]);
                return;
            }

            timer = answer.Timer;
        }

        if (IncomingCall is not { } handler)
        {
            transaction.Respond(480);
            return;
        }

        var call = new InboundCall(this, transaction, timer);
        _offering[transaction] = call;
        handler(call);
    }

    private static async Task InvokeAsync(Func<ServerTransaction, ValueTask> handler, ServerTransaction transaction)
    {
        try
        {
            await handler(transaction);
        }
        catch (Exception e)
        {
            // A handler fault must not leave the request unanswered (DESIGN.md: errors at the edges are values).
            transaction.Respond(SipStatus.ServerInternalError, $"Server Internal Error - {e.GetType().Name}");
        }
    }

    private List<SipHeader> RequestHeaders(string method, SipUri to, SipTarget target, NameAddress? caller)
    {
        var local = Layer.Wire.LocalEndPoint(target.Transport);
        var self = caller ?? new NameAddress(null, SipUri.Create(local?.Address.ToString() ?? "127.0.0.1", null, Options.User), SipParameters.Empty);
        var toAddress = method == SipMethods.Register ? self with { Parameters = SipParameters.Empty } : new NameAddress(null, to, SipParameters.Empty);
        return
        [
            SipHeader.Create(HeaderNames.MaxForwards, "70"),
            SipHeader.Create(HeaderNames.From, self.WithTag(SipIds.NewTag()).ToString()),
            SipHeader.Create(HeaderNames.To, toAddress.ToString()),
            SipHeader.Create(HeaderNames.CallId, SipIds.NewCallId(local?.Address.ToString() ?? "callcenter")),
            SipHeader.Create(HeaderNames.CSeq, new CSeq(1, method).ToString()),
        ];
    }
}
