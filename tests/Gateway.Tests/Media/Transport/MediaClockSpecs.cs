using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Tones;
using CallCenter.Gateway.Media.Transport;
using CallCenter.Gateway.Tests.Sip.Transport;

namespace CallCenter.Gateway.Tests.Media.Transport;

public sealed class MediaClockSpecs
{
    private readonly ManualTimeProvider _time = new();
    private readonly List<RtpHeader> _sent = [];

    private bool Capture(ReadOnlySpan<byte> datagram)
    {
        Assert.True(RtpPacket.TryParse(datagram, out var packet));
        _sent.Add(packet.Header);
        return true;
    }

    private static ToneGenerator Ringback(double seconds) =>
        new(ToneGenerator.RingbackTone, ToneGenerator.RingbackCadence, G711Law.ALaw, TimeSpan.FromSeconds(seconds));

    [Fact]
    public void Clock_should_send_a_frame_every_20_ms_with_consecutive_sequence_numbers_and_timestamps()
    {
        using var clock = new MediaClock(_time);
        clock.Play(Ringback(10), new RtpPacketizer(8, ssrc: 7, firstSequenceNumber: 100, firstTimestamp: 1000), Capture);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(50, _sent.Count);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (ushort)(100 + i)), _sent.Select(h => h.SequenceNumber));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (uint)(1000 + 160 * i)), _sent.Select(h => h.Timestamp));
        Assert.True(_sent[0].Marker);
        Assert.All(_sent.Skip(1), h => Assert.False(h.Marker));
        Assert.All(_sent, h => Assert.Equal((byte)8, h.PayloadType));
    }

    [Fact]
    public void Stream_should_end_with_its_source_and_say_so_once()
    {
        using var clock = new MediaClock(_time);
        var finished = 0;
        clock.Play(Ringback(0.2), new RtpPacketizer(8), Capture, () => finished++);

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(10, _sent.Count);
        Assert.Equal(1, finished);
        Assert.Equal(0, clock.Playing);
    }

    [Fact]
    public void Stopped_stream_should_send_nothing_more()
    {
        using var clock = new MediaClock(_time);
        var stream = clock.Play(Ringback(10), new RtpPacketizer(0), Capture);

        _time.Advance(TimeSpan.FromMilliseconds(100));
        stream.Dispose();
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(5, _sent.Count);
        Assert.Equal(0, clock.Playing);
    }

    [Fact]
    public void Late_tick_should_catch_up_and_a_long_stall_should_skip_ahead_keeping_the_timestamps_true()
    {
        var time = new StalledTime();
        using var clock = new MediaClock(time);
        clock.Play(Ringback(10), new RtpPacketizer(8, ssrc: 1, firstSequenceNumber: 0, firstTimestamp: 0), Capture);

        time.Now += TimeSpan.FromMilliseconds(20);
        clock.Tick();
        time.Now += TimeSpan.FromMilliseconds(40); // one tick missed: both frames go now
        clock.Tick();
        time.Now += TimeSpan.FromSeconds(1); // a stall: no burst of 50, the stream jumps to where it should be
        clock.Tick();

        Assert.Equal([0, 1, 2, 3], _sent.Select(h => (int)h.SequenceNumber));
        Assert.Equal([0u, 160u, 320u, 52 * 160u], _sent.Select(h => h.Timestamp));
    }

    /// <summary>A clock whose timer never fires by itself: the spec ticks by hand at the times it chooses.</summary>
    private sealed class StalledTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Idle();

        private sealed class Idle : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
