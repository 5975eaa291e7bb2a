using System.Collections.Concurrent;
using System.Globalization;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Server;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Sip.Transaction;

/// <summary>How the transaction layer behaves. Defaults are RFC 3261's.</summary>
public sealed record SipTransactionOptions
{
    public SipTimers Timers { get; init; } = SipTimers.Default;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Send 100 Trying to every INVITE at once instead of after <see cref="SipTimers.TryingDelay"/> of TU silence (§17.2.1).</summary>
    public bool TryingAtOnce { get; init; }
}

/// <summary>
/// The transaction layer (RFC 3261 §17): matches requests and responses to transactions (§17.1.3, §17.2.3), creates
/// server transactions for new requests and hands them to the TU, answers CANCEL (§9.2) and merged requests
/// (§8.2.2.2), and gives the TU client transactions. It plugs into <see cref="SipServerFront"/> as both handlers.
/// </summary>
public sealed class SipTransactionLayer : ISipRequestHandler, ISipResponseHandler
{
    private readonly ConcurrentDictionary<TransactionKey, ServerTransaction> _servers = new();
    private readonly ConcurrentDictionary<TransactionKey, ClientTransaction> _clients = new();
    private readonly ConcurrentDictionary<string, TransactionKey> _merge = new();
    private readonly TransactionContext _context;
    private readonly CompletedResponses _completed;
    private readonly CompletedResponses _acknowledged;
    private readonly ISipWire _wire;
    private readonly bool _tryingAtOnce;

    public SipTransactionLayer(ISipWire wire, SipTransactionOptions? options = null)
    {
        options ??= new SipTransactionOptions();
        _wire = wire;
        _tryingAtOnce = options.TryingAtOnce;
        _context = new TransactionContext(this, wire, options.Timers, options.Time);
        _completed = new CompletedResponses(wire, options.Time, options.Timers.J(reliable: false), options.Timers.T1 / 5);
        _acknowledged = new CompletedResponses(wire, options.Time, options.Timers.I(reliable: false), options.Timers.T1 / 5);
    }

    /// <summary>The TU; set once by the user agent that sits on this layer.</summary>
    public ISipTransactionUser? User { get; set; }

    public SipTimers Timers => _context.Timers;

    public TimeProvider Time => _context.Time;

    public ISipWire Wire => _wire;

    /// <summary>Live server transactions, counting those whose Completed state is kept as bytes (<see cref="CompletedResponses"/>).</summary>
    public int ServerTransactionCount => _servers.Count + _completed.Count + _acknowledged.Count;

    public int ClientTransactionCount => _clients.Count;

    ValueTask ISipRequestHandler.HandleAsync(SipServerRequest request, CancellationToken cancellationToken)
    {
        ReceiveRequest(request.Request, request.Flow);
        return ValueTask.CompletedTask;
    }

    ValueTask ISipResponseHandler.HandleAsync(SipResponse response, SipFlow flow, CancellationToken cancellationToken)
    {
        ReceiveResponse(response, flow);
        return ValueTask.CompletedTask;
    }

    /// <summary>A request from the transport (already screened by the front).</summary>
    public void ReceiveRequest(SipRequest request, SipFlow flow)
    {
        if (TransactionKey.ForServer(request) is not { } key)
        {
            return;
        }

        switch (request.Method)
        {
            case SipMethods.Ack:
                ReceiveAck(request, flow, key);
                break;
            case SipMethods.Cancel:
                ReceiveCancel(request, flow, key);
                break;
            default:
                ReceiveNew(request, flow, key);
                break;
        }
    }

    /// <summary>A response from the transport: to its client transaction, or dropped when none matches (§17.1.3, §18.1.2).</summary>
    public void ReceiveResponse(SipResponse response, SipFlow flow)
    {
        if (TransactionKey.ForClient(response) is { } key && _clients.TryGetValue(key, out var transaction))
        {
            transaction.Receive(response);
        }
    }

    /// <summary>
    /// Starts a client transaction (§17.1): a top Via naming our address on the target's transport with a new branch
    /// (§8.1.1.7, with rport per RFC 3581) is added unless the request already carries one (CANCEL, §9.1).
    /// </summary>
    public ClientTransaction Send(SipRequest request, SipTarget target, Action<ClientTransaction, SipResponse>? onResponse = null)
    {
        if (request.TopVia is null)
        {
            request = WithVia(request, target, SipIds.NewBranch());
        }

        var reliable = _wire.IsReliable(target.Transport);
        ClientTransaction transaction = request.Method == SipMethods.Invite
            ? new ClientInviteTransaction(_context, request, target, reliable, onResponse) { Key = TransactionKey.ForClient(request)!.Value }
            : new ClientNonInviteTransaction(_context, request, target, reliable, onResponse) { Key = TransactionKey.ForClient(request)!.Value };
        _clients[transaction.Key] = transaction;
        transaction.Start();
        return transaction;
    }

    /// <summary>Sends a request outside any transaction: the ACK to a 2xx (§13.2.2.4, §17.1.1.3), with a Via of its own.</summary>
    public ValueTask<bool> SendStateless(SipRequest request, SipTarget target)
    {
        if (request.TopVia is null)
        {
            request = WithVia(request, target, SipIds.NewBranch());
        }

        return _wire.SendAsync(SipMessageWriter.ToBytes(request, _wire.Gateway), new SipDestination(target.Transport, target.EndPoint));
    }

