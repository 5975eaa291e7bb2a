using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Tests.Sip.Message;

public sealed class SipStreamFramerSpecs
{
    private static SipFrame Frame(string text, int max = 65536) => SipStreamFramer.Next(SampleMessages.Bytes(text), max);

    [Fact]
    public void Framer_should_cut_a_message_at_its_content_length()
    {
        var frame = Frame(SampleMessages.Invite + SampleMessages.Ok);

        Assert.Equal(new SipFrame(SipFrameKind.Message, SampleMessages.Invite.Length), frame);
    }

    [Fact]
    public void Framer_should_wait_for_the_rest_of_a_body()
    {
        Assert.Equal(SipFrameKind.Incomplete, Frame(SampleMessages.Invite[..^5]).Kind);
    }

    [Fact]
    public void Framer_should_skip_keepalive_crlfs()
    {
        Assert.Equal(new SipFrame(SipFrameKind.Skip, 4), Frame("\r\n\r\n" + SampleMessages.Ok));
    }

    [Theory]
    [InlineData("Content-Length: 0\r\n", "", "missing Content-Length")]
    [InlineData("Content-Length: 0\r\n", "Content-Length: -1\r\n", "bad Content-Length")]
    [InlineData("Content-Length: 0\r\n", "Content-Length: 0\r\nl: 4\r\n", "more than one Content-Length")]
    public void Framer_should_reject_a_stream_it_cannot_frame(string from, string to, string detail)
    {
        var frame = Frame(SampleMessages.Ok.Replace(from, to));

        Assert.Equal((SipFrameKind.Error, 400, detail), (frame.Kind, frame.Status, frame.Detail));
    }

    [Fact]
    public void Framer_should_reject_headers_that_never_end_past_the_limit()
    {
        Assert.Equal(413, Frame("INVITE sip:a@b SIP/2.0\r\nX: " + new string('x', 300), max: 256).Status);
    }
}
