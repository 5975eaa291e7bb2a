using CallCenter.Gateway.Media.Dtmf;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Tests.Media.Pcap;

namespace CallCenter.Gateway.Tests.Media.Dtmf;

/// <summary>Replays the RFC 2833/4733 captures Debian's sip-tester (SIPp) ships into the receiver.</summary>
public sealed class SipTesterCaptureSpecs
{
    private const string CaptureFolder = "/usr/share/sip-tester";

    [Theory]
    [InlineData("0", '0')]
    [InlineData("1", '1')]
    [InlineData("2", '2')]
    [InlineData("3", '3')]
    [InlineData("4", '4')]
    [InlineData("5", '5')]
    [InlineData("6", '6')]
    [InlineData("7", '7')]
    [InlineData("8", '8')]
    [InlineData("9", '9')]
    [InlineData("pound", '#')]
    [InlineData("star", '*')]
    public void Receiver_should_report_each_sipp_capture_digit_exactly_once(string name, char expected)
    {
        string path = Path.Combine(CaptureFolder, $"dtmf_2833_{name}.pcap");
        Assert.True(File.Exists(path), $"{path} is missing: apt-get install -y sip-tester (test.sh does this).");

        var digits = new List<DtmfDigit>();
        var receiver = new DtmfReceiver(digits.Add);
        IReadOnlyList<UdpDatagram> datagrams = PcapReader.ReadUdp(path);
        Assert.NotEmpty(datagrams);
        foreach (UdpDatagram datagram in datagrams)
        {
            Assert.True(RtpPacket.TryParse(datagram.Payload, out RtpPacket packet));
            Assert.True(receiver.Receive(packet));
        }

        Assert.Equal(expected, Assert.Single(digits).Digit);
    }
}
