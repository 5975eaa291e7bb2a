using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Server;

/// <summary>The answer the front gives itself instead of passing the request on.</summary>
public sealed record ScreeningVerdict(int StatusCode, string ReasonPhrase, IReadOnlyList<SipHeader> Extra);

/// <summary>
/// UAS checks that need no state (RFC 3261 §8.2.1-§8.2.2, §16.3 for hop counts, RFC 4475 expectations), applied to
/// a request that parsed. Null means: hand it on. ACK is never answered (§17.2.3), so it is never screened out.
/// </summary>
public static class RequestScreening
{
    public static ScreeningVerdict? Screen(SipRequest request, SipServerOptions options)
    {
        if (request.Method == SipMethods.Ack)
        {
            return null;
        }

        if (!options.UriSchemes.Contains(request.RequestUri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            return Verdict(SipStatus.UnsupportedUriScheme, null);
        }

        // §19.1.1 (table): headers are not allowed in a Request-URI (RFC 4475 §3.1.2.11).
        if (request.RequestUri is SipUri { Headers.Count: > 0 })
        {
            return Verdict(SipStatus.BadRequest, "Request-URI with headers");
        }

        // A branch that is only the magic cookie cannot identify a transaction (RFC 4475 §3.2.1).
        if (request.TopVia?.Branch == SipVia.MagicCookie)
        {
            return Verdict(SipStatus.BadRequest, "bad Via branch");
        }

        if (request.Method != SipMethods.Cancel)
        {
            var unsupported = request.Require.Where(tag => !options.Supported.Contains(tag, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unsupported.Count > 0)
            {
                return Verdict(SipStatus.BadExtension, null, SipHeader.Create(HeaderNames.Unsupported, string.Join(", ", unsupported)));
            }
        }

        if (request.MaxForwards == 0 && request.Method != SipMethods.Options)
        {
            return Verdict(SipStatus.TooManyHops, null);
        }

        if (!options.Allow.Contains(request.Method, StringComparer.Ordinal))
        {
            return Verdict(SipStatus.NotImplemented, null, AllowHeader(options));
        }

        return null;
    }

    /// <summary>200 to OPTIONS with what we can do (§11.2).</summary>
    public static ScreeningVerdict OptionsAnswer(SipServerOptions options) =>
        new(SipStatus.Ok, SipStatus.DefaultReason(SipStatus.Ok),
        [
            AllowHeader(options),
            SipHeader.Create("Accept", string.Join(", ", options.Accept)),
            SipHeader.Create(HeaderNames.Supported, string.Join(", ", options.Supported)),
            SipHeader.Create(HeaderNames.Server, options.ServerName),
        ]);

    private static SipHeader AllowHeader(SipServerOptions options) => SipHeader.Create(HeaderNames.Allow, string.Join(", ", options.Allow));

    private static ScreeningVerdict Verdict(int status, string? detail, params SipHeader[] extra) =>
        new(status, detail is null ? SipStatus.DefaultReason(status) : $"{SipStatus.DefaultReason(status)} - {detail}", extra);
}
