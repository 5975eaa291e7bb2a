using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transaction;
using CallCenter.Gateway.Sip.Transport;
using CallCenter.Gateway.Tests.Sip.Transport;

namespace CallCenter.Gateway.Tests.Sip.Transaction;

public sealed class ClientTransactionSpecs
{
    private readonly ManualTimeProvider _time = new();
    private readonly DateTimeOffset _start;

    public ClientTransactionSpecs() => _start = _time.GetUtcNow();

    [Fact]
    public void Invite_client_should_retransmit_on_timer_A_doubling_until_timer_B()
    {
        var (layer, wire) = Layer();
        var responses = new List<SipResponse>();
        layer.Send(Outgoing("INVITE"), Target, (_, r) => responses.Add(r));

        _time.Advance(TimeSpan.FromSeconds(40));

        // §17.1.1.2: A = T1, 2T1, 4T1, ... with no cap; B = 64*T1 = 32 s ends it.
        Assert.Equal(new[] { 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 }, SendTimes(wire));
        Assert.Equal(408, Assert.Single(responses).StatusCode);
        Assert.Equal(0, layer.ClientTransactionCount);
    }

    [Fact]
    public async Task Invite_client_should_not_retransmit_over_a_reliable_transport()
    {
        var (layer, wire) = Layer(reliable: true);
        var tx = layer.Send(Outgoing("INVITE"), Target);

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Single(wire.Requests);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(408, (await tx.FinalResponse).StatusCode);
    }

    [Fact]
    public void Invite_client_should_ack_a_failure_itself_with_the_same_branch()
    {
        var (layer, wire) = Layer();
        var responses = new List<SipResponse>();
        var tx = layer.Send(Outgoing("INVITE"), Target, (_, r) => responses.Add(r));
        var busy = Messages.ResponseTo(tx.Request, 486);

        layer.ReceiveResponse(busy, wire.Flow);
        layer.ReceiveResponse(busy, wire.Flow); // retransmitted 486: ACKed again, not passed up

        var acks = wire.Requests.Where(r => r.Method == SipMethods.Ack).ToList();
        Assert.Equal(2, acks.Count);
        Assert.Equal(tx.Branch, acks[0].TopVia!.Branch);
        Assert.Equal("callee", acks[0].To!.Tag);
        Assert.Equal(new CSeq(tx.Request.CSeq!.Value.Number, SipMethods.Ack), acks[0].CSeq);
        Assert.Equal(486, Assert.Single(responses).StatusCode);
        Assert.Equal(SipTransactionState.Completed, tx.State);
    }

