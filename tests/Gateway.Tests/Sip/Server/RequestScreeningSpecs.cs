using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Server;
using CallCenter.Gateway.Tests.Sip.Message;

namespace CallCenter.Gateway.Tests.Sip.Server;

public sealed class RequestScreeningSpecs
{
    private static ScreeningVerdict? Screen(string text) =>
        RequestScreening.Screen((SipRequest)SipParser.Parse(SampleMessages.Bytes(text)).Message!, new SipServerOptions());

    [Fact]
    public void Front_should_hand_on_a_valid_invite() => Assert.Null(Screen(SampleMessages.Invite));

    [Fact]
    public void Front_should_reject_an_unknown_require_with_420_and_unsupported()
    {
        var verdict = Screen(SampleMessages.Invite.Replace("Supported: replaces, timer", "Require: 100rel, timer"))!;

        Assert.Equal(420, verdict.StatusCode);
        Assert.Equal("100rel", Assert.Single(verdict.Extra).ValueText);
    }

    [Fact]
    public void Front_should_reject_max_forwards_zero_with_483_except_for_options()
    {
        Assert.Equal(483, Screen(SampleMessages.Invite.Replace("Max-Forwards: 70", "Max-Forwards: 0"))!.StatusCode);
        Assert.Null(Screen(TestOptions.Replace("Max-Forwards: 70", "Max-Forwards: 0")));
    }

    [Fact]
    public void Front_should_reject_an_unknown_scheme_with_416()
    {
        Assert.Equal(416, Screen(SampleMessages.Invite.Replace("INVITE sip:agent@callcenter.example.com", "INVITE urn:service:sos"))!.StatusCode);
    }

    [Fact]
    public void Front_should_answer_an_unknown_method_with_501_and_allow()
    {
        var verdict = Screen(TestOptions.Replace("OPTIONS", "FROBNICATE"))!;

        Assert.Equal(501, verdict.StatusCode);
        Assert.Contains("INVITE", verdict.Extra.Single(h => h.Name == HeaderNames.Allow).ValueText);
    }

    [Fact]
    public void Front_should_answer_options_with_allow_accept_and_supported()
    {
        var answer = RequestScreening.OptionsAnswer(new SipServerOptions());

        Assert.Equal(200, answer.StatusCode);
        Assert.Equal([HeaderNames.Allow, "Accept", HeaderNames.Supported, HeaderNames.Server], answer.Extra.Select(h => h.Name));
    }

    private static string TestOptions => Transport.TestPeers.Options("192.0.2.1");
}
