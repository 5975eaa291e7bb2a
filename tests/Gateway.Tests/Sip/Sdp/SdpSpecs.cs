using System.Text;
using CallCenter.Gateway.Sip.Sdp;
using CallCenter.Gateway.Tests.Sip.Message;

namespace CallCenter.Gateway.Tests.Sip.Sdp;

public sealed class SdpSpecs
{
    [Fact]
    public void Sdp_should_parse_an_audio_offer_into_its_typed_model()
    {
        var session = SdpParser.Parse(Encoding.UTF8.GetBytes(SampleMessages.Sdp)).Session!;

        Assert.Equal(2890844526UL, session.Origin.SessionVersion);
        Assert.Equal("192.0.2.10", session.Connection!.IpAddress!.ToString());
        var audio = Assert.Single(session.Media);
        Assert.Equal(("audio", 49170, "RTP/AVP"), (audio.Media, audio.Port, audio.Protocol));
        Assert.Equal(["0", "8", "101"], audio.Formats);
        Assert.Equal(["PCMU", "PCMA", "telephone-event"], audio.RtpMaps.Select(r => r.EncodingName));
        Assert.Equal("0-15", audio.Fmtp(101));
        Assert.Equal(20, audio.Ptime);
        Assert.Equal(SdpDirection.SendRecv, audio.DirectionOr(session.Direction));
    }

    [Fact]
    public void Sdp_should_round_trip_with_unknown_attributes_and_lines()
    {
        var text = "v=0\r\no=- 1 2 IN IP6 2001:db8::2\r\ns=call\r\ni=info\r\nc=IN IP6 2001:db8::2\r\nb=AS:64\r\nt=0 0\r\na=tool:x\r\n" +
                   "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\na=x-unknown:1 2\r\na=recvonly\r\nm=video 0 RTP/AVP 31\r\n";

        var session = SdpParser.Parse(Encoding.UTF8.GetBytes(text)).Session!;

        Assert.Equal(text, session.ToString());
        Assert.Equal(SdpDirection.RecvOnly, session.Media[0].DirectionOr(session.Direction));
        Assert.Equal("192.0.2.1", session.Media[0].Connection!.Address);
    }

    [Fact]
    public void Sdp_should_replace_a_stream_direction()
    {
        var session = SdpParser.Parse(Encoding.UTF8.GetBytes(SampleMessages.Sdp)).Session!;

        var held = session.Media[0].WithDirection(SdpDirection.SendOnly);

        Assert.Equal(SdpDirection.SendOnly, held.DirectionOr(SdpDirection.SendRecv));
        Assert.Single(held.Attributes, a => a.Name is "sendonly" or "sendrecv");
    }

    [Theory]
    [InlineData("v=0\r\ns=-\r\n")]
    [InlineData("v=0\r\no=x\r\ns=-\r\n")]
    [InlineData("v=zero\r\no=- 1 1 IN IP4 a\r\ns=-\r\n")]
    [InlineData("garbage")]
    public void Sdp_should_reject_a_malformed_description_without_throwing(string text)
    {
        var result = SdpParser.Parse(Encoding.UTF8.GetBytes(text));

        Assert.False(result.IsSuccess);
        Assert.NotNull(result.Error);
    }
}
