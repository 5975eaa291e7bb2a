using CallCenter.Gateway.Sip.Dialog;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Tests.Sip.Transaction;

namespace CallCenter.Gateway.Tests.Sip.Dialog;

public sealed class DialogSpecs
{
    private static readonly SipRequest Invite = Messages.Parse<SipRequest>(
        "INVITE sip:gateway@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
        "Record-Route: <sip:p1.example.com;lr>\r\nRecord-Route: <sip:p2.example.com;lr>\r\n" +
        "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:gateway@127.0.0.1>\r\nCall-ID: d-1\r\nCSeq: 10 INVITE\r\n" +
        "Contact: <sip:alice@127.0.0.2:5070>\r\nContent-Length: 0\r\n\r\n");

    private static readonly NameAddress OurContact = new(null, SipUri.Create("127.0.0.1", 5060, "gateway"), SipParameters.Empty);

    [Fact]
    public void Uas_dialog_should_take_route_set_in_order_and_target_from_contact()
    {
        var dialog = SipDialog.CreateUas(Invite, "g1", early: false)!;

        Assert.Equal(new SipDialogId("d-1", "g1", "a1"), dialog.Id);
        Assert.Equal(["sip:p1.example.com;lr", "sip:p2.example.com;lr"], dialog.RouteSet.Select(r => r.Uri.ToString()));
        Assert.Equal("sip:alice@127.0.0.2:5070", dialog.RemoteTarget.ToString());
        Assert.Equal(10u, dialog.RemoteSeq);
        Assert.Equal(SipDialogState.Confirmed, dialog.State);
    }

    [Fact]
    public void Uac_dialog_should_reverse_the_record_route_of_the_response()
    {
        var ok = Messages.Parse<SipResponse>(
            "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\nRecord-Route: <sip:p1.example.com;lr>, <sip:p2.example.com;lr>\r\n" +
            "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:gateway@127.0.0.1>;tag=g1\r\nCall-ID: d-1\r\nCSeq: 10 INVITE\r\n" +
            "Contact: <sip:bob@127.0.0.3>\r\nContent-Length: 0\r\n\r\n");

        var dialog = SipDialog.CreateUac(Invite, ok)!;

        Assert.Equal(new SipDialogId("d-1", "a1", "g1"), dialog.Id);
        Assert.Equal(["sip:p2.example.com;lr", "sip:p1.example.com;lr"], dialog.RouteSet.Select(r => r.Uri.ToString()));
        Assert.Equal(SipDialogState.Early, dialog.State);
        Assert.Equal(10u, dialog.LocalSeq);
    }

    [Fact]
    public void Dialog_should_not_form_from_a_response_without_a_to_tag()
    {
        var ok = Messages.ResponseTo(Invite, 200, toTag: "x") is var r ? Messages.Parse<SipResponse>(System.Text.Encoding.UTF8.GetString(SipMessageWriter.ToBytes(r)).Replace(";tag=x", string.Empty)) : null!;

        Assert.Null(SipDialog.CreateUac(Invite, ok));
    }

    [Fact]
    public void Dialog_requests_should_loose_route_to_the_remote_target_with_a_growing_cseq()
    {
        var dialog = SipDialog.CreateUas(Invite, "g1", early: false)!;

        var first = dialog.CreateRequest(SipMethods.Bye, OurContact);
        var second = dialog.CreateRequest(SipMethods.Info, OurContact);

        Assert.Equal("sip:alice@127.0.0.2:5070", first.RequestUri.ToString());
        Assert.Equal(["sip:p1.example.com;lr", "sip:p2.example.com;lr"], first.Routes.Select(r => r.Uri.ToString()));
        Assert.Equal("g1", first.From!.Tag);
        Assert.Equal("a1", first.To!.Tag);
        Assert.Equal(first.CSeq!.Value.Number + 1, second.CSeq!.Value.Number);
        Assert.Equal("sip:p1.example.com;lr", dialog.NextHop.ToString());
    }

    [Fact]
    public void Dialog_requests_should_put_a_strict_router_in_the_request_uri()
    {
        var strict = Messages.Parse<SipRequest>(System.Text.Encoding.UTF8.GetString(SipMessageWriter.ToBytes(Invite)).Replace("<sip:p1.example.com;lr>", "<sip:p1.example.com>"));
        var dialog = SipDialog.CreateUas(strict, "g1", early: false)!;

        var bye = dialog.CreateRequest(SipMethods.Bye, OurContact);

        Assert.Equal("sip:p1.example.com", bye.RequestUri.ToString());
        Assert.Equal(["sip:p2.example.com;lr", "sip:alice@127.0.0.2:5070"], bye.Routes.Select(r => r.Uri.ToString()));
    }

    [Fact]
    public void Dialog_should_answer_500_to_a_lower_remote_cseq_and_move_up_on_a_higher_one()
    {
        var dialog = SipDialog.CreateUas(Invite, "g1", early: false)!;

        Assert.Equal(500, dialog.AcceptRemoteSequence(Messages.Request("INFO", cseq: "9", toTag: "g1", callId: "d-1", fromTag: "a1")));
        Assert.Null(dialog.AcceptRemoteSequence(Messages.Request("INFO", cseq: "11", toTag: "g1", callId: "d-1", fromTag: "a1")));
        Assert.Equal(11u, dialog.RemoteSeq);
        Assert.Null(dialog.AcceptRemoteSequence(Messages.Request("ACK", cseq: "10", toTag: "g1", callId: "d-1", fromTag: "a1")));
    }

    [Fact]
    public void Dialog_should_take_a_new_remote_target_from_a_target_refresh()
    {
        var dialog = SipDialog.CreateUas(Invite, "g1", early: false)!;

        dialog.RefreshTarget(Messages.Parse<SipRequest>(System.Text.Encoding.UTF8.GetString(SipMessageWriter.ToBytes(Invite)).Replace("sip:alice@127.0.0.2:5070", "sip:alice@127.0.0.9:5999")));

        Assert.Equal("sip:alice@127.0.0.9:5999", dialog.RemoteTarget.ToString());
    }
}
