using System.Net;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transport;

namespace CallCenter.Gateway.Tests.Sip.Transport;

public sealed class ResponseRoutingSpecs
{
    private static readonly IPEndPoint Source = new(IPAddress.Parse("203.0.113.5"), 40000);

    private static SipVia Via(string text) => SipVia.ParseList(System.Text.Encoding.ASCII.GetBytes(text))![0];

    [Fact]
    public void Transport_should_add_received_when_sent_by_is_not_the_source()
    {
        var stamped = ResponseRouting.Stamp(Via("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1"), Source);

        Assert.Equal("203.0.113.5", stamped.Received);
        Assert.Equal(new IPEndPoint(Source.Address, 5060), ResponseRouting.Destination(stamped, Source));
    }

    [Fact]
    public void Transport_should_leave_a_via_alone_when_sent_by_is_the_source()
    {
        var via = Via("SIP/2.0/UDP 203.0.113.5:5070;branch=z9hG4bK1");

        Assert.Same(via, ResponseRouting.Stamp(via, Source));
        Assert.Equal(new IPEndPoint(Source.Address, 5070), ResponseRouting.Destination(via, Source));
    }

    [Fact]
    public void Transport_should_fill_rport_and_answer_to_the_source_port()
    {
        var stamped = ResponseRouting.Stamp(Via("SIP/2.0/UDP 10.0.0.1:5060;rport;branch=z9hG4bK1"), Source);

        Assert.Equal(("203.0.113.5", 40000), (stamped.Received, stamped.Rport));
        Assert.Equal(Source, ResponseRouting.Destination(stamped, Source));
    }

    [Fact]
    public void Transport_should_stamp_only_the_top_via_of_a_shared_line()
    {
        var request = (SipRequest)SipParser.Parse(SampleMessagesWithTwoVias).Message!;

        var stamped = ResponseRouting.Stamp(request, Source);

        Assert.Equal(["203.0.113.5", null], stamped.Vias.Select(v => v.Received));
        Assert.Equal(["z9hG4bK1", "z9hG4bK2"], stamped.Vias.Select(v => v.Branch));
    }

    private static readonly byte[] SampleMessagesWithTwoVias = Message.SampleMessages.Bytes(
        "OPTIONS sip:a@b.example SIP/2.0\r\nVia: SIP/2.0/UDP p1.example;branch=z9hG4bK1, SIP/2.0/UDP p2.example;branch=z9hG4bK2\r\n" +
        "From: <sip:c@d.example>;tag=1\r\nTo: <sip:a@b.example>\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
}
