using System.Net;
using System.Text;
using CallCenter.Gateway.Calls;
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
}
