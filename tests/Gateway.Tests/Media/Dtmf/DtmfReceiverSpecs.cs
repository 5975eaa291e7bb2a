using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Dtmf;
using CallCenter.Gateway.Media.Rtp;

namespace CallCenter.Gateway.Tests.Media.Dtmf;

public sealed class DtmfReceiverSpecs
{
    private const uint Ssrc = 0x1234;
    private readonly List<DtmfDigit> _digits = [];
    private readonly DtmfReceiver _receiver;

    public DtmfReceiverSpecs()
    {
        _receiver = new DtmfReceiver(_digits.Add);
    }

    private static IEnumerable<(uint Timestamp, TelephoneEvent Payload)> Press(char digit, uint timestamp, int milliseconds = 100) =>
        DtmfSender.CreatePackets(digit, TimeSpan.FromMilliseconds(milliseconds)).Select(p => (timestamp, p.Payload));

    private void Receive(IEnumerable<(uint Timestamp, TelephoneEvent Payload)> packets)
    {
        foreach ((uint timestamp, TelephoneEvent payload) in packets)
        {
            _receiver.Receive(Ssrc, timestamp, payload);
        }
    }

    [Fact]
    public void Receiver_should_report_one_digit_for_start_repeats_and_three_end_packets()
    {
        Receive(Press('7', 8000));

        DtmfDigit digit = Assert.Single(_digits);
        Assert.Equal(new DtmfDigit('7', TimeSpan.FromMilliseconds(100), DtmfTransport.TelephoneEvent), digit);
    }

    [Fact]
    public void Receiver_should_report_each_press_of_the_same_digit()
    {
        Receive(Press('1', 8000).Concat(Press('1', 9600)).Concat(Press('1', 11200)));

        Assert.Equal("111", string.Concat(_digits.Select(d => d.Digit)));
    }

    [Fact]
    public void Receiver_should_ignore_redundant_and_late_duplicates()
    {
        var first = Press('4', 8000).ToList();
        var second = Press('2', 9600).ToList();
        // Every packet twice, then the first press's end packet arriving after the second press began.
        Receive(first.SelectMany(p => new[] { p, p }));
        Receive(second.Take(2));
        Receive([first[^1], first[0]]);
        Receive(second.Skip(2));

        Assert.Equal("42", string.Concat(_digits.Select(d => d.Digit)));
    }

    [Fact]
    public void Receiver_should_report_once_when_packets_of_one_press_arrive_out_of_order()
    {
        var packets = Press('9', 8000).ToList();
        Receive([packets[1], packets[0], packets[4], packets[3], packets[2], packets[6], packets[5]]);

        DtmfDigit digit = Assert.Single(_digits);
        Assert.Equal('9', digit.Digit);
        Assert.Equal(TimeSpan.FromMilliseconds(100), digit.Duration);
    }

    [Fact]
    public void Receiver_should_report_a_press_whose_end_packets_were_all_lost_when_the_next_begins()
    {
        Receive(Press('3', 8000).Where(p => !p.Payload.End));
        Assert.Empty(_digits);

        Receive(Press('6', 9600));

        Assert.Equal("36", string.Concat(_digits.Select(d => d.Digit)));
        Assert.Equal(TimeSpan.FromMilliseconds(80), _digits[0].Duration);
    }

    [Fact]
    public void Receiver_should_report_a_press_whose_end_packets_were_all_lost_once_audio_moves_past_it()
    {
        Receive(Press('8', 8000).Where(p => !p.Payload.End));

        _receiver.ObserveTimestamp(Ssrc, 8000 + 640 + 160);
        Assert.Empty(_digits);
        _receiver.ObserveTimestamp(Ssrc, 8000 + 640 + DtmfReceiver.EndTimeoutSamples + 1);

        Assert.Equal('8', Assert.Single(_digits).Digit);
    }

    [Fact]
    public void Receiver_should_report_a_press_that_lost_its_start_packets()
    {
        Receive(Press('0', 8000).Skip(3));

        Assert.Equal('0', Assert.Single(_digits).Digit);
    }

    [Fact]
    public void Receiver_should_report_an_open_press_on_flush_only_once()
    {
        Receive(Press('*', 8000).Take(2));
        _receiver.Flush();
        _receiver.Flush();

        Assert.Equal('*', Assert.Single(_digits).Digit);
    }

    [Fact]
    public void Receiver_should_handle_timestamps_that_wrap_around()
    {
        Receive(Press('1', uint.MaxValue - 100).Concat(Press('2', 1500)));

        Assert.Equal("12", string.Concat(_digits.Select(d => d.Digit)));
    }

    [Fact]
    public void Receiver_should_start_afresh_for_a_new_ssrc()
    {
        Receive(Press('1', 80000));
        foreach ((uint timestamp, TelephoneEvent payload) in Press('2', 100))
        {
            _receiver.Receive(Ssrc + 1, timestamp, payload);
        }

        Assert.Equal("12", string.Concat(_digits.Select(d => d.Digit)));
    }

    [Fact]
    public void Receiver_should_decode_what_the_sender_and_packetizer_put_on_the_wire()
    {
        var packetizer = new RtpPacketizer(G711.PcmuPayloadType);
        var buffer = new byte[RtpPacketizer.PacketLength(G711.SamplesPerFrame)];
        var payload = new byte[TelephoneEvent.Length];
        foreach (char digit in "0123456789*#ABCD")
        {
            uint start = packetizer.Timestamp;
            foreach (TelephoneEventPacket packet in DtmfSender.CreatePackets(digit, DtmfSender.DefaultDuration))
            {
                packet.Payload.Write(payload);
                int length = packetizer.WriteEvent(TelephoneEvent.DefaultPayloadType, start, packet.Marker, payload, buffer);
                Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, length), out RtpPacket rtp));
                Assert.True(_receiver.Receive(rtp));
            }

            packetizer.AdvanceTimestamp(800);
            int audio = packetizer.WriteFrame(new byte[160], buffer);
            Assert.True(RtpPacket.TryParse(buffer.AsSpan(0, audio), out RtpPacket frame));
            Assert.False(_receiver.Receive(frame));
        }

        Assert.Equal("0123456789*#ABCD", string.Concat(_digits.Select(d => d.Digit)));
    }
}
