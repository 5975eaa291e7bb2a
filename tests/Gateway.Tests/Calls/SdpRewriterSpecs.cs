using System.Net;
using System.Text;
using CallCenter.Gateway.Calls;
using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Sip.Sdp;

namespace CallCenter.Gateway.Tests.Calls;

public sealed class SdpRewriterSpecs
{
    private const string Offer =
        "v=0\r\no=caller 42 7 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.5\r\nt=0 0\r\n" +
        "m=audio 40000 RTP/AVP 8 0 18 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:18 G729/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=fmtp:18 annexb=no\r\na=ptime:20\r\na=sendonly\r\n";

    private static SdpSession Parse(string sdp) => SdpSession.Parse(Encoding.ASCII.GetBytes(sdp)).Session!;

    [Fact]
    public void Rewritten_offer_should_carry_the_gateway_address_and_port_and_only_relayed_codecs()
    {
        var rewritten = SdpRewriter.Rewrite(Parse(Offer), IPAddress.Parse("127.0.0.1"), 20002, "9", 3)!;

        var audio = Assert.Single(rewritten.Media);
        Assert.Equal(20002, audio.Port);
        Assert.Equal(["8", "0", "101"], audio.Formats);
        Assert.Equal("127.0.0.1", rewritten.Connection!.Address);
        Assert.Equal("9", rewritten.Origin.SessionId);
        Assert.Equal(3UL, rewritten.Origin.SessionVersion);
        Assert.Equal("0-15", audio.Fmtp(101));
        Assert.Null(audio.Fmtp(18));
        Assert.Equal(20, audio.Ptime);
        Assert.Equal(SdpDirection.SendOnly, SdpRewriter.Direction(rewritten));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.1"), 20002), SdpRewriter.RtpTarget(Parse(rewritten.ToString())));
    }

    [Fact]
    public void Offer_without_G711_should_be_refused()
    {
        var g729Only = Offer.Replace("RTP/AVP 8 0 18 101", "RTP/AVP 18");
        Assert.Null(SdpRewriter.Rewrite(Parse(g729Only), IPAddress.Loopback, 20000, "1", 1));
    }

    [Fact]
    public void Target_should_be_the_stream_address_and_none_when_held_with_zero_address()
    {
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 40000), SdpRewriter.RtpTarget(Parse(Offer)));
        Assert.Null(SdpRewriter.RtpTarget(Parse(Offer.Replace("c=IN IP4 10.0.0.5", "c=IN IP4 0.0.0.0"))));
    }

    [Theory]
    [InlineData("8 0 18 101", "8", G711Law.ALaw)]
    [InlineData("18 0 8 101", "0", G711Law.MuLaw)]
    [InlineData("0 8 101", "0", G711Law.MuLaw)]
    public void Answer_should_choose_the_first_G711_codec_of_the_offer_and_keep_telephone_event(string offered, string chosen, G711Law law)
    {
        var offer = Parse(Offer.Replace("RTP/AVP 8 0 18 101", "RTP/AVP " + offered));

        var answer = SdpRewriter.Answer(offer, IPAddress.Loopback, 20004, "9", 2)!;

        var audio = Assert.Single(answer.Media);
        Assert.Equal([chosen, "101"], audio.Formats);
        Assert.Equal(20004, audio.Port);
        Assert.Equal("0-15", audio.Fmtp(101));
        Assert.Null(audio.Fmtp(18));
        Assert.Equal(law, SdpRewriter.Law(answer));
    }

    [Fact]
    public void Answer_should_offer_no_telephone_event_the_caller_did_not_offer()
    {
        var offer = Parse(Offer.Replace("RTP/AVP 8 0 18 101", "RTP/AVP 0 8"));

        var audio = SdpRewriter.Answer(offer, IPAddress.Loopback, 20004, "9", 2)!.Media[0];

        Assert.Equal(["0"], audio.Formats);
        Assert.DoesNotContain(audio.Attributes, a => a.Value?.Contains("telephone-event", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("sendonly", SdpDirection.RecvOnly)]
    [InlineData("recvonly", SdpDirection.SendOnly)]
    [InlineData("sendrecv", SdpDirection.SendRecv)]
    [InlineData("inactive", SdpDirection.Inactive)]
    public void Answer_should_mirror_the_offered_direction(string offered, SdpDirection answered)
    {
        var offer = Parse(Offer.Replace("a=sendonly", "a=" + offered));

        Assert.Equal(answered, SdpRewriter.Direction(SdpRewriter.Answer(offer, IPAddress.Loopback, 20004, "9", 2)!));
    }

    [Fact]
    public void Agreed_session_should_keep_the_callers_address_and_offer_an_agent_only_the_agreed_codec()
    {
        var agreed = SdpRewriter.Agree(Parse(Offer))!;

        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 40000), SdpRewriter.RtpTarget(agreed));
        var toAgent = SdpRewriter.Rewrite(agreed, IPAddress.Loopback, 20006, "9", 3)!;
        Assert.Equal(["8", "101"], toAgent.Media[0].Formats);
        Assert.Equal(SdpDirection.SendOnly, SdpRewriter.Direction(toAgent));
    }

    [Fact]
    public void Restricting_to_codecs_a_new_offer_lacks_should_give_nothing()
    {
        var pcmuOnly = Parse(Offer.Replace("RTP/AVP 8 0 18 101", "RTP/AVP 0 101"));

        Assert.Null(SdpRewriter.Restrict(pcmuOnly, ["8", "101"]));
        Assert.Equal(["0"], SdpRewriter.Restrict(pcmuOnly, ["0"])!.Media[0].Formats);
    }

    [Fact]
    public void Telephone_event_payload_type_should_come_from_the_rtpmap_or_default_to_101()
    {
        var dynamic96 = Parse(Offer.Replace("RTP/AVP 8 0 18 101", "RTP/AVP 8 96").Replace("rtpmap:101", "rtpmap:96"));
        var without = Parse(Offer.Replace("RTP/AVP 8 0 18 101", "RTP/AVP 8").Replace("a=rtpmap:101 telephone-event/8000\r\n", ""));

        Assert.Equal(96, SdpRewriter.TelephoneEventPayloadType(dynamic96));
        Assert.Equal(101, SdpRewriter.TelephoneEventPayloadType(without));
    }
}
