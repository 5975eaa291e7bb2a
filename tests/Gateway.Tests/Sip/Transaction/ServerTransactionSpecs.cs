using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transaction;
using CallCenter.Gateway.Tests.Sip.Transport;

namespace CallCenter.Gateway.Tests.Sip.Transaction;

public sealed class ServerTransactionSpecs
{
    private readonly ManualTimeProvider _time = new();
    private readonly DateTimeOffset _start;

    public ServerTransactionSpecs() => _start = _time.GetUtcNow();

    [Fact]
    public void Invite_server_should_send_100_trying_after_200ms_of_tu_silence()
    {
        var (layer, wire, _) = Layer();

        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);
        Assert.Empty(wire.Responses);
        _time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal(100, Assert.Single(wire.Responses).StatusCode);
        Assert.Null(wire.Responses[0].To!.Tag);
    }

    [Fact]
    public void Invite_server_should_not_send_100_when_the_tu_answers_at_once()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(180);

        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([180], wire.Responses.Select(r => r.StatusCode));
    }

    [Fact]
    public void Invite_server_should_send_100_at_once_when_configured()
    {
        var (layer, wire, _) = Layer(tryingAtOnce: true);

        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);

        Assert.Equal(100, Assert.Single(wire.Responses).StatusCode);
    }

    [Fact]
    public void Invite_server_should_resend_its_last_provisional_to_a_retransmitted_invite()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(180);

        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);
        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);

        Assert.Single(tu.Requests);
        Assert.Equal([180, 180], wire.Responses.Select(r => r.StatusCode));
    }

    [Fact]
    public void Invite_server_should_retransmit_a_failure_on_timer_G_capped_at_T2_until_the_ack()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(486);
        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);

        _time.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal(new[] { 0, 0.5, 1.5, 3.5, 7.5, 11.5 }, SendTimes(wire));

        var tag = wire.Responses[0].To!.Tag!;
        layer.ReceiveRequest(Messages.Request("ACK", toTag: tag), wire.Flow);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(6, wire.Responses.Count);
        Assert.Empty(tu.Acks); // the ACK to a failure stays in the transaction (§17.2.1)
        Assert.Equal(SipTransactionState.Terminated, tu.Requests[0].State); // Timer I = T4
    }

    [Fact]
    public void Invite_server_should_give_up_on_timer_H_without_an_ack()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(486);
        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);

        _time.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Empty(tu.Failures);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(SipTransactionFailure.NoAck, Assert.Single(tu.Failures).Failure);
        Assert.Equal(0, layer.ServerTransactionCount);
    }

    [Fact]
    public void Invite_server_should_stay_confirmed_for_timer_I_absorbing_acks()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(486);
        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);
        var ack = Messages.Request("ACK", toTag: wire.Responses[0].To!.Tag!);

        layer.ReceiveRequest(ack, wire.Flow);
        layer.ReceiveRequest(ack, wire.Flow);
        _time.Advance(TimeSpan.FromSeconds(4.9));

        Assert.Equal(SipTransactionState.Confirmed, tu.Requests[0].State);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(SipTransactionState.Terminated, tu.Requests[0].State);
    }

    [Fact]
    public void Invite_server_should_retransmit_its_2xx_until_the_tu_reports_the_ack()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(200);
        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(new[] { 0, 0.5, 1.5, 3.5 }, SendTimes(wire));
        var tag = wire.Responses[0].To!.Tag!;
        layer.ReceiveRequest(Messages.Request("ACK", branch: "z9hG4bKack2xx", toTag: tag), wire.Flow);
        ((ServerInviteTransaction)tu.Requests[0]).Acknowledge();
        _time.Advance(TimeSpan.FromSeconds(40));

        Assert.Equal(4, wire.Responses.Count);
        Assert.Single(tu.Acks); // the 2xx ACK has its own branch: it goes to the TU
        Assert.Empty(tu.Failures);
    }

    [Fact]
    public void Invite_server_should_absorb_invite_retransmissions_once_accepted()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(200);
        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);
        ((ServerInviteTransaction)tu.Requests[0]).Acknowledge();

        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);

        Assert.Single(wire.Responses);
        Assert.Single(tu.Requests);
    }

    [Fact]
    public void Invite_server_should_leave_accepted_T4_after_the_ack()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(200);
        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);
        ((ServerInviteTransaction)tu.Requests[0]).Acknowledge();

        _time.Advance(TimeSpan.FromSeconds(4.9));
        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow); // a late copy is still absorbed
        Assert.Single(tu.Requests);
        Assert.Single(wire.Responses);
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(0, layer.ServerTransactionCount);
        Assert.Empty(tu.Failures);
    }

    [Fact]
    public void Invite_server_should_report_no_ack_for_its_2xx_at_timer_L()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(200);
        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);

        _time.Advance(TimeSpan.FromSeconds(32));

        Assert.Equal(SipTransactionFailure.NoAck, Assert.Single(tu.Failures).Failure);
    }

    [Fact]
    public void Non_invite_server_should_absorb_retransmissions_while_trying_and_resend_when_completed()
    {
        var (layer, wire, tu) = Layer();
        var bye = Messages.Request("BYE", toTag: "x");

        layer.ReceiveRequest(bye, wire.Flow);
        layer.ReceiveRequest(bye, wire.Flow);
        Assert.Empty(wire.Responses);
        tu.Requests[0].Respond(200);
        layer.ReceiveRequest(bye, wire.Flow);

        Assert.Single(tu.Requests);
        Assert.Equal([200, 200], wire.Responses.Select(r => r.StatusCode));
    }

    [Fact]
    public void Non_invite_server_should_keep_its_response_for_timer_J()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(200);
        layer.ReceiveRequest(Messages.Request("BYE", toTag: "x"), wire.Flow);

        _time.Advance(TimeSpan.FromSeconds(31.9));
        Assert.Equal(1, layer.ServerTransactionCount);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(0, layer.ServerTransactionCount);
    }

    [Fact]
    public void Non_invite_server_should_end_at_once_over_a_reliable_transport()
    {
        var (layer, wire, tu) = Layer(reliable: true);
        tu.Answer = tx => tx.Respond(200);

        layer.ReceiveRequest(Messages.Request("BYE", toTag: "x"), wire.Flow);

        Assert.Equal(0, layer.ServerTransactionCount);
    }

    [Fact]
    public void Layer_should_answer_cancel_with_200_and_the_invite_with_487()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(180);
        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);

        layer.ReceiveRequest(Messages.Request("CANCEL"), wire.Flow);

        Assert.Equal([180, 200, 487], wire.Responses.Select(r => r.StatusCode));
        Assert.Equal(SipMethods.Cancel, wire.Responses[1].CSeq!.Value.Method);
        Assert.Equal(wire.Responses[0].To!.Tag, wire.Responses[2].To!.Tag);
        Assert.Same(tu.Requests[0], Assert.Single(tu.Cancelled));
    }

    [Fact]
    public void Layer_should_answer_481_to_a_cancel_that_matches_nothing()
    {
        var (layer, wire, tu) = Layer();

        layer.ReceiveRequest(Messages.Request("CANCEL"), wire.Flow);

        Assert.Equal(481, Assert.Single(wire.Responses).StatusCode);
        Assert.Empty(tu.Cancelled);
    }

    [Fact]
    public void Layer_should_answer_200_to_a_cancel_after_the_final_response_and_change_nothing()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(200);
        layer.ReceiveRequest(Messages.Request("INVITE"), wire.Flow);

        layer.ReceiveRequest(Messages.Request("CANCEL"), wire.Flow);

        Assert.Equal([200, 200], wire.Responses.Select(r => r.StatusCode));
        Assert.Empty(tu.Cancelled);
    }

    [Fact]
    public void Layer_should_match_rfc2543_requests_without_the_magic_cookie()
    {
        var (layer, wire, tu) = Layer();
        tu.Answer = tx => tx.Respond(404);

        layer.ReceiveRequest(Messages.Request("INVITE", branch: "old1"), wire.Flow);
        layer.ReceiveRequest(Messages.Request("INVITE", branch: "old1"), wire.Flow);
        layer.ReceiveRequest(Messages.Request("ACK", branch: "old1", toTag: wire.Responses[0].To!.Tag!), wire.Flow);
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Single(tu.Requests);
        Assert.Equal(2, wire.Responses.Count); // the retransmission got the 404 again; the ACK stopped Timer G
        Assert.Empty(tu.Acks);
    }

    [Fact]
    public void Layer_should_answer_a_merged_request_with_482()
    {
        var (layer, wire, tu) = Layer();

        layer.ReceiveRequest(Messages.Request("INVITE", branch: "z9hG4bKpathA"), wire.Flow);
        layer.ReceiveRequest(Messages.Request("INVITE", branch: "z9hG4bKpathB"), wire.Flow);

        Assert.Single(tu.Requests);
        Assert.Equal(482, Assert.Single(wire.Responses).StatusCode);
    }

    private (SipTransactionLayer Layer, RecordingWire Wire, RecordingUser User) Layer(bool reliable = false, bool tryingAtOnce = false)
    {
        var wire = new RecordingWire(_time, reliable);
        var user = new RecordingUser();
        var layer = new SipTransactionLayer(wire, new SipTransactionOptions { Time = _time, TryingAtOnce = tryingAtOnce }) { User = user };
        return (layer, wire, user);
    }

    private double[] SendTimes(RecordingWire wire) => [.. wire.Sent.Select(s => (s.At - _start).TotalSeconds)];
}
