using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Sip.Transaction;

/// <summary>The transaction user (RFC 3261 §17): the dialog / user agent core above the transaction layer.</summary>
public interface ISipTransactionUser
{
    /// <summary>A new request (never ACK or CANCEL): answer it through the transaction.</summary>
    void OnRequest(ServerTransaction transaction);

    /// <summary>An ACK that matched no transaction: the ACK to a 2xx, which belongs to the dialog (§17.2.3, §13.3.1.4).</summary>
    void OnAck(SipRequest ack, SipFlow flow);

    /// <summary>A CANCEL matched this INVITE before its final response: the layer answered 200 and 487 (§9.2).</summary>
    void OnCancelled(ServerTransaction invite, SipRequest cancel);

    /// <summary>A server transaction ended badly (no ACK, transport error).</summary>
    void OnFailed(ServerTransaction transaction, SipTransactionFailure failure);
}
