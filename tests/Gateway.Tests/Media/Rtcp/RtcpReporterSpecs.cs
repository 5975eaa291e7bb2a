using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Rtcp;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Tones;
using CallCenter.Gateway.Media.Transport;
using CallCenter.Gateway.Tests.Sip.Transport;

namespace CallCenter.Gateway.Tests.Media.Rtcp;

/// <summary>When the gateway reports, and as what, on a virtual clock: every compound sent is kept with its instant.</summary>
public sealed class RtcpReporterSpecs
{
    private static readonly RtcpReportBlock CallerReachesUs = new(0xCA11, 0, 0, 100, 24, 0, 0);

    private readonly ManualTimeProvider _time = new();
    private readonly List<(DateTimeOffset At, byte[] Compound)> _sent = [];
    private RtcpReportBlock? _reception;

    private RtcpReporter Reporter(Random? random = null) =>
        new(_time, Capture, () => _reception, random ?? new FixedRandom(0.5), cname: "gateway@test");

    private bool Capture(ReadOnlySpan<byte> compound)
    {
        _sent.Add((_time.GetUtcNow(), compound.ToArray()));
        return true;
    }

    private RtcpReport Report(int index)
    {
        Assert.True(RtcpPacket.TryParseReport(_sent[index].Compound, out RtcpReport? report));
        return report!;
    }

    private void Advance(double seconds) => _time.Advance(TimeSpan.FromSeconds(seconds));

    [Theory]
    [InlineData(0.0, 1250)]
    [InlineData(0.5, 2500)]
    [InlineData(0.75, 3125)]
    public void Reporter_should_send_its_first_report_after_half_of_5_s_randomized(double draw, double expectedMs)
    {
        var start = _time.GetUtcNow();
        using var reporter = Reporter(new FixedRandom(draw));
        reporter.Attach(new FakeSender(7));

        _time.Advance(TimeSpan.FromMilliseconds(expectedMs - 1));
        Assert.Empty(_sent);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal([start + TimeSpan.FromMilliseconds(expectedMs)], _sent.Select(s => s.At));
    }

    [Fact]
    public void Reporter_should_space_later_reports_between_half_and_one_and_a_half_times_5_s()
    {
        using var reporter = Reporter(new Random(5));
        reporter.Attach(new FakeSender(7));

        Advance(200 * 7.5);

        var gaps = _sent.Zip(_sent.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).ToList();
        Assert.True(gaps.Count >= 150);
        Assert.All(gaps, gap => Assert.InRange(gap, 2.5, 7.5));
        // Randomized, not fixed: both ends of the range are used.
        Assert.True(gaps.Min() < 3 && gaps.Max() > 7, $"gaps from {gaps.Min()} to {gaps.Max()} s");
    }

    [Fact]
    public void Interval_should_stay_within_half_and_one_and_a_half_times_5_s()
    {
        Assert.Equal(TimeSpan.FromSeconds(2.5), RtcpReporter.NextInterval(0, first: false));
        Assert.Equal(TimeSpan.FromSeconds(5), RtcpReporter.NextInterval(0.5, first: false));
        Assert.InRange(RtcpReporter.NextInterval(Math.BitDecrement(1.0), first: false), TimeSpan.FromSeconds(7.4999), TimeSpan.FromSeconds(7.5));
        Assert.Equal(TimeSpan.FromSeconds(1.25), RtcpReporter.NextInterval(0, first: true));
    }

    [Fact]
    public void Reporter_should_send_an_SR_then_SDES_CNAME_as_the_stream_while_it_sends()
    {
        using var reporter = Reporter();
        var stream = new FakeSender(0x5EED);
        reporter.Attach(stream);

        stream.Send(100);
        Advance(2.5);
        stream.Send(250);
        Advance(5);

        Assert.Equal(2, _sent.Count);
        Assert.All(_sent, s => Assert.Equal([RtcpPacket.SenderReportType, RtcpPacket.SourceDescriptionType], RtcpCompoundSpecs.PacketTypes(s.Compound)));
        Assert.Equal(0x5EEDu, Report(1).Ssrc);
        Assert.Equal(stream.SenderInfo(_sent[1].At), Report(1).SenderInfo);
        Assert.True(RtcpPacket.TryParseCname(_sent[1].Compound, out uint ssrc, out string? cname));
        Assert.Equal((0x5EEDu, "gateway@test"), (ssrc, cname));
    }

    [Fact]
    public void Reporter_should_add_a_reception_report_on_what_the_leg_sends_us()
    {
        using var reporter = Reporter();
        var stream = new FakeSender(0x5EED);
        reporter.Attach(stream);
        stream.Send(1);
        Advance(2.5);
        _reception = CallerReachesUs;
        stream.Send(1);
        Advance(5);

        Assert.Empty(Report(0).Blocks);
        Assert.Equal([CallerReachesUs], Report(1).Blocks);
    }

