using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Transaction;

/// <summary>The requests a transaction builds from another one: the ACK to a failure and the CANCEL of an INVITE.</summary>
internal static class TransactionRequests
{
    /// <summary>
    /// ACK to a non-2xx final response (§17.1.1.3): Request-URI, Call-ID, From, the top Via and Route of the INVITE;
    /// To of the response (with its tag); the INVITE's CSeq number with method ACK.
    /// </summary>
    public static SipRequest AckForFailure(SipRequest invite, SipResponse response) =>
        CopyOf(invite, SipMethods.Ack, response.Headers.IndexOf(HeaderNames.To) is var i and >= 0 ? response.Headers[i] : null);

    /// <summary>CANCEL (§9.1): Request-URI, Call-ID, To, From, CSeq number and the single top Via of the INVITE, and its Route.</summary>
    public static SipRequest Cancel(SipRequest invite) => CopyOf(invite, SipMethods.Cancel, null);

    private static SipRequest CopyOf(SipRequest invite, string method, SipHeader? to)
    {
        var headers = new List<SipHeader>(10);
        var viaDone = false;
        foreach (var h in invite.Headers)
        {
            switch (h.Name)
            {
                case HeaderNames.Via when !viaDone:
                    headers.Add(invite.TopVia is { } top ? SipHeader.Create(HeaderNames.Via, top.ToString()) : h);
                    viaDone = true;
                    break;
                case HeaderNames.To:
                    headers.Add(to ?? h);
                    break;
                case HeaderNames.From or HeaderNames.CallId or HeaderNames.Route or HeaderNames.MaxForwards:
                    headers.Add(h);
                    break;
                case HeaderNames.CSeq:
                    headers.Add(SipHeader.Create(HeaderNames.CSeq, new CSeq(invite.CSeq?.Number ?? 1, method).ToString()));
                    break;
            }
        }

        return new SipRequest(method, invite.RequestUri, new SipHeaderList(headers));
    }
}
