using System.Buffers;
using System.Text;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Tests.Sip.Message;

public sealed class SipMessageWriterSpecs
{
    [Theory]
    [InlineData(nameof(SampleMessages.Invite))]
    [InlineData(nameof(SampleMessages.Ok))]
    [InlineData(nameof(SampleMessages.Register))]
    public void Writer_should_write_a_parsed_message_back_byte_for_byte(string name)
    {
        var text = (string)typeof(SampleMessages).GetField(name)!.GetValue(null)!;
        var buffer = new ArrayBufferWriter<byte>();

        SipMessageWriter.Write(SipParser.Parse(SampleMessages.Bytes(text)).Message!, buffer);

        Assert.Equal(text, Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Writer_should_use_long_names_and_the_real_content_length()
    {
        var text = "MESSAGE sip:a@b.example SIP/2.0\r\nv: SIP/2.0/UDP h.example;branch=z9hG4bK1\r\nf: <sip:c@d.example>;tag=1\r\n" +
                   "t: <sip:a@b.example>\r\ni: c1\r\nCSeq: 1 MESSAGE\r\nc: text/plain\r\n\r\nhello";

        var written = Encoding.UTF8.GetString(SipMessageWriter.ToBytes(SipParser.Parse(SampleMessages.Bytes(text)).Message!));

        Assert.Contains("Via: SIP/2.0/UDP h.example;branch=z9hG4bK1\r\n", written);
        Assert.Contains("Call-ID: c1\r\n", written);
        Assert.EndsWith("Content-Length: 5\r\n\r\nhello", written);
    }

    [Fact]
    public void Response_factory_should_copy_dialog_headers_and_add_a_to_tag()
    {
        var invite = (SipRequest)SipParser.Parse(SampleMessages.Bytes(SampleMessages.Invite)).Message!;

        var response = SipResponseFactory.Create(invite, 486);
        var reparsed = SipParser.Parse(SipMessageWriter.ToBytes(response)).Message!;

        Assert.Equal(("Busy Here", invite.CallId, invite.CSeq), (response.ReasonPhrase, reparsed.CallId, reparsed.CSeq));
        Assert.Equal(invite.TopVia!.Branch, reparsed.TopVia!.Branch);
        Assert.NotNull(reparsed.To!.Tag);
        Assert.Null(SipResponseFactory.Create(invite, 100).To!.Tag);
    }
}
