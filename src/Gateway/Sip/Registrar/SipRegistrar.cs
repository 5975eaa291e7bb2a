using System.Globalization;
using CallCenter.Gateway.Sip.Auth;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Sip.Registrar;

/// <summary>Registrar limits (RFC 3261 §10.3): defaults 60 s minimum, 3600 s maximum and default, a sweep every second.</summary>
public sealed record SipRegistrarOptions
{
    public int MinExpires { get; init; } = 60;

    public int MaxExpires { get; init; } = 3600;

    public int DefaultExpires { get; init; } = 3600;

    /// <summary>How often expired bindings are looked for (on the injected clock).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// A registrar (RFC 3261 §10.3): authenticates REGISTER with digest (401, then 403 for a wrong response), keeps the
/// bindings of each AOR with their expiry, answers with the current bindings, and reports every binding that
/// appears or goes away. Pure request-to-response: the user agent hands it REGISTER server transactions.
/// </summary>
public sealed class SipRegistrar : IDisposable
{
    private readonly ISipBindingStore _store;
    private readonly DigestAuthenticator? _auth;
    private readonly SipRegistrarOptions _options;
    private readonly TimeProvider _time;
    private readonly ITimer _sweep;

    public SipRegistrar(ISipBindingStore store, DigestAuthenticator? auth, SipRegistrarOptions? options = null, TimeProvider? time = null)
    {
        _store = store;
        _auth = auth;
        _options = options ?? new SipRegistrarOptions();
        _time = time ?? TimeProvider.System;
        _sweep = _time.CreateTimer(_ => ExpireBindings(), null, _options.SweepInterval, _options.SweepInterval);
    }

    /// <summary>Raised after a binding was added, refreshed, removed or expired (the gateway tells the agent's entity).</summary>
    public event Action<SipBindingChange>? BindingChanged;

    /// <summary>The AOR a URI names (§10.3 step 5): scheme, user and host, lower-cased host, no port or parameters.</summary>
    public static string AddressOfRecord(UriReference uri) => uri switch
    {
        SipUri sip => $"{sip.Scheme.ToLowerInvariant()}:{sip.User}@{sip.Host.ToLowerInvariant()}",
        _ => uri.ToString(),
    };

    /// <summary>How many live bindings the registrar holds, every AOR together.</summary>
    public int BindingCount
    {
        get
        {
            var now = _time.GetUtcNow();
            return _store.Aors.Sum(aor => _store.Get(aor).Count(b => b.ExpiresAt > now));
        }
    }

    /// <summary>Live bindings of an AOR.</summary>
    public IReadOnlyList<SipBinding> Lookup(string aor)
    {
        var now = _time.GetUtcNow();
        return [.. _store.Get(aor).Where(b => b.ExpiresAt > now)];
    }

