using System.Net;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transaction;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Tests.Sip.Transaction;

/// <summary>A wire and channel that records what the layer sends, with the virtual time of each send.</summary>
public sealed class RecordingWire(TimeProvider time, bool reliable = false) : ISipWire, ISipChannel
{
    public static readonly IPEndPoint Local = new(IPAddress.Loopback, 5060);
    public static readonly IPEndPoint Peer = new(IPAddress.Parse("127.0.0.2"), 5070);

    private readonly List<(SipMessage Message, SipDestination To, DateTimeOffset At)> _sent = [];

    public bool Fail { get; set; }

    public IReadOnlyList<(SipMessage Message, SipDestination To, DateTimeOffset At)> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public IReadOnlyList<SipRequest> Requests => [.. Sent.Select(s => s.Message).OfType<SipRequest>()];

    public IReadOnlyList<SipResponse> Responses => [.. Sent.Select(s => s.Message).OfType<SipResponse>()];

    public SipFlow Flow => new(this, Peer);

    public SipTransportKind Kind => reliable ? SipTransportKind.Tcp : SipTransportKind.Udp;

    public bool IsReliable => reliable;

    public IPEndPoint LocalEndPoint => Local;

    bool ISipWire.IsReliable(SipTransportKind kind) => reliable;

    IPEndPoint? ISipWire.LocalEndPoint(SipTransportKind kind) => Local;

    public ValueTask<bool> SendAsync(ReadOnlyMemory<byte> bytes, SipDestination destination)
    {
        lock (_sent)
        {
            _sent.Add((SipParser.Parse(bytes.ToArray()).Message!, destination, time.GetUtcNow()));
        }

        return ValueTask.FromResult(!Fail);
    }

    public void Start(SipInboundHandler onInbound)
    {
    }

    public ValueTask<bool> SendAsync(IPEndPoint remote, ReadOnlyMemory<byte> data, long connectionId = 0, CancellationToken cancellationToken = default) =>
        SendAsync(data, new SipDestination(Kind, remote, connectionId, this));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>A TU that records what the layer hands it and answers new requests with <see cref="Answer"/>.</summary>
public sealed class RecordingUser : ISipTransactionUser
{
    public List<ServerTransaction> Requests { get; } = [];

    public List<SipRequest> Acks { get; } = [];

    public List<ServerTransaction> Cancelled { get; } = [];

    public List<(ServerTransaction Transaction, SipTransactionFailure Failure)> Failures { get; } = [];

    public Action<ServerTransaction>? Answer { get; set; }

    public void OnRequest(ServerTransaction transaction)
    {
        Requests.Add(transaction);
        Answer?.Invoke(transaction);
    }

    public void OnAck(SipRequest ack, SipFlow flow) => Acks.Add(ack);

    public void OnCancelled(ServerTransaction invite, SipRequest cancel) => Cancelled.Add(invite);

    public void OnFailed(ServerTransaction transaction, SipTransactionFailure failure) => Failures.Add((transaction, failure));
}

/// <summary>Requests and responses as a peer would send them.</summary>
public static class Messages
{
    public static SipRequest Request(string method, string branch = "z9hG4bKpeer1", string cseq = "1", string toTag = "", string callId = "call-1", string fromTag = "peer", string body = "") =>
        Parse<SipRequest>(
            $"{method} sip:gateway@127.0.0.1 SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 127.0.0.2:5070;branch={branch}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:alice@127.0.0.2>;tag={fromTag}\r\n" +
            $"To: <sip:gateway@127.0.0.1>{(toTag.Length > 0 ? ";tag=" + toTag : string.Empty)}\r\n" +
            $"Call-ID: {callId}\r\n" +
            $"CSeq: {cseq} {(method == "ACK" || method == "CANCEL" ? method : method)}\r\n" +
            "Contact: <sip:alice@127.0.0.2:5070>\r\n" +
            (body.Length > 0 ? "Content-Type: application/sdp\r\n" : string.Empty) +
            $"Content-Length: {body.Length}\r\n\r\n{body}");

    /// <summary>A response to a request we sent (same Via, From, Call-ID, CSeq), from the peer.</summary>
    public static SipResponse ResponseTo(SipRequest request, int status, string toTag = "callee")
    {
        var response = SipResponseFactory.Create(request, status, toTag: toTag, extra: status is > 100 and < 300 ? [SipHeader.Create(HeaderNames.Contact, "<sip:bob@127.0.0.2:5070>")] : null);
        return Parse<SipResponse>(System.Text.Encoding.UTF8.GetString(SipMessageWriter.ToBytes(response)));
    }

    public static T Parse<T>(string text) where T : SipMessage =>
        Assert.IsType<T>(SipParser.Parse(System.Text.Encoding.UTF8.GetBytes(text)).Message);
}
