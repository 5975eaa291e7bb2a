using System.Buffers.Binary;
using CallCenter.Actors;
using CallCenter.Gateway.Calls;
using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Transport;
using CallCenter.Gateway.Media.Wav;
using CallCenter.Gateway.Tests.Media.Transport;
using CallCenter.Gateway.Tests.Sip.Transport;

namespace CallCenter.Gateway.Tests.Calls;

/// <summary>A relayed exchange over loopback sockets, recorded as the gateway records an agent's part of a call.</summary>
public sealed class AgentRecordingSpecs : IAsyncDisposable
{
    private static readonly CallId Call = new("0f3c");
    private static readonly AgentId Agent = new("alice");

    private readonly string _root = Path.Combine(Path.GetTempPath(), "callcenter-recordings-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _time = new();
    private readonly RtpPortAllocator _ports = new(47100, 47199);
    private readonly LoopbackPhone _caller = new();
    private readonly LoopbackPhone _agent = new();
    private readonly RtpEndpoint _callerLeg;
    private readonly RtpEndpoint _agentLeg;

    public AgentRecordingSpecs()
    {
        _callerLeg = GatewayLeg.OpenFor(_ports, _caller.EndPoint);
        _agentLeg = GatewayLeg.OpenFor(_ports, _agent.EndPoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _callerLeg.DisposeAsync();
        await _agentLeg.DisposeAsync();
        _caller.Dispose();
        _agent.Dispose();
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }

    /// <summary>One second of a tone as 50 RTP packets in <paramref name="law"/>.</summary>
    private static IEnumerable<byte[]> Talk(G711Law law, double frequency)
    {
        var packetizer = new RtpPacketizer(law.PayloadType());
        var samples = new short[G711.SamplesPerFrame];
        var codes = new byte[G711.SamplesPerFrame];
        for (var frame = 0; frame < 50; frame++)
        {
            for (var i = 0; i < samples.Length; i++)
                samples[i] = (short)(6000 * Math.Sin(2 * Math.PI * frequency * ((frame * 160) + i) / G711.ClockRate));
            G711.Encode(law, samples, codes);
            var packet = new byte[RtpPacketizer.PacketLength(codes.Length)];
            packetizer.WriteFrame(codes, packet);
            yield return packet;
        }
    }

    private static double Energy(IEnumerable<short> samples) => samples.Average(s => (double)s * s);

    [Fact]
    public async Task Recording_of_a_relayed_exchange_should_be_a_stereo_wav_of_its_length_with_both_sides_heard()
    {
        var recording = AgentRecording.Start(_root, Call, Agent, _callerLeg, _time);
        using var relay = new RtpRelay(_callerLeg, _agentLeg, recording.Observer);

        foreach (var (fromCaller, fromAgent) in Talk(G711Law.ALaw, 440).Zip(Talk(G711Law.MuLaw, 1000)))
        {
            _caller.SendTo(_callerLeg.LocalEndPoint, fromCaller);
            _agent.SendTo(_agentLeg.LocalEndPoint, fromAgent);
        }

        await Eventually.True(() => relay.ForwardedAToB == 50 && relay.ForwardedBToA == 50);
        var report = recording.Close();

        Assert.Equal(Path.Combine(_root, "2026-01-01", "0f3c-alice.wav"), report.Path);
        Assert.Equal((Call, Agent, 1.0), (report.CallId, report.AgentId, report.DurationSeconds));
        using WavReader reader = WavReader.Open(report.Path);
        Assert.Equal(new WavFormat(WavEncoding.Pcm16, 8000, 2), reader.Format);
        Assert.Equal(TimeSpan.FromSeconds(1), reader.Duration);
        byte[] data = reader.ReadAll();
        var samples = Enumerable.Range(0, data.Length / 2).Select(i => BinaryPrimitives.ReadInt16LittleEndian(data.AsSpan(2 * i))).ToArray();
        Assert.True(Energy(samples.Where((_, i) => i % 2 == 0)) > 1_000_000, "the caller is heard on the left");
        Assert.True(Energy(samples.Where((_, i) => i % 2 == 1)) > 1_000_000, "the agent is heard on the right");
    }

    [Fact]
    public void Agent_connected_to_the_same_call_again_should_get_a_second_file()
    {
        var first = AgentRecording.Start(_root, Call, Agent, _callerLeg, _time);
        var second = AgentRecording.Start(_root, Call, new AgentId("alice"), _callerLeg, _time);

        Assert.Equal(Path.Combine(_root, "2026-01-01", "0f3c-alice-2.wav"), second.Path);
        Assert.NotEqual(first.Path, second.Path);
        first.Close();
        second.Close();
    }
}
