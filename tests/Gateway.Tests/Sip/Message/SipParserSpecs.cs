using System.Text;
using CallCenter.Gateway.Sip.Message;

namespace CallCenter.Gateway.Tests.Sip.Message;

public sealed class SipParserSpecs
{
    private static SipRequest Request(string text) =>
        Assert.IsType<SipRequest>(SipParser.Parse(SampleMessages.Bytes(text)).Message);

    private static SipParseError Error(string text) =>
        SipParser.Parse(SampleMessages.Bytes(text)).Error ?? throw new Xunit.Sdk.XunitException("parsed, but should not have");

    [Fact]
    public void Parser_should_give_typed_access_to_an_invite()
    {
        var invite = Request(SampleMessages.Invite);

        Assert.Equal(SipMethods.Invite, invite.Method);
        var uri = Assert.IsType<SipUri>(invite.RequestUri);
        Assert.Equal(("agent", "callcenter.example.com"), (uri.User, uri.Host));
        Assert.Equal("z9hG4bK776asdhds", invite.TopVia!.Branch);
        Assert.True(invite.TopVia.HasRport);
        Assert.Equal(5060, invite.TopVia.Port);
        Assert.Equal("1928301774", invite.From!.Tag);
        Assert.Null(invite.To!.Tag);
        Assert.Equal("\"Agent\"", invite.To.DisplayName);
        Assert.Equal("a84b4c76e66710@pc33.example.com", invite.CallId);
        Assert.Equal(new CSeq(314159, "INVITE"), invite.CSeq);
        Assert.Equal(70, invite.MaxForwards);
        Assert.Equal("udp", ((SipUri)invite.Contact!.Addresses[0].Uri).Transport);
        Assert.True(invite.ContentType!.Is("application", "sdp"));
        Assert.Equal(["replaces", "timer"], invite.Supported);
        Assert.Equal(5, invite.Allow.Count);
        Assert.Equal(SampleMessages.Sdp, Encoding.UTF8.GetString(invite.Body.Span));
    }

    [Fact]
    public void Parser_should_expand_compact_header_forms()
    {
        var request = Request(
            "OPTIONS sip:a@b.example SIP/2.0\r\nv: SIP/2.0/UDP h.example;branch=z9hG4bK1\r\nf: <sip:c@d.example>;tag=1\r\n" +
            "t: sip:a@b.example\r\ni: call-1\r\nCSeq: 1 OPTIONS\r\nk: path\r\nm: <sip:c@h.example>\r\nl: 0\r\n\r\n");

        Assert.Equal("call-1", request.CallId);
        Assert.Equal(["path"], request.Supported);
        Assert.Contains(request.Headers, h => h.Name == HeaderNames.Via);
        Assert.Contains(request.Headers, h => h.Name == HeaderNames.ContentLength);
    }

