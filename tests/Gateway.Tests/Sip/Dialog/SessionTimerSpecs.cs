using CallCenter.Gateway.Sip.Dialog;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Tests.Sip.Transaction;

namespace CallCenter.Gateway.Tests.Sip.Dialog;

public sealed class SessionTimerSpecs
{
    private static readonly SessionTimerSettings Ours = new() { SessionExpires = 1800, MinSE = 90 };

    [Fact]
    public void Uas_should_refuse_an_interval_below_its_min_se_with_422()
    {
        Assert.Equal(90, SessionTimerNegotiation.Answer(Invite("Session-Expires: 60"), Ours).RejectWithMinSE);
    }

    [Fact]
    public void Uas_should_keep_the_refresher_the_uac_asked_for()
    {
        var timer = SessionTimerNegotiation.Answer(Invite("Session-Expires: 600;refresher=uas", "Supported: timer"), Ours).Timer!;

        Assert.Equal(new SessionTimer(600, SessionRefresher.Uas), timer);
        Assert.True(timer.WeRefresh(weAreUac: false));
    }

    [Fact]
    public void Uas_should_let_a_uac_that_supports_timer_refresh()
    {
        Assert.Equal(SessionRefresher.Uac, SessionTimerNegotiation.Answer(Invite("Session-Expires: 600", "Supported: timer"), Ours).Timer!.Refresher);
        Assert.Equal(SessionRefresher.Uas, SessionTimerNegotiation.Answer(Invite("Session-Expires: 600"), Ours).Timer!.Refresher);
    }

    [Fact]
    public void Uas_should_shorten_a_long_interval_to_its_own()
    {
        Assert.Equal(1800, SessionTimerNegotiation.Answer(Invite("Session-Expires: 7200"), Ours).Timer!.Interval);
    }

    [Fact]
    public void Uas_should_run_no_timer_when_none_is_asked()
    {
        Assert.Equal(new SessionTimerAnswer(null, null), SessionTimerNegotiation.Answer(Invite(), Ours));
    }

    [Fact]
    public void Session_timer_should_refresh_at_half_and_expire_a_third_early_capped_at_32s()
    {
        Assert.Equal(TimeSpan.FromSeconds(900), new SessionTimer(1800, SessionRefresher.Uac).RefreshAfter);
        Assert.Equal(TimeSpan.FromSeconds(1768), new SessionTimer(1800, SessionRefresher.Uac).ExpireAfter);
        Assert.Equal(TimeSpan.FromSeconds(60), new SessionTimer(90, SessionRefresher.Uac).ExpireAfter);
    }

    private static SipRequest Invite(params string[] lines) => Messages.Parse<SipRequest>(
        "INVITE sip:gateway@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.2:5070;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
        "From: <sip:alice@example.com>;tag=a1\r\nTo: <sip:gateway@127.0.0.1>\r\nCall-ID: st-1\r\nCSeq: 1 INVITE\r\n" +
        "Contact: <sip:alice@127.0.0.2:5070>\r\n" + string.Concat(lines.Select(l => l + "\r\n")) + "Content-Length: 0\r\n\r\n");
}