    /// <summary>Answers a request without a transaction (e.g. a stray CANCEL or a request the TU refuses at once).</summary>
    public ValueTask<bool> RespondStateless(SipRequest request, SipFlow flow, SipResponse response) =>
        _wire.SendAsync(SipMessageWriter.ToBytes(response, _wire.Gateway), SipDestination.ForResponse(request, flow));

    /// <summary>Our Via for a request to <paramref name="target"/>; exposed so the UA can pre-build requests.</summary>
    public SipRequest WithVia(SipRequest request, SipTarget target, string branch)
    {
        var local = _wire.LocalEndPoint(target.Transport);
        var transport = target.Transport == SipTransportKind.Tcp ? "TCP" : "UDP";
        var via = SipVia.Create(transport, local?.Address.ToString() ?? "127.0.0.1", local?.Port, branch).WithParameter("rport", null);
        return request.WithHeaders(new SipHeaderList([SipHeader.Create(HeaderNames.Via, via.ToString()), .. request.Headers]));
    }

    internal void Remove(SipTransaction transaction)
    {
        switch (transaction)
        {
            case ServerTransaction server:
                _servers.TryRemove(new KeyValuePair<TransactionKey, ServerTransaction>(server.Key, server));
                if (MergeKey(server.Request) is { } merge)
                {
                    _merge.TryRemove(new KeyValuePair<string, TransactionKey>(merge, server.Key));
                }

                break;
            case ClientTransaction client:
                _clients.TryRemove(new KeyValuePair<TransactionKey, ClientTransaction>(client.Key, client));
                break;
        }
    }

    /// <summary>A non-INVITE server transaction over UDP reached Completed: from now on it is only its response (§17.2.2).</summary>
    internal void KeepCompleted(ServerTransaction transaction, byte[] response, SipDestination destination)
    {
        _completed.Add(transaction.Key, response, destination);
        Remove(transaction);
    }

    /// <summary>An INVITE over UDP whose 2xx was ACKed: for T4 more its copies are swallowed (RFC 6026 §7.1), nothing else is kept.</summary>
    internal void KeepAcknowledged(ServerTransaction transaction)
    {
        _acknowledged.Add(transaction.Key, null, default);
        Remove(transaction);
    }

    private void ReceiveNew(SipRequest request, SipFlow flow, TransactionKey key)
    {
        if (_servers.TryGetValue(key, out var existing))
        {
            existing.ReceiveRetransmission();
            return;
        }

        if (_completed.TryResend(key) || _acknowledged.TryResend(key))
        {
            return;
        }

        ServerTransaction transaction = request.Method == SipMethods.Invite
            ? new ServerInviteTransaction(_context, request, flow) { Key = key }
            : new ServerNonInviteTransaction(_context, request, flow) { Key = key };
        if (!_servers.TryAdd(key, transaction))
        {
            return; // a twin won the race: it is the same request
        }

        if (IsMerged(request, key))
        {
            transaction.Respond(482, "Loop Detected");
            return;
        }

        User?.OnRequest(transaction);
        if (transaction is ServerInviteTransaction invite)
        {
            invite.ArmTrying(_tryingAtOnce);
        }
        else if (User is null)
        {
            transaction.Respond(SipStatus.NotImplemented);
        }
    }

    private void ReceiveAck(SipRequest ack, SipFlow flow, TransactionKey key)
    {
        if (_servers.TryGetValue(key, out var transaction) && transaction is ServerInviteTransaction invite)
        {
            invite.ReceiveAck(ack);
            return;
        }

        User?.OnAck(ack, flow);
    }

    /// <summary>CANCEL (§9.2): its own non-INVITE transaction; 481 with no INVITE to match, else 200 and 487 to the INVITE.</summary>
    private void ReceiveCancel(SipRequest cancel, SipFlow flow, TransactionKey key)
    {
        if (_servers.TryGetValue(key, out var existing))
        {
            existing.ReceiveRetransmission();
            return;
        }

        if (_completed.TryResend(key))
        {
            return;
        }

        var transaction = new ServerNonInviteTransaction(_context, cancel, flow) { Key = key };
        if (!_servers.TryAdd(key, transaction))
        {
            return;
        }

        if (TransactionKey.ForServer(cancel, SipMethods.Invite) is not { } inviteKey
            || !_servers.TryGetValue(inviteKey, out var found) || found is not ServerInviteTransaction invite)
        {
            transaction.Respond(481);
            return;
        }

        // The 200 to CANCEL carries the INVITE's To tag (§9.2).
        transaction.Respond(SipResponseFactory.Create(cancel, SipStatus.Ok, toTag: invite.LocalTag));
        if (invite.TryCancel())
        {
            User?.OnCancelled(invite, cancel);
        }
    }

    /// <summary>
    /// §8.2.2.2 merged requests: a request without a To tag whose From tag, Call-ID and CSeq match a live transaction
    /// with another key arrived twice by different paths (forking): it is answered 482.
    /// </summary>
    private bool IsMerged(SipRequest request, TransactionKey key)
    {
        if (MergeKey(request) is not { } merge)
        {
            return false;
        }

        var owner = _merge.GetOrAdd(merge, key);
        return owner != key && _servers.ContainsKey(owner);
    }

    private static string? MergeKey(SipRequest request) =>
        request.To is { Tag: null } && request.From?.Tag is { } fromTag && request.CSeq is { } cseq
            ? string.Create(CultureInfo.InvariantCulture, $"{request.CallId}|{fromTag}|{cseq.Number}|{cseq.Method}")
            : null;
}