    [Fact]
    public void Reporter_should_fall_back_to_RR_once_its_stream_sent_nothing_since_the_report_before_last()
    {
        using var reporter = Reporter();
        var stream = new FakeSender(0x5EED);
        reporter.Attach(stream);

        stream.Send(50);
        Advance(2.5); // sent since the last report
        Advance(5); // not since the last, but since the one before (RFC 3550 §6.4)
        Advance(5); // quiet for two intervals: a receiver
        stream.Send(1);
        Advance(5);

        Assert.Equal([true, true, false, true], _sent.Select((_, i) => Report(i).IsSenderReport));
        Assert.All(_sent.Select((_, i) => Report(i).Ssrc), s => Assert.Equal(0x5EEDu, s));
    }

    [Fact]
    public void Reporter_should_send_RR_when_the_gateway_only_receives()
    {
        using var reporter = Reporter();
        _reception = CallerReachesUs;
        reporter.Attach(source: null);

        Advance(2.5);

        Assert.Equal([RtcpPacket.ReceiverReportType, RtcpPacket.SourceDescriptionType], RtcpCompoundSpecs.PacketTypes(_sent.Single().Compound));
        Assert.Equal(reporter.Ssrc, Report(0).Ssrc);
        Assert.Equal([CallerReachesUs], Report(0).Blocks);
    }

    [Fact]
    public void Reporter_should_send_nothing_while_the_leg_is_relayed_and_resume_after()
    {
        using var reporter = Reporter();
        reporter.Attach(new FakeSender(1));
        Advance(2.5);

        reporter.Detach();
        Advance(60);
        Assert.Single(_sent);

        reporter.Attach(new FakeSender(2));
        Advance(5);
        Assert.Equal(2, _sent.Count);
        Assert.Equal(2u, Report(1).Ssrc);
    }

    [Fact]
    public void Reporter_should_say_BYE_as_its_stream_once_when_the_leg_closes()
    {
        var reporter = Reporter();
        var stream = new FakeSender(0x5EED);
        reporter.Attach(stream);
        stream.Send(10);
        Advance(2.5);

        reporter.Dispose();
        reporter.Dispose();
        Advance(60);

        Assert.Equal(2, _sent.Count);
        Assert.Equal([RtcpPacket.SenderReportType, RtcpPacket.SourceDescriptionType, RtcpPacket.ByeType], RtcpCompoundSpecs.PacketTypes(_sent[1].Compound));
        Assert.True(RtcpPacket.TryParseBye(_sent[1].Compound, out uint ssrc));
        Assert.Equal(0x5EEDu, ssrc);
    }

    [Fact]
    public void Reporter_should_say_BYE_after_a_bridge_too_with_no_report_on_the_relayed_stream()
    {
        var reporter = Reporter();
        reporter.Attach(new FakeSender(0x5EED));
        reporter.Detach();
        _reception = CallerReachesUs;

        reporter.Dispose();

        Assert.Equal([RtcpPacket.ReceiverReportType, RtcpPacket.SourceDescriptionType, RtcpPacket.ByeType], RtcpCompoundSpecs.PacketTypes(_sent.Single().Compound));
        Assert.Empty(Report(0).Blocks);
        Assert.Equal(0x5EEDu, Report(0).Ssrc);
    }

    [Fact]
    public void Reporter_that_never_took_part_should_say_nothing_when_the_leg_closes()
    {
        Reporter().Dispose();
        Assert.Empty(_sent);
    }

    [Fact]
    public void SR_should_carry_the_instant_on_the_playing_streams_RTP_clock_and_what_it_sent()
    {
        using var clock = new MediaClock(_time);
        var start = _time.GetUtcNow();
        var stream = clock.Play(
            new ToneGenerator(ToneGenerator.RingbackTone, ToneGenerator.RingbackCadence, G711Law.ALaw, TimeSpan.FromSeconds(10)),
            new RtpPacketizer(G711.PcmaPayloadType, ssrc: 0xB0B, firstSequenceNumber: 1, firstTimestamp: 1000),
            _ => true);
        using var reporter = Reporter(new FixedRandom(0));
        reporter.Attach(stream);

        Advance(1.25);

        var report = Report(0);
        Assert.Equal(0xB0Bu, report.Ssrc);
        var info = report.SenderInfo!.Value;
        Assert.Equal(RtcpSenderInfo.ToNtpTimestamp(start + TimeSpan.FromSeconds(1.25)), info.NtpTimestamp);
        // 1.25 s after the first sample on an 8 kHz clock, though the last frame out (the 62nd) began at 1.22 s.
        Assert.Equal(1000u + 10_000u, info.RtpTimestamp);
        Assert.Equal(62u, info.PacketCount);
        Assert.Equal(62u * G711.SamplesPerFrame, info.OctetCount);
    }

    private sealed class FixedRandom(double draw) : Random
    {
        public override double NextDouble() => draw;
    }

    /// <summary>A stream whose counts move only when the spec says it sent.</summary>
    private sealed class FakeSender(uint ssrc) : IRtpSender
    {
        private uint _packets;

        public uint Ssrc => ssrc;

        public void Send(uint packets) => _packets += packets;

        public RtcpSenderInfo SenderInfo(DateTimeOffset now) =>
            new(RtcpSenderInfo.ToNtpTimestamp(now), 4000 + _packets * 160, _packets, _packets * 160);
    }
}