    public async ValueTask<SipResponse> RegisterAsync(SipRequest request, SipFlow? flow = null, CancellationToken cancellationToken = default)
    {
        if (request.To?.Uri is not SipUri toUri || request.CallId is not { } callId || request.CSeq is not { } cseq)
        {
            return Respond(request, SipStatus.BadRequest);
        }

        if (_auth is not null)
        {
            var verdict = await _auth.VerifyAsync(request, cancellationToken: cancellationToken);
            switch (verdict.Outcome)
            {
                case DigestOutcome.Challenge or DigestOutcome.Stale:
                    return Respond(request, 401, extra: _auth.Challenge(stale: verdict.Outcome == DigestOutcome.Stale));
                case DigestOutcome.BadRequest:
                    return Respond(request, SipStatus.BadRequest, $"Bad Request - {verdict.Reason}");
                case DigestOutcome.Forbidden:
                    return Respond(request, 403);
                case DigestOutcome.Authenticated when verdict.Username != toUri.User:
                    return Respond(request, 403, "Forbidden - user may not register this address"); // §10.3 step 4
            }
        }

        var aor = AddressOfRecord(toUri);
        var now = _time.GetUtcNow();
        var contact = request.Contact;
        if (contact is { IsStar: true })
        {
            if (request.Expires != 0 || request.Headers.GetAll(HeaderNames.Contact).Count() != 1)
            {
                return Respond(request, SipStatus.BadRequest, "Bad Request - Contact: * needs Expires: 0 alone");
            }

            foreach (var b in _store.Get(aor))
            {
                Removed(_store.Remove(aor, b.ContactKey), SipBindingChangeKind.Removed);
            }

            return Ok(request, aor, now);
        }

        var changes = new List<(NameAddress Contact, long Expires)>();
        foreach (var address in contact?.Addresses ?? [])
        {
            var expires = address.Expires ?? request.Expires ?? _options.DefaultExpires;
            if (expires != 0 && expires < _options.MinExpires)
            {
                return Respond(request, 423, extra: [SipHeader.Create(HeaderNames.MinExpires, _options.MinExpires.ToString(CultureInfo.InvariantCulture))]);
            }

            changes.Add((address, Math.Min(expires, _options.MaxExpires)));
        }

        // §10.3 step 7: a binding refreshed from the same Call-ID must come with a higher CSeq.
        var existing = _store.Get(aor).ToDictionary(b => b.ContactKey);
        if (changes.Any(c => existing.TryGetValue(c.Contact.Uri.ToString(), out var b) && b.CallId == callId && cseq.Number <= b.CSeq))
        {
            return Respond(request, SipStatus.ServerInternalError, "Server Internal Error - CSeq out of order");
        }

        foreach (var (address, expires) in changes)
        {
            if (expires == 0)
            {
                Removed(_store.Remove(aor, address.Uri.ToString()), SipBindingChangeKind.Removed);
                continue;
            }

            var binding = new SipBinding(aor, address with { Parameters = SipParameters.Empty }, now.AddSeconds(expires), Q(address), callId, cseq.Number, flow);
            var old = _store.Put(binding);
            BindingChanged?.Invoke(new SipBindingChange(old is null || old.ExpiresAt <= now ? SipBindingChangeKind.Added : SipBindingChangeKind.Refreshed, binding));
        }

        return Ok(request, aor, now);
    }

    /// <summary>Removes expired bindings now and reports each (the sweep timer calls this).</summary>
    public void ExpireBindings()
    {
        foreach (var binding in _store.RemoveExpired(_time.GetUtcNow()))
        {
            BindingChanged?.Invoke(new SipBindingChange(SipBindingChangeKind.Expired, binding));
        }
    }

    public void Dispose() => _sweep.Dispose();

    private void Removed(SipBinding? binding, SipBindingChangeKind kind)
    {
        if (binding is not null)
        {
            BindingChanged?.Invoke(new SipBindingChange(kind, binding));
        }
    }

    /// <summary>200 OK listing every current binding with its remaining expiry and q (§10.3 step 8).</summary>
    private SipResponse Ok(SipRequest request, string aor, DateTimeOffset now)
    {
        var contacts = Lookup(aor).Select(b =>
        {
            var parameters = SipParameters.Empty.With("expires", b.SecondsLeft(now).ToString(CultureInfo.InvariantCulture));
            if (b.Q != 1.0)
            {
                parameters = parameters.With("q", b.Q.ToString("0.###", CultureInfo.InvariantCulture));
            }

            return SipHeader.Create(HeaderNames.Contact, (b.Contact with { Parameters = parameters }).ToString());
        });
        return Respond(request, SipStatus.Ok, extra: [.. contacts, SipHeader.Create(HeaderNames.Date, now.ToString("r", CultureInfo.InvariantCulture))]);
    }

    private static double Q(NameAddress contact) =>
        double.TryParse(contact.Parameters["q"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) && q is >= 0 and <= 1 ? q : 1.0;

    private static SipResponse Respond(SipRequest request, int status, string? reason = null, IEnumerable<SipHeader>? extra = null) =>
        SipResponseFactory.Create(request, status, reason, extra: extra);
}
