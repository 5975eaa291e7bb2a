using System.Globalization;
using System.Text;

namespace CallCenter.Integration.Tests.Ivr;

/// <summary>
/// Writes a sipp caller scenario for an IVR: INVITE (PCMA and telephone-event 101, media at <c>[media_port]</c> or a
/// port of the test's), answered by the IVR, then the DTMF digits as RFC 4733 packets from sipp's own captures
/// (<c>/usr/share/sip-tester/dtmf_2833_*.pcap</c>), then talk (g711a.pcap) and hang up, or wait for the gateway's BYE.
/// sipp's captures carry fixed RTP timestamps, rising from 1 to 9, then *, # (0 sits between 1 and 2): a receiver
/// rightly ignores an event older than the last, so digits are pressed in that order within one call.
/// </summary>
public static class IvrCaller
{
    private const string Captures = "/usr/share/sip-tester";

    /// <param name="digits">Digits to press, each after <paramref name="gapMs"/>.</param>
    /// <param name="hangUpAfterMs">Hang up this long after the last digit (talking meanwhile when <paramref name="talk"/>); null: wait for the gateway's BYE.</param>
    /// <param name="sipInfo">Press the digits with SIP INFO (<c>application/dtmf-relay</c>) instead of RTP.</param>
    public static string Write(string digits, int? hangUpAfterMs, bool talk = false, int firstDigitAfterMs = 1500, int gapMs = 500, int? mediaPort = null,
        bool sipInfo = false)
    {
        var body = new StringBuilder();
        body.Append(Invite(mediaPort is { } port ? port.ToString(CultureInfo.InvariantCulture) : "[media_port]"));
        body.Append(CultureInfo.InvariantCulture, $"  <pause milliseconds=\"{firstDigitAfterMs}\"/>\n");
        var cseq = 2;
        foreach (var digit in digits)
        {
            var capture = digit switch { '#' => "pound", '*' => "star", _ => digit.ToString() };
            if (sipInfo)
                body.Append(Info(digit, cseq++));
            else
                body.Append(CultureInfo.InvariantCulture, $"  <nop><action><exec play_pcap_audio=\"{Captures}/dtmf_2833_{capture}.pcap\"/></action></nop>\n");
            body.Append(CultureInfo.InvariantCulture, $"  <pause milliseconds=\"{gapMs}\"/>\n");
        }
        if (hangUpAfterMs is { } after)
        {
            if (talk)
                body.Append(CultureInfo.InvariantCulture, $"  <nop><action><exec play_pcap_audio=\"{Captures}/g711a.pcap\"/></action></nop>\n");
            body.Append(CultureInfo.InvariantCulture, $"  <pause milliseconds=\"{after}\"/>\n");
            body.Append(Bye(cseq));
        }
        else
            body.Append(AwaitBye);
        var file = Path.Combine(Directory.CreateTempSubdirectory("ivr-caller-").FullName, "ivr_caller.xml");
        File.WriteAllText(file, $"""
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <!DOCTYPE scenario SYSTEM "sipp.dtd">
            <scenario name="ivr caller {digits}">
            {body}
            </scenario>
            """);
        return file;
    }

    private static string Invite(string mediaPort) => $"""
          <send retrans="500">
            <![CDATA[

              INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              From: <sip:caller-[call_number]-[pid]@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
              To: <sip:[service]@[remote_ip]:[remote_port]>
              Call-ID: [call_id]
              CSeq: 1 INVITE
              Contact: <sip:caller-[call_number]-[pid]@[local_ip]:[local_port]>
              Max-Forwards: 70
              Content-Type: application/sdp
              Content-Length: [len]

              v=0
              o=caller 1 1 IN IP[local_ip_type] [local_ip]
              s=-
              c=IN IP[media_ip_type] [media_ip]
              t=0 0
              m=audio {mediaPort} RTP/AVP 8 101
              a=rtpmap:8 PCMA/8000
              a=rtpmap:101 telephone-event/8000
              a=fmtp:101 0-15
              a=sendrecv

            ]]>
          </send>
          <recv response="100" optional="true"/>
          <recv response="180" optional="true"/>
          <recv response="183" optional="true"/>
          <recv response="200" rrs="true"/>
          <send>
            <![CDATA[

              ACK [next_url] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              [routes]
              From: <sip:caller-[call_number]-[pid]@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
              To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: 1 ACK
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>

        """;

    private static string Info(char digit, int cseq) => $"""
          <send retrans="500">
            <![CDATA[

              INFO [next_url] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              [routes]
              From: <sip:caller-[call_number]-[pid]@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
              To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: {cseq} INFO
              Max-Forwards: 70
              Content-Type: application/dtmf-relay
              Content-Length: [len]

              Signal={digit}
              Duration=160

            ]]>
          </send>
          <recv response="200"/>

        """;

    private static string Bye(int cseq) => $"""
          <send retrans="500">
            <![CDATA[

              BYE [next_url] SIP/2.0
              Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
              [routes]
              From: <sip:caller-[call_number]-[pid]@[local_ip]:[local_port]>;tag=[pid]SIPpTag09[call_number]
              To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
              Call-ID: [call_id]
              CSeq: {cseq} BYE
              Max-Forwards: 70
              Content-Length: 0

            ]]>
          </send>
          <recv response="200"/>

        """;

    private const string AwaitBye = """
          <recv request="BYE"/>
          <send>
            <![CDATA[

              SIP/2.0 200 OK
              [last_Via:]
              [last_From:]
              [last_To:]
              [last_Call-ID:]
              [last_CSeq:]
              Content-Length: 0

            ]]>
          </send>

        """;
}
