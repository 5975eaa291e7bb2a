using System.Net;
using System.Text;
using CallCenter.Gateway.Sip.Auth;
using CallCenter.Gateway.Sip.Dialog;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Registrar;
using CallCenter.Gateway.Sip.Transport;
using CallCenter.Gateway.Sip.UserAgent;
using CallCenter.Gateway.Tests.Sip.Message;
using CallCenter.Gateway.Tests.Sip.Transport;

namespace CallCenter.Gateway.Tests.Sip.UserAgent;

public sealed class UserAgentSpecs
{
    private static readonly byte[] Offer = Encoding.ASCII.GetBytes(SampleMessages.Sdp);
    private static readonly byte[] AnswerSdp = Encoding.ASCII.GetBytes(SampleMessages.Sdp.Replace("alice", "agent"));
    private readonly ManualTimeProvider _time = new();
    private readonly LoopbackNetwork _network = new();
    private readonly LoopbackStack _caller;
    private readonly LoopbackStack _callee;
    private readonly List<InboundCall> _inbound = [];

    public UserAgentSpecs()
    {
        _caller = new LoopbackStack(_network, "127.0.0.10", _time);
        _callee = new LoopbackStack(_network, "127.0.0.11", _time);
    }

    [Fact]
    public async Task Uac_and_uas_should_set_up_a_call_with_ringing_answer_and_ack()
    {
        var acked = false;
        _callee.Agent.IncomingCall += call => { _inbound.Add(call); call.Acked += _ => acked = true; call.Ring(); call.Answer(AnswerSdp); };
        var progress = new List<int>();

        var call = _caller.Agent.PrepareCall(SipUri.Create("127.0.0.11", 5060, "agent"), _callee.Target, Offer);
        call.Progress += (_, r) => progress.Add(r.StatusCode);
        call.Start();
        var final = await call.Completion;

        Assert.Equal(200, final.StatusCode);
        Assert.Equal([180], progress);
        Assert.Equal(AnswerSdp, call.RemoteSdp.ToArray());
        Assert.Equal(Offer, _inbound[0].RemoteSdp.ToArray());
        Assert.Equal(SipCallState.Confirmed, call.State);
        Assert.Equal(SipCallState.Confirmed, _inbound[0].State);
        Assert.True(acked);
        Assert.Equal(call.Dialog!.Id.LocalTag, _inbound[0].Dialog!.Id.RemoteTag);
    }

    [Fact]
    public async Task Bye_from_the_caller_should_end_both_sides()
    {
        var call = await Connected();
        SipCallEnd? calleeEnd = null;
        _inbound[0].Ended += (_, end) => calleeEnd = end;

        var response = await call.HangUpAsync();

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(SipCallEndReason.LocalBye, call.End!.Reason);
        Assert.Equal(SipCallEndReason.RemoteBye, calleeEnd!.Reason);
        Assert.Equal(0, _callee.Agent.DialogCount);
    }

    [Fact]
    public async Task Cancel_while_ringing_should_end_with_487_on_both_sides()
    {
        _callee.Agent.IncomingCall += call => { _inbound.Add(call); call.Ring(); };
        var call = Dial();

        call.Cancel();
        var final = await call.Completion;

        Assert.Equal(487, final.StatusCode);
        Assert.Equal(SipCallEndReason.Cancelled, call.End!.Reason);
        Assert.Equal(SipCallEndReason.Cancelled, _inbound[0].End!.Reason);
    }

    [Fact]
    public async Task Rejection_should_reach_the_caller_as_a_failure()
    {
        _callee.Agent.IncomingCall += call => call.Reject(486);
        var call = _caller.Agent.PrepareCall(SipUri.Create("127.0.0.11", 5060, "agent"), _callee.Target, Offer);
        int? failed = null;
        call.Failed += (_, r) => failed = r.StatusCode;
        call.Start();

        Assert.Equal(486, (await call.Completion).StatusCode);
        Assert.Equal(486, failed);
        Assert.Equal(SipCallEndReason.Rejected, call.End!.Reason);
    }

