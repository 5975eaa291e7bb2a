using System.Globalization;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Sip.Dialog;

/// <summary>A dialog's identity (RFC 3261 §12): Call-ID, local tag, remote tag.</summary>
public readonly record struct SipDialogId(string CallId, string LocalTag, string RemoteTag)
{
    /// <summary>The dialog a received request belongs to, from the UAS side of it (§12.2.2): local tag = To tag.</summary>
    public static SipDialogId? OfRequest(SipRequest request) =>
        request.CallId is { } callId && request.To?.Tag is { } to && request.From is { } from ? new SipDialogId(callId, to, from.Tag ?? "") : null;

    /// <summary>The dialog a received response belongs to, from the UAC side (§12.1.2): local tag = From tag.</summary>
    public static SipDialogId? OfResponse(SipResponse response) =>
        response.CallId is { } callId && response.From?.Tag is { } from && response.To?.Tag is { } to ? new SipDialogId(callId, from, to) : null;

    public override string ToString() => $"{CallId};local={LocalTag};remote={RemoteTag}";
}

public enum SipDialogState
{
    Early,
    Confirmed,
    Terminated,
}

/// <summary>
/// The state of one dialog (RFC 3261 §12.1): identity, sequence numbers, local and remote URIs, remote target and
/// route set, and what it takes to build requests within it (§12.2.1.1) and check received ones (§12.2.2).
/// Thread-safe: the sequence numbers are guarded by a lock.
/// </summary>
public sealed class SipDialog
{
    private readonly object _gate = new();
    private uint _localSeq;
    private uint? _remoteSeq;

    private SipDialog(SipDialogId id, bool isUac, NameAddress localUri, NameAddress remoteUri, UriReference remoteTarget, IReadOnlyList<NameAddress> routeSet, uint localSeq, uint? remoteSeq, bool early)
    {
        Id = id;
        IsUac = isUac;
        LocalUri = localUri;
        RemoteUri = remoteUri;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        _localSeq = localSeq;
        _remoteSeq = remoteSeq;
        State = early ? SipDialogState.Early : SipDialogState.Confirmed;
    }

    public SipDialogId Id { get; }

    /// <summary>True when we sent the request that created the dialog.</summary>
    public bool IsUac { get; }

    public SipDialogState State { get; private set; }

    /// <summary>Our From in requests we send (with our tag).</summary>
    public NameAddress LocalUri { get; }

    /// <summary>Our To in requests we send (with the peer's tag).</summary>
    public NameAddress RemoteUri { get; }

    /// <summary>The peer's Contact (§12.1.1/§12.1.2), replaced by target refreshes (§12.2).</summary>
    public UriReference RemoteTarget { get; private set; }

    /// <summary>Record-Route as the UAS got it, reversed for the UAC (§12.1.1, §12.1.2).</summary>
    public IReadOnlyList<NameAddress> RouteSet { get; }

    public uint LocalSeq
    {
        get
        {
            lock (_gate)
            {
                return _localSeq;
            }
        }
    }

    public uint? RemoteSeq
    {
        get
        {
            lock (_gate)
            {
                return _remoteSeq;
            }
        }
    }

    /// <summary>
    /// The UAS side of a dialog (§12.1.1), made when we send a 101-199 or 2xx with <paramref name="localTag"/> to
    /// <paramref name="request"/>: route set = Record-Route in order, remote target = the request's Contact, remote
    /// sequence = the request's CSeq, local sequence starts empty (we pick a random start when we first send).
    /// </summary>
    public static SipDialog? CreateUas(SipRequest request, string localTag, bool early)
    {
        if (request.CallId is not { } callId || request.From is not { } from || request.To is not { } to)
        {
            return null;
        }

        // §12.1.1: an RFC 2543 peer may send no From tag (the remote tag is then null) and no Contact
        // (§8.1.1.8 wants one; for backward compatibility the remote target falls back to the From URI).
        var target = request.Contact?.Addresses is [var contact, ..] ? contact.Uri : from.Uri;
        return new SipDialog(new SipDialogId(callId, localTag, from.Tag ?? ""), false, to.WithTag(localTag), from, target,
            request.RecordRoutes, InitialSequence(), request.CSeq?.Number, early);
    }

    /// <summary>
    /// The UAC side of a dialog (§12.1.2), from a 1xx (early) or 2xx with a To tag: route set = Record-Route of the
    /// response reversed, remote target = its Contact, local sequence = the request's CSeq, remote sequence empty.
    /// </summary>
    public static SipDialog? CreateUac(SipRequest request, SipResponse response)
    {
        if (SipDialogId.OfResponse(response) is not { } id || request.From is not { } from || response.To is not { } to
            || response.Contact?.Addresses is not [var contact, ..])
        {
            return null;
        }

        var routes = response.RecordRoutes.Reverse().ToList();
        return new SipDialog(id, true, from, to, contact.Uri, routes, request.CSeq?.Number ?? 1, null, response.IsProvisional);
    }

