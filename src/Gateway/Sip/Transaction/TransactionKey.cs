using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Transaction;

/// <summary>What identifies a transaction (RFC 3261 §17.1.3 for clients, §17.2.3 for servers).</summary>
internal readonly record struct TransactionKey(string Branch, string SentBy, string Method)
{
    /// <summary>
    /// A server transaction's key (§17.2.3): branch, sent-by and method, ACK mapping to INVITE. A request whose branch
    /// lacks the magic cookie came from an RFC 2543 element: it is keyed on Request-URI, From tag, Call-ID, CSeq number
    /// and the whole top Via instead (the To tag is left out so that the ACK to a non-2xx matches its INVITE).
    /// </summary>
    public static TransactionKey? ForServer(SipRequest request, string? method = null)
    {
        if (request.TopVia is not { } via)
        {
            return null;
        }

        method ??= request.Method == SipMethods.Ack ? SipMethods.Invite : request.Method;
        if (via.Branch is { } branch && branch.StartsWith(SipVia.MagicCookie, StringComparison.Ordinal))
        {
            return new TransactionKey(branch, SentByOf(via), method);
        }

        var legacy = $"2543|{request.RequestUri}|{request.From?.Tag}|{request.CallId}|{request.CSeq?.Number}";
        return new TransactionKey(legacy, via.ToString(), method);
    }

    /// <summary>A client transaction's key (§17.1.3): the top Via branch and the CSeq method of the response.</summary>
    public static TransactionKey? ForClient(SipMessage message) =>
        message.TopVia?.Branch is { } branch && message.CSeq is { } cseq ? new TransactionKey(branch, string.Empty, cseq.Method) : null;

    private static string SentByOf(SipVia via) => via.Port is { } port ? $"{via.Host}:{port}" : via.Host;
}