    [Fact]
    public async Task Uas_should_accept_an_rfc_2543_invite_with_no_from_tag_and_no_contact()
    {
        // RFC 3261 §12.1.1: a UAS must take a From without a tag (RFC 2543 peers); RFC 4475 §3.4.1 has no Contact either.
        _callee.Agent.IncomingCall += call => { _inbound.Add(call); call.Answer(AnswerSdp); };
        var legacy = _network.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.20"), 5060));
        var answered = new TaskCompletionSource<SipResponse>();
        legacy.Start(inbound =>
        {
            if (inbound.Result.Message is SipResponse { IsProvisional: false } r)
                answered.TrySetResult(r);
            return ValueTask.CompletedTask;
        });
        var invite = Encoding.ASCII.GetBytes(
            "INVITE sip:agent@127.0.0.11 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.20\r\nFrom: <sip:+13035551111@127.0.0.20>\r\n" +
            "To: sip:agent@127.0.0.11\r\nCall-ID: inv2543.1717@127.0.0.20\r\nCSeq: 56 INVITE\r\nContent-Type: application/sdp\r\n" +
            $"Content-Length: {Offer.Length}\r\n\r\n{Encoding.ASCII.GetString(Offer)}");

        await legacy.SendAsync(_callee.EndPoint, invite);
        var response = await answered.Task.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("", _inbound[0].Dialog!.Id.RemoteTag);
        Assert.Equal("sip:+13035551111@127.0.0.20", _inbound[0].Dialog!.RemoteTarget.ToString());
    }

    [Fact]
    public async Task Uas_with_no_subscriber_should_answer_480()
    {
        Assert.Equal(480, (await Dial().Completion).StatusCode);
    }

    [Fact]
    public async Task In_dialog_requests_should_reach_the_other_side_and_be_answered()
    {
        var call = await Connected();
        var seen = new List<string>();
        call.RequestReceived += (_, tx) => { seen.Add(tx.Request.Method); tx.Respond(202); };

        var info = await _inbound[0].SendRequestAsync(SipMethods.Info, Encoding.ASCII.GetBytes("Signal=5\r\n"), "application/dtmf-relay");
        var refer = await _inbound[0].SendRequestAsync(SipMethods.Refer, extra: [SipHeader.Create("Refer-To", "<sip:queue@127.0.0.1>")]);
        var notify = await _inbound[0].SendRequestAsync(SipMethods.Notify, extra: [SipHeader.Create("Event", "refer")]);

        Assert.Equal([SipMethods.Info, SipMethods.Refer, SipMethods.Notify], seen);
        Assert.All([info, refer, notify], r => Assert.Equal(202, r.StatusCode));
    }