    /// <summary>A 2xx arrived or was sent: the early dialog is confirmed (§12.1).</summary>
    public void Confirm()
    {
        lock (_gate)
        {
            if (State == SipDialogState.Early)
            {
                State = SipDialogState.Confirmed;
            }
        }
    }

    public void Terminate()
    {
        lock (_gate)
        {
            State = SipDialogState.Terminated;
        }
    }

    /// <summary>A target refresh (re-INVITE, UPDATE, or their 2xx) replaces the remote target with its Contact (§12.2.1.2, §12.2.2).</summary>
    public void RefreshTarget(SipMessage message)
    {
        if (message.Contact?.Addresses is [var contact, ..])
        {
            lock (_gate)
            {
                RemoteTarget = contact.Uri;
            }
        }
    }

    /// <summary>
    /// Checks a received in-dialog request's CSeq (§12.2.2): lower than the remote sequence is out of order and gets
    /// 500; otherwise the remote sequence moves up. ACK and CANCEL reuse the number of the request they refer to.
    /// Returns the status to answer, or null to go on.
    /// </summary>
    public int? AcceptRemoteSequence(SipRequest request)
    {
        if (request.CSeq is not { } cseq)
        {
            return SipStatus.BadRequest;
        }

        if (request.Method is SipMethods.Ack or SipMethods.Cancel)
        {
            return null;
        }

        lock (_gate)
        {
            if (_remoteSeq is { } remote && cseq.Number <= remote)
            {
                return cseq.Number < remote ? SipStatus.ServerInternalError : null;
            }

            _remoteSeq = cseq.Number;
            return null;
        }
    }

    /// <summary>
    /// A request within the dialog (§12.2.1.1): To = remote URI with tag, From = local URI with tag, Call-ID, the next
    /// local CSeq (ACK and CANCEL reuse <paramref name="cseq"/>), and Request-URI and Route from the route set: loose
    /// routing sends to the remote target with the route set as Route; a strict first hop becomes the Request-URI.
    /// </summary>
    public SipRequest CreateRequest(string method, NameAddress localContact, IEnumerable<SipHeader>? extra = null, ReadOnlyMemory<byte> body = default, string? contentType = null, uint? cseq = null)
    {
        uint number;
        lock (_gate)
        {
            number = cseq ?? ++_localSeq;
        }

        var (requestUri, routes) = RequestTarget();
        var headers = new List<SipHeader>(12)
        {
            SipHeader.Create(HeaderNames.MaxForwards, "70"),
            SipHeader.Create(HeaderNames.From, LocalUri.ToString()),
            SipHeader.Create(HeaderNames.To, RemoteUri.ToString()),
            SipHeader.Create(HeaderNames.CallId, Id.CallId),
            SipHeader.Create(HeaderNames.CSeq, string.Create(CultureInfo.InvariantCulture, $"{number} {method}")),
        };
        foreach (var route in routes)
        {
            headers.Add(SipHeader.Create(HeaderNames.Route, route.ToString()));
        }

        if (method is SipMethods.Invite or SipMethods.Update or SipMethods.Subscribe or SipMethods.Notify or SipMethods.Refer)
        {
            headers.Add(SipHeader.Create(HeaderNames.Contact, localContact.ToString()));
        }

        if (extra is not null)
        {
            headers.AddRange(extra);
        }

        if (!body.IsEmpty)
        {
            headers.Add(SipHeader.Create(HeaderNames.ContentType, contentType ?? "application/sdp"));
        }

        return new SipRequest(method, requestUri, new SipHeaderList(headers), body);
    }

    /// <summary>Where in-dialog requests go first: the first Route if any, else the remote target (§12.2.1.1, §8.1.2).</summary>
    public UriReference NextHop
    {
        get
        {
            lock (_gate)
            {
                return RouteSet.Count > 0 ? RouteSet[0].Uri : RemoteTarget;
            }
        }
    }

    public override string ToString() => $"Dialog {Id} {State} {(IsUac ? "UAC" : "UAS")}";

    private (UriReference RequestUri, IEnumerable<NameAddress> Routes) RequestTarget()
    {
        lock (_gate)
        {
            if (RouteSet.Count == 0 || RouteSet[0].Uri is SipUri { LooseRouting: true } or not SipUri)
            {
                return (RemoteTarget, RouteSet);
            }

            // Strict router first (§12.2.1.1): it becomes the Request-URI; the remote target goes last in Route.
            return (RouteSet[0].Uri, RouteSet.Skip(1).Append(new NameAddress(null, RemoteTarget, SipParameters.Empty)));
        }
    }

    /// <summary>A first local CSeq that leaves room to grow (§8.1.1.5: less than 2^31).</summary>
    private static uint InitialSequence() => (uint)Random.Shared.Next(1, 1 << 16);
}
