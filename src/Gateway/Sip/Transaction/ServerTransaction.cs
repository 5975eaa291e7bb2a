using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Sip.Transaction;

/// <summary>Why a server transaction ended without the TU's answer being acknowledged.</summary>
public enum SipTransactionFailure
{
    /// <summary>Timer H (no ACK to a failure) or Timer L with the 2xx never acknowledged (§13.3.1.4).</summary>
    NoAck,

    /// <summary>A response could not be sent (§17.2.4).</summary>
    TransportError,
}

/// <summary>
/// A server transaction (RFC 3261 §17.2): absorbs request retransmissions by resending its last response and sends
/// the TU's responses along the request's flow. Every response it builds carries the same To tag.
/// </summary>
public abstract class ServerTransaction : SipTransaction
{
    private string? _localTag;

    private protected ServerTransaction(TransactionContext context, SipRequest request, SipFlow flow)
        : base(context, request, SipDestination.ForResponse(request, flow), flow.IsReliable)
    {
        Flow = flow;
    }

    public SipFlow Flow { get; }

    /// <summary>The To tag of this element's responses (§8.2.6.2), chosen once.</summary>
    public string LocalTag => _localTag ??= Request.To?.Tag ?? SipIds.NewTag();

    /// <summary>
    /// The status of the last response sent, null before any. Only its wire bytes are kept for retransmission: a
    /// transaction outlives its call by up to 64*T1, and under load what it keeps is what the GC copies.
    /// </summary>
    public int? LastStatusCode { get; private set; }

    /// <summary>True once a final response has been handed to this transaction.</summary>
    public bool HasFinalResponse => LastStatusCode >= 200;

    private protected byte[]? LastBytes { get; private set; }

    /// <summary>A response to the request (§8.2.6): dialog headers copied, this transaction's To tag (none on 100).</summary>
    public SipResponse CreateResponse(int statusCode, string? reasonPhrase = null, IEnumerable<SipHeader>? extra = null, ReadOnlyMemory<byte> body = default) =>
        SipResponseFactory.Create(Request, statusCode, reasonPhrase, LocalTag, extra, body);

    /// <summary>Sends a response from the TU (§17.2.1/§17.2.2); ignored once a final response went out (except 2xx retransmissions of INVITE).</summary>
    public void Respond(SipResponse response) => Run(() => OnTuResponse(response));

    public void Respond(int statusCode, string? reasonPhrase = null, IEnumerable<SipHeader>? extra = null) =>
        Respond(CreateResponse(statusCode, reasonPhrase, extra));

    internal void ReceiveRetransmission() => Run(OnRetransmission);

    private protected abstract void OnTuResponse(SipResponse response);

    private protected abstract void OnRetransmission();

    private protected void SendResponse(SipResponse response)
    {
        LastStatusCode = response.StatusCode;
        LastBytes = SipMessageWriter.ToBytes(response, Context.Wire.Gateway);
        Send(LastBytes);
    }

    private protected void Resend()
    {
        if (LastBytes is not null)
        {
            Send(LastBytes);
        }
    }

    private protected void Fail(SipTransactionFailure failure)
    {
        Later(() => Context.Layer.User?.OnFailed(this, failure));
        Terminate();
    }

    private protected override void OnTransportError() => Fail(SipTransactionFailure.TransportError);
}

/// <summary>
/// The non-INVITE server transaction (RFC 3261 §17.2.2, figure 8). Over UDP its Completed state is handed to the
/// layer as the response bytes (<see cref="CompletedResponses"/>), and this object reports Terminated.
/// </summary>
public sealed class ServerNonInviteTransaction : ServerTransaction
{
    internal ServerNonInviteTransaction(TransactionContext context, SipRequest request, SipFlow flow)
        : base(context, request, flow) => State = SipTransactionState.Trying;

    private protected override void OnTuResponse(SipResponse response)
    {
        if (State is not (SipTransactionState.Trying or SipTransactionState.Proceeding))
        {
            return;
        }

        SendResponse(response);
        if (response.IsProvisional)
        {
            State = SipTransactionState.Proceeding;
            return;
        }

        State = SipTransactionState.Completed;
        if (IsReliable)
        {
            Terminate(); // Timer J = 0
            return;
        }

        State = SipTransactionState.Terminated;
        Context.Layer.KeepCompleted(this, LastBytes!, Destination);
    }

    /// <summary>Trying absorbs; Proceeding resends the last provisional (Completed is answered by the layer).</summary>
    private protected override void OnRetransmission()
    {
        if (State == SipTransactionState.Proceeding)
        {
            Resend();
        }
    }

    private protected override void OnTimer(TimerSlot slot)
    {
        // No timers: Timer J runs in the layer's CompletedResponses.
    }
}
