namespace CallCenter.Gateway.Sip.Message;

/// <summary>Builds responses the way a UAS must (RFC 3261 §8.2.6): Via, From, To, Call-ID and CSeq copied, a To tag added.</summary>
public static class SipResponseFactory
{
    /// <summary>A response to <paramref name="request"/>; a final (non-100) response gets a To tag if the request had none.</summary>
    public static SipResponse Create(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null, IEnumerable<SipHeader>? extra = null, ReadOnlyMemory<byte> body = default)
    {
        var headers = CopyDialogHeaders(request.Headers, statusCode, toTag);
        if (extra is not null)
        {
            headers.AddRange(extra);
        }

        return new SipResponse(statusCode, reasonPhrase ?? SipStatus.DefaultReason(statusCode), new SipHeaderList(headers), body);
    }

    /// <summary>The answer to a request that did not parse, from what the parser salvaged (§8.2.6.2); null when nothing can route it.</summary>
    public static SipResponse? FromError(SipParseError error)
    {
        if (error.IsResponse || error.Salvaged.Count == 0)
        {
            return null;
        }

        var headers = CopyDialogHeaders(error.Salvaged, error.StatusCode, null);
        return new SipResponse(error.StatusCode, error.ReasonPhrase, new SipHeaderList(headers));
    }

    private static List<SipHeader> CopyDialogHeaders(IEnumerable<SipHeader> source, int statusCode, string? toTag)
    {
        var headers = new List<SipHeader>(8);
        foreach (var h in source)
        {
            switch (h.Name)
            {
                case HeaderNames.Via or HeaderNames.From or HeaderNames.CallId or HeaderNames.CSeq:
                    headers.Add(h);
                    break;
                case HeaderNames.To:
                    headers.Add(statusCode == SipStatus.Trying ? h : WithTag(h, toTag));
                    break;
            }
        }

        return headers;
    }

    private static SipHeader WithTag(SipHeader to, string? tag)
    {
        if (!NameAddressParser.TryParse(to.Value.Span, out var address) || address!.Tag is not null)
        {
            return to;
        }

        return SipHeader.Create(HeaderNames.To, address.WithTag(tag ?? SipIds.NewTag()).ToString());
    }
}