    [Fact]
    public async Task Re_invite_without_a_handler_should_be_answered_with_the_current_sdp()
    {
        var call = await Connected();

        var response = await call.SendRequestAsync(SipMethods.Invite, Offer, "application/sdp");
        call.Dialog!.CreateRequest(SipMethods.Ack, _caller.Agent.Contact(SipTransportKind.Udp), cseq: response.CSeq!.Value.Number);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(AnswerSdp, response.Body.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ack_to_a_re_invite_should_stop_the_retransmissions_of_its_200(bool handled)
    {
        var call = await Connected();
        if (handled)
            _inbound[0].RequestReceived += (c, tx) => c.AcceptRefresh(tx, AnswerSdp);
        var oks = 0;
        _network.Sent += (_, _, data) =>
        {
            var text = Encoding.ASCII.GetString(data.Span);
            if (text.StartsWith("SIP/2.0 200", StringComparison.Ordinal) && text.Contains(" INVITE\r\n", StringComparison.Ordinal) && !text.Contains("CSeq: 1 INVITE", StringComparison.Ordinal))
                Interlocked.Increment(ref oks);
        };

        var response = await call.ReInviteAsync(Offer); // ACKs the 200
        for (var i = 0; i < 40; i++)
            _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, oks);
    }

    [Fact]
    public async Task Refer_without_a_handler_should_be_refused_with_501()
    {
        await Connected();

        var response = await _inbound[0].SendRequestAsync(SipMethods.Refer, extra: [SipHeader.Create("Refer-To", "<sip:queue@127.0.0.1>")]);

        Assert.Equal(501, response.StatusCode);
    }

    [Fact]
    public async Task Uac_should_answer_a_401_to_its_invite_with_digest_credentials()
    {
        var auth = new DigestAuthenticator(new InMemoryCredentialProvider([new SipCredential("trunk", "pw")]), new DigestOptions(), _time);
        _callee.Agent.IncomingCall += call => _ = AnswerIfAuthenticated(call, auth);
        var caller = new LoopbackStack(_network, "127.0.0.15", _time, new SipUserAgentOptions { Credential = new SipCredential("trunk", "pw") });

        var call = caller.Agent.Call(SipUri.Create("127.0.0.11", 5060, "agent"), _callee.Target, Offer);
        var final = await call.Completion;

        Assert.Equal(200, final.StatusCode);
        Assert.Equal(2u, call.Invite.CSeq!.Value.Number); // §22.2: the retry is a new request with the next CSeq
        Assert.Single(call.Invite.Authorization);
    }

    [Fact]
    public async Task Uas_should_send_require_timer_only_to_a_uac_that_supports_it()
    {
        _callee.Agent.IncomingCall += call => call.Answer(AnswerSdp);
        var plain = new LoopbackStack(_network, "127.0.0.16", _time, new SipUserAgentOptions { SessionTimers = null });

        var final = await plain.Agent.Call(SipUri.Create("127.0.0.11", 5060, "agent"), _callee.Target, Offer,
            extra: [SipHeader.Create(SessionTimer.HeaderName, "600")]).Completion;

        Assert.Equal("600;refresher=uas", final.Headers.Get(SessionTimer.HeaderName));
        Assert.DoesNotContain(SessionTimer.OptionTag, final.Require);
    }

    [Fact]
    public async Task Update_should_be_answered_200()
    {
        var call = await Connected();

        Assert.Equal(200, (await call.SendRequestAsync(SipMethods.Update)).StatusCode);
    }

    [Fact]
    public async Task A_request_for_an_unknown_dialog_should_get_481()
    {
        var call = await Connected();
        var stray = call.Dialog!.CreateRequest(SipMethods.Info, _caller.Agent.Contact(SipTransportKind.Udp));
        var headers = stray.Headers.Select(h => h.Name == HeaderNames.CallId ? SipHeader.Create(HeaderNames.CallId, "nobody-knows") : h);

        var response = await _caller.Layer.Send(stray.WithHeaders(new SipHeaderList(headers)), _callee.Target).FinalResponse;

        Assert.Equal(481, response.StatusCode);
    }

    [Fact]
    public async Task A_bye_outside_any_dialog_should_get_481()
    {
        Assert.Equal(481, (await _caller.Agent.SendAsync(SipMethods.Bye, SipUri.Create("127.0.0.11", 5060, "x"), _callee.Target)).StatusCode);
    }

    [Fact]
    public async Task A_request_with_a_lower_cseq_should_get_500()
    {
        var call = await Connected();
        await call.SendRequestAsync(SipMethods.Info);
        var old = call.Dialog!.CreateRequest(SipMethods.Info, _caller.Agent.Contact(SipTransportKind.Udp), cseq: 1);

        var response = await _caller.Layer.Send(old, _callee.Target).FinalResponse;

        Assert.Equal(500, response.StatusCode);
    }

    [Fact]
    public async Task Uas_should_refuse_a_too_short_session_interval_with_422()
    {
        _callee.Agent.IncomingCall += call => call.Answer(AnswerSdp);
        var caller = new LoopbackStack(_network, "127.0.0.14", _time, new SipUserAgentOptions { SessionTimers = null });

        var final = await caller.Agent.Call(SipUri.Create("127.0.0.11", 5060, "agent"), _callee.Target, Offer, extra: [SipHeader.Create(SessionTimer.HeaderName, "30")]).Completion;

        Assert.Equal(422, final.StatusCode);
        Assert.Equal("90", final.Headers.Get(SessionTimer.MinSEHeader));
    }

    [Fact]
    public async Task Refresher_should_refresh_the_session_with_a_re_invite_at_half_the_interval()
    {
        var caller = new LoopbackStack(_network, "127.0.0.12", _time, new SipUserAgentOptions { SessionTimers = new SessionTimerSettings { SessionExpires = 120, MinSE = 90 } });
        _callee.Agent.IncomingCall += c => { _inbound.Add(c); c.Answer(AnswerSdp); };
        var call = caller.Agent.Call(SipUri.Create("127.0.0.11", 5060, "agent"), _callee.Target, Offer);
        await call.Completion;
        var refreshes = 0;
        _inbound[0].RequestReceived += (_, tx) => { refreshes++; tx.Respond(tx.CreateResponse(200, extra: [SipHeader.Create(HeaderNames.Contact, "<sip:agent@127.0.0.11:5060>")])); };

        Assert.Equal(new SessionTimer(120, SessionRefresher.Uac), call.SessionTimer);
        _time.Advance(TimeSpan.FromSeconds(61));
        await Eventually.True(() => refreshes == 1);
        _time.Advance(TimeSpan.FromSeconds(60));
        await Eventually.True(() => refreshes == 2);
        Assert.Equal(SipCallState.Confirmed, call.State);
    }

    [Fact]
    public async Task Non_refresher_should_send_bye_when_the_session_expires_unrefreshed()
    {
        var silent = new LoopbackStack(_network, "127.0.0.13", _time, new SipUserAgentOptions { SessionTimers = null });
        _callee.Agent.IncomingCall += c => { _inbound.Add(c); c.Answer(AnswerSdp); };
        var call = silent.Agent.Call(SipUri.Create("127.0.0.11", 5060, "agent"), _callee.Target, Offer,
            extra: [SipHeader.Create(SessionTimer.HeaderName, "90;refresher=uac"), SipHeader.Create(HeaderNames.Supported, "timer")]);
        await call.Completion;

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(SipCallState.Confirmed, _inbound[0].State);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(SipCallEndReason.SessionExpired, _inbound[0].End!.Reason);
        await Eventually.True(() => call.End?.Reason == SipCallEndReason.RemoteBye);
    }

    [Fact]
    public async Task Uac_should_register_with_digest_credentials_at_a_registrar()
    {
        var auth = new DigestAuthenticator(new InMemoryCredentialProvider([new SipCredential("1001", "pw1001")]), new DigestOptions(), _time);
        using var registrar = new SipRegistrar(new InMemoryBindingStore(), auth, time: _time);
        _callee.Agent.Handle(SipMethods.Register, async tx => tx.Respond(await registrar.RegisterAsync(tx.Request, tx.Flow)));

        var response = await _caller.Agent.SendAsync(SipMethods.Register, SipUri.Create("127.0.0.11", 5060, "1001"), _callee.Target,
            [SipHeader.Create(HeaderNames.Contact, "<sip:1001@127.0.0.10:5060>")], new SipCredential("1001", "pw1001"),
            new NameAddress(null, SipUri.Create("127.0.0.11", null, "1001"), SipParameters.Empty));

        Assert.Equal(200, response.StatusCode);
        Assert.Single(registrar.Lookup("sip:1001@127.0.0.11"));
    }

    private static async Task AnswerIfAuthenticated(InboundCall call, DigestAuthenticator auth)
    {
        var verdict = await auth.VerifyAsync(call.Invite);
        if (verdict.Outcome == DigestOutcome.Authenticated)
        {
            call.Answer(AnswerSdp);
        }
        else
        {
            call.Reject(401, extra: auth.Challenge());
        }
    }

    private OutboundCall Dial(IEnumerable<SipHeader>? extra = null) =>
        _caller.Agent.Call(SipUri.Create("127.0.0.11", 5060, "agent"), _callee.Target, Offer, extra: extra);

    private async Task<OutboundCall> Connected()
    {
        _callee.Agent.IncomingCall += call => { _inbound.Add(call); call.Answer(AnswerSdp); };
        var call = Dial();
        Assert.Equal(200, (await call.Completion).StatusCode);
        return call;
    }
}