    [Fact]
    public void Invite_client_should_wait_timer_D_in_completed_then_terminate()
    {
        var (layer, wire) = Layer();
        var tx = layer.Send(Outgoing("INVITE"), Target);
        layer.ReceiveResponse(Messages.ResponseTo(tx.Request, 486), wire.Flow);

        _time.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Invite_client_should_pass_every_2xx_up_and_never_ack_it()
    {
        var (layer, wire) = Layer();
        var responses = new List<SipResponse>();
        var tx = layer.Send(Outgoing("INVITE"), Target, (_, r) => responses.Add(r));
        var ok = Messages.ResponseTo(tx.Request, 200);

        layer.ReceiveResponse(Messages.ResponseTo(tx.Request, 180), wire.Flow);
        layer.ReceiveResponse(ok, wire.Flow);
        layer.ReceiveResponse(ok, wire.Flow);

        Assert.Equal([180, 200, 200], responses.Select(r => r.StatusCode));
        Assert.DoesNotContain(wire.Requests, r => r.Method == SipMethods.Ack);
        Assert.Equal(SipTransactionState.Accepted, tx.State);
        _time.Advance(TimeSpan.FromSeconds(32)); // Timer M (RFC 6026)
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Invite_client_should_stop_retransmitting_and_timer_B_once_proceeding()
    {
        var (layer, wire) = Layer();
        var tx = layer.Send(Outgoing("INVITE"), Target);
        layer.ReceiveResponse(Messages.ResponseTo(tx.Request, 180), wire.Flow);

        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.Single(wire.Requests);
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
    }

    [Fact]
    public void Invite_client_should_hold_a_cancel_until_a_provisional_response()
    {
        var (layer, wire) = Layer();
        var tx = (ClientInviteTransaction)layer.Send(Outgoing("INVITE"), Target);

        tx.RequestCancel();
        Assert.DoesNotContain(wire.Requests, r => r.Method == SipMethods.Cancel);
        layer.ReceiveResponse(Messages.ResponseTo(tx.Request, 180), wire.Flow);

        var cancel = Assert.Single(wire.Requests, r => r.Method == SipMethods.Cancel);
        Assert.Equal(tx.Branch, cancel.TopVia!.Branch); // §9.1: same branch, own transaction
        Assert.Equal(new CSeq(tx.Request.CSeq!.Value.Number, SipMethods.Cancel), cancel.CSeq);
        Assert.Null(cancel.To!.Tag);
    }

    [Fact]
    public async Task Non_invite_client_should_retransmit_on_timer_E_capped_at_T2_until_timer_F()
    {
        var (layer, wire) = Layer();
        var tx = layer.Send(Outgoing("OPTIONS"), Target);

        _time.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal(new[] { 0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5 }, SendTimes(wire));
        Assert.Equal(408, (await tx.FinalResponse).StatusCode);
    }

    [Fact]
    public void Non_invite_client_should_retransmit_every_T2_once_proceeding()
    {
        var (layer, wire) = Layer();
        var tx = layer.Send(Outgoing("OPTIONS"), Target);
        _time.Advance(TimeSpan.FromSeconds(0.6)); // one retransmission (at 0.5)
        layer.ReceiveResponse(Messages.ResponseTo(tx.Request, 180), wire.Flow);

        _time.Advance(TimeSpan.FromSeconds(10));

        // The pending E (1 s after 0.5) fires at 1.5, then every T2: 5.5, 9.5.
        Assert.Equal(new[] { 0, 0.5, 1.5, 5.5, 9.5 }, SendTimes(wire));
    }

    [Fact]
    public void Non_invite_client_should_absorb_retransmitted_finals_until_timer_K()
    {
        var (layer, wire) = Layer();
        var responses = new List<SipResponse>();
        var tx = layer.Send(Outgoing("OPTIONS"), Target, (_, r) => responses.Add(r));
        var ok = Messages.ResponseTo(tx.Request, 200);

        layer.ReceiveResponse(ok, wire.Flow);
        layer.ReceiveResponse(ok, wire.Flow);
        Assert.Single(responses);
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        _time.Advance(TimeSpan.FromSeconds(0.1)); // Timer K = T4
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Non_invite_client_should_terminate_at_once_over_a_reliable_transport()
    {
        var (layer, wire) = Layer(reliable: true);
        var tx = layer.Send(Outgoing("OPTIONS"), Target);

        layer.ReceiveResponse(Messages.ResponseTo(tx.Request, 200), wire.Flow);

        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, layer.ClientTransactionCount);
    }

    [Fact]
    public async Task Client_should_report_a_transport_error_as_503()
    {
        var (layer, wire) = Layer();
        wire.Fail = true;

        var tx = layer.Send(Outgoing("OPTIONS"), Target);

        Assert.Equal(503, (await tx.FinalResponse).StatusCode);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Client_should_add_a_via_with_a_magic_cookie_branch_and_rport()
    {
        var (layer, wire) = Layer();

        layer.Send(Outgoing("OPTIONS"), Target);

        var via = Assert.Single(wire.Requests).TopVia!;
        Assert.StartsWith(SipVia.MagicCookie, via.Branch);
        Assert.True(via.HasRport);
        Assert.Equal("127.0.0.1", via.Host);
    }

    private static SipTarget Target => new(RecordingWire.Peer, SipTransportKind.Udp);

    private static SipRequest Outgoing(string method) =>
        new(method, SipUri.Create("127.0.0.2", 5070, "bob"), new SipHeaderList(
        [
            SipHeader.Create(HeaderNames.MaxForwards, "70"),
            SipHeader.Create(HeaderNames.From, "<sip:gateway@127.0.0.1>;tag=gw"),
            SipHeader.Create(HeaderNames.To, "<sip:bob@127.0.0.2>"),
            SipHeader.Create(HeaderNames.CallId, "out-1"),
            SipHeader.Create(HeaderNames.CSeq, $"7 {method}"),
            SipHeader.Create(HeaderNames.Contact, "<sip:gateway@127.0.0.1:5060>"),
        ]));

    private (SipTransactionLayer Layer, RecordingWire Wire) Layer(bool reliable = false)
    {
        var wire = new RecordingWire(_time, reliable);
        var layer = new SipTransactionLayer(wire, new SipTransactionOptions { Time = _time }) { User = new RecordingUser() };
        return (layer, wire);
    }

    private double[] SendTimes(RecordingWire wire) => [.. wire.Sent.Select(s => (s.At - _start).TotalSeconds)];
}