    [Fact]
    public void Parser_should_unfold_folded_values_and_keep_unknown_headers_in_order()
    {
        var request = Request(
            "OPTIONS sip:a@b.example SIP/2.0\r\nVia: SIP/2.0/UDP h.example;branch=z9hG4bK1\r\nX-First: one\r\n  two\r\n" +
            "From: <sip:c@d.example>;tag=1\r\nTo: <sip:a@b.example>\r\nCall-ID: c\r\nCSeq: 1\r\n OPTIONS\r\nX-Second: three\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal("one two", request.Headers.Get("X-First"));
        Assert.Equal(new CSeq(1, "OPTIONS"), request.CSeq);
        var names = request.Headers.Select(h => h.Name).ToList();
        Assert.True(names.IndexOf("X-First") < names.IndexOf("X-Second"));
    }

    [Fact]
    public void Parser_should_collect_repeated_and_comma_separated_values()
    {
        var request = Request(
            "BYE sip:a@b.example SIP/2.0\r\nVia: SIP/2.0/UDP p1.example;branch=z9hG4bK1, SIP/2.0/TCP p2.example:5070;branch=z9hG4bK2\r\n" +
            "Via: SIP/2.0/UDP [2001:db8::9:1];received=192.0.2.200;branch=z9hG4bK3;ttl=16;maddr=224.0.0.1\r\nRoute: <sip:p1.example;lr>, <sip:p2.example;lr>\r\n" +
            "From: <sip:c@d.example>;tag=1\r\nTo: <sip:a@b.example>;tag=2\r\nCall-ID: c\r\nCSeq: 2 BYE\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal(["p1.example", "p2.example", "[2001:db8::9:1]"], request.Vias.Select(v => v.Host));
        Assert.Equal(("TCP", 5070), (request.Vias[1].Transport, request.Vias[1].Port));
        Assert.Equal(("192.0.2.200", 16, "224.0.0.1"), (request.Vias[2].Received, request.Vias[2].Ttl, request.Vias[2].Maddr));
        Assert.All(request.Routes, r => Assert.True(((SipUri)r.Uri).LooseRouting));
        Assert.Equal(2, request.Routes.Count);
    }

    [Fact]
    public void Parser_should_read_uri_parameters_headers_escapes_and_ipv6()
    {
        var uri = Assert.IsType<SipUri>(UriReference.Parse("sips:al%20ice:secret@[2001:db8::1]:5061;transport=tls;lr?Subject=hi&Priority=urgent"));

        Assert.Equal(("al%20ice", "secret", "[2001:db8::1]", 5061), (uri.User, uri.Password, uri.Host, uri.Port));
        Assert.Equal("2001:db8::1", uri.HostAddress);
        Assert.True(uri.IsSecure && uri.LooseRouting);
        Assert.Equal(["Subject", "Priority"], uri.Headers.Select(h => h.Name));
        Assert.Equal("sips:al%20ice:secret@[2001:db8::1]:5061;transport=tls;lr?Subject=hi&Priority=urgent", uri.ToString());
    }

    [Fact]
    public void Parser_should_read_tel_and_other_uris()
    {
        var tel = Assert.IsType<TelUri>(UriReference.Parse("tel:+1-201-555-0123;ext=42"));
        Assert.True(tel.IsGlobal);
        Assert.Equal("42", tel.Parameters["ext"]);
        Assert.IsType<AbsoluteUri>(UriReference.Parse("urn:service:sos"));
        Assert.Null(UriReference.Parse("sip:2001:db8::10"));
    }

    [Fact]
    public void Parser_should_read_contact_star_expires_and_generic_auth_params()
    {
        var register = Request(SampleMessages.Register);
        Assert.Equal(3600, register.Contact!.Addresses[0].Expires);
        var auth = Assert.Single(register.Authorization);
        Assert.Equal(("Digest", "\"agent42\""), (auth.Scheme, auth.Parameters["username"]));

        var star = Request(SampleMessages.Register.Replace("Contact: <sip:agent42@192.0.2.20:50412;transport=tcp>;expires=3600", "Contact: *\r\nExpires: 0"));
        Assert.True(star.Contact!.IsStar);
        Assert.Equal(0, star.Expires);
    }

    [Fact]
    public void Parser_should_reject_a_bad_cseq_and_salvage_what_an_answer_needs()
    {
        var error = Error(SampleMessages.Invite.Replace("CSeq: 314159 INVITE", "CSeq: 99999999999 INVITE"));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Bad Request - bad CSeq", error.ReasonPhrase);
        Assert.False(error.IsResponse);
        Assert.Equal([HeaderNames.Via, HeaderNames.To, HeaderNames.From, HeaderNames.CallId, HeaderNames.CSeq], error.Salvaged.Select(h => h.Name));
    }

    [Fact]
    public void Parser_should_reject_an_unsupported_version_with_505()
    {
        Assert.Equal(505, Error(SampleMessages.Invite.Replace("SIP/2.0\r\nVia", "SIP/3.0\r\nVia")).StatusCode);
    }

    [Fact]
    public void Parser_should_reject_a_message_over_the_size_limit_with_413()
    {
        var result = SipParser.Parse(SampleMessages.Bytes(SampleMessages.Invite), new SipParserOptions { MaxMessageSize = 200 });

        Assert.Equal(413, result.Error!.StatusCode);
        Assert.NotEmpty(result.Error.Salvaged);
    }

    [Fact]
    public void Parser_should_reject_a_body_shorter_than_content_length()
    {
        Assert.Equal("Content-Length larger than the body", Error(SampleMessages.Invite[..^10]).Detail);
    }

    [Fact]
    public void Parser_should_reject_a_stream_message_without_content_length()
    {
        var text = SampleMessages.Ok.Replace("Content-Length: 0\r\n", string.Empty);

        Assert.True(SipParser.Parse(SampleMessages.Bytes(text)).IsSuccess);
        Assert.Equal("missing Content-Length", SipParser.Parse(SampleMessages.Bytes(text), framing: SipFraming.Stream).Error!.Detail);
    }

    [Fact]
    public void Parser_should_mark_a_malformed_response_as_a_response()
    {
        var error = Error(SampleMessages.Ok.Replace("200 OK", "2000 OK"));

        Assert.True(error.IsResponse);
    }

    [Fact]
    public void Parser_should_ignore_bytes_after_the_announced_body_of_a_datagram()
    {
        var result = SipParser.Parse(SampleMessages.Bytes(SampleMessages.Ok + "garbage"));

        Assert.True(result.IsSuccess);
        Assert.Equal(SampleMessages.Ok.Length, result.Consumed);
    }
}
