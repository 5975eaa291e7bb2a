using System.Buffers.Binary;
using System.Net;
using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Recording;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Transport;
using CallCenter.Gateway.Media.Wav;
using CallCenter.Gateway.Tests.Sip.Transport;

namespace CallCenter.Gateway.Tests.Media.Recording;

/// <summary>The relay's observer fed by hand on virtual time: where each leg's audio lands in the file.</summary>
public sealed class RelayRecordingSpecs : IAsyncDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly RtpPortAllocator _ports = new(47000, 47099);
    private readonly RtpEndpoint _callerLeg;
    private readonly RtpEndpoint _agentLeg;
    private readonly MemoryStream _file = new();

    public RelayRecordingSpecs()
    {
        _callerLeg = RtpEndpoint.Open(_ports, IPAddress.Loopback);
        _agentLeg = RtpEndpoint.Open(_ports, IPAddress.Loopback);
    }

    public async ValueTask DisposeAsync()
    {
        await _callerLeg.DisposeAsync();
        await _agentLeg.DisposeAsync();
    }

    private static void Observe(RelayRecording recording, RtpEndpoint from, uint ssrc, uint timestamp, byte payloadType = G711.PcmuPayloadType)
    {
        var datagram = new byte[RtpPacketizer.PacketLength(G711.SamplesPerFrame)];
        byte[] payload = Enumerable.Repeat(MuLaw.Encode(6000), G711.SamplesPerFrame).ToArray();
        RtpPacket.TryWrite(datagram, new RtpHeader(payloadType, (ushort)timestamp, timestamp, ssrc, false), payload, out _);
        Assert.True(RtpPacket.TryParse(datagram, out var packet));
        recording.Observe(from, packet);
    }

    private (short[] Left, short[] Right) ReadBack()
    {
        using WavReader reader = WavReader.Open(new MemoryStream(_file.ToArray()));
        Assert.Equal(new WavFormat(WavEncoding.Pcm16, 8000, 2), reader.Format);
        byte[] data = reader.ReadAll();
        var samples = Enumerable.Range(0, data.Length / 2).Select(i => BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(2 * i))).ToArray();
        return (samples.Where((_, i) => i % 2 == 0).ToArray(), samples.Where((_, i) => i % 2 == 1).ToArray());
    }

    private static bool Loud(short[] channel, double fromSeconds, double toSeconds) =>
        channel[(int)(fromSeconds * 8000)..(int)(toSeconds * 8000)].All(s => s != 0);

    private static bool Silent(short[] channel, double fromSeconds, double toSeconds) =>
        channel[(int)(fromSeconds * 8000)..(int)(toSeconds * 8000)].All(s => s == 0);

    /// <summary>Both legs talk for a second, both fall silent for two (no RTP at all), then talk for a second again.</summary>
    [Fact]
    public void Recording_should_keep_both_channels_on_wall_time_across_a_silence_on_both_sides()
    {
        var recording = new RelayRecording(new StereoCallRecorder(new KeepOpen(_file)), _callerLeg, _time);
        uint agentRestart = 3_000_000;
        for (int frame = 0; frame < 200; frame++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(20));
            if (frame is >= 50 and < 150)
            {
                continue;
            }

            // The caller's clock ran on through the silence; the agent's phone restarted its stream with a new source.
            Observe(recording, _callerLeg, 0xCA11, (uint)frame * 160);
            Observe(recording, _agentLeg, frame < 50 ? 0xA6Eu : 0xA6Fu, frame < 50 ? (uint)frame * 160 : agentRestart + ((uint)frame * 160));
        }

        TimeSpan duration = recording.Close();

        Assert.Equal(TimeSpan.FromSeconds(4), duration);
        var (left, right) = ReadBack();
        foreach (var channel in new[] { left, right })
        {
            Assert.True(Loud(channel, 0, 0.98));
            Assert.True(Silent(channel, 1.02, 2.98));
            Assert.True(Loud(channel, 3.02, 3.98));
        }
    }

    [Fact]
    public void Recording_should_leave_silence_for_telephone_events_and_pad_to_the_time_it_is_closed()
    {
        var recording = new RelayRecording(new StereoCallRecorder(new KeepOpen(_file)), _callerLeg, _time);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Observe(recording, _callerLeg, 1, 0);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Observe(recording, _callerLeg, 1, 160, payloadType: 101);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        Observe(recording, _callerLeg, 1, 320);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(1.06), recording.Close());
        Observe(recording, _callerLeg, 1, 480); // after the close: ignored

        var (left, right) = ReadBack();
        Assert.Equal(8480, left.Length);
        Assert.True(Loud(left, 0, 0.02) && Silent(left, 0.02, 0.04) && Loud(left, 0.04, 0.06) && Silent(left, 0.06, 1.06));
        Assert.True(Silent(right, 0, 1.06));
    }

    // The recorder closes its stream; the spec reads the bytes afterwards.
    private sealed class KeepOpen(MemoryStream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => true;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);
    }
}
