using System.Text;

namespace CallCenter.Gateway.Tests.Sip.Message;

/// <summary>Typical messages shared by the specs, the fuzz tests and the benchmark's shape.</summary>
public static class SampleMessages
{
    public const string Sdp =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    public static readonly string Invite =
        "INVITE sip:agent@callcenter.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: \"Agent\" <sip:agent@callcenter.example.com>\r\n" +
        "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:alice@192.0.2.10:5060;transport=udp>\r\n" +
        "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS\r\n" +
        "Supported: replaces, timer\r\n" +
        "User-Agent: Softphone/1.0\r\n" +
        "Content-Type: application/sdp\r\n" +
        $"Content-Length: {Sdp.Length}\r\n" +
        "\r\n" + Sdp;

    public const string Ok =
        "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;received=192.0.2.10;rport=5060\r\n" +
        "To: \"Agent\" <sip:agent@callcenter.example.com>;tag=a6c85cf\r\n" +
        "From: \"Alice\" <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Contact: <sip:agent@198.51.100.7:5060>\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    public const string Register =
        "REGISTER sip:callcenter.example.com SIP/2.0\r\n" +
        "Via: SIP/2.0/TCP 192.0.2.20:50412;branch=z9hG4bKnashds7\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: <sip:agent42@callcenter.example.com>\r\n" +
        "From: <sip:agent42@callcenter.example.com>;tag=456248\r\n" +
        "Call-ID: 843817637684230@998sdasdh09\r\n" +
        "CSeq: 1826 REGISTER\r\n" +
        "Contact: <sip:agent42@192.0.2.20:50412;transport=tcp>;expires=3600\r\n" +
        "Authorization: Digest username=\"agent42\", realm=\"callcenter\", nonce=\"abc\", uri=\"sip:callcenter.example.com\", response=\"0123\"\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
