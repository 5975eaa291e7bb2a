using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Transport;

namespace CallCenter.Gateway.Tests.Media.Transport;

public sealed class RtpRelaySpecs : IAsyncDisposable
{
    private readonly RtpPortAllocator _allocator = new(44000, 44999);
    private readonly LoopbackPhone _caller = new();
    private readonly LoopbackPhone _agent = new();
    private readonly RtpEndpoint _callerLeg;
    private readonly RtpEndpoint _agentLeg;

    public RtpRelaySpecs()
    {
        // Both phones' SDP addresses are right here; symmetric RTP confirms them with their first packets.
        _callerLeg = GatewayLeg.OpenFor(_allocator, _caller.EndPoint);
        _agentLeg = GatewayLeg.OpenFor(_allocator, _agent.EndPoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _callerLeg.DisposeAsync();
        await _agentLeg.DisposeAsync();
        _caller.Dispose();
        _agent.Dispose();
    }

    private static byte[] Packet(uint ssrc, ushort sequence, uint timestamp, bool marker = false)
    {
        var packet = new byte[RtpPacketizer.PacketLength(G711.SamplesPerFrame)];
        byte[] payload = Enumerable.Range(0, G711.SamplesPerFrame).Select(i => (byte)(i + sequence)).ToArray();
        RtpPacket.TryWrite(packet, new RtpHeader(G711.PcmaPayloadType, sequence, timestamp, ssrc, marker), payload, out _);
        return packet;
    }

    [Fact]
    public async Task Relay_should_pass_packets_through_unchanged_in_both_directions()
    {
        using var relay = new RtpRelay(_callerLeg, _agentLeg);

        byte[] fromCaller = Packet(0xCA11E4, 65535, 4_000_000_000, marker: true);
        _caller.SendTo(_callerLeg.LocalEndPoint, fromCaller);
        Assert.Equal(fromCaller, await _agent.ReceiveAsync());

        byte[] fromAgent = Packet(0xA6E47, 12, 960);
        _agent.SendTo(_agentLeg.LocalEndPoint, fromAgent);
        Assert.Equal(fromAgent, await _caller.ReceiveAsync());

        // The relay counts after its send returns, which can be just after the phone has the packet.
        Assert.True(SpinWait.SpinUntil(() => relay.ForwardedAToB == 1 && relay.ForwardedBToA == 1, LoopbackPhone.Timeout));
        Assert.Equal(0, relay.Dropped);
    }

    [Fact]
    public async Task Relay_should_let_an_observer_see_each_packet_it_forwards()
    {
        var seen = new List<(RtpEndpoint From, ushort Sequence)>();
        using var relay = new RtpRelay(_callerLeg, _agentLeg, (RtpEndpoint from, in RtpPacket packet) => seen.Add((from, packet.Header.SequenceNumber)));

        for (ushort sequence = 1; sequence <= 5; sequence++)
        {
            _caller.SendTo(_callerLeg.LocalEndPoint, Packet(1, sequence, sequence * 160u));
            await _agent.ReceiveAsync();
        }

        Assert.Equal(Enumerable.Range(1, 5).Select(s => (_callerLeg, (ushort)s)), seen);
        Assert.True(SpinWait.SpinUntil(() => relay.ForwardedAToB == 5, LoopbackPhone.Timeout));
    }

    [Fact]
    public void Disposing_the_relay_should_unbridge_the_legs()
    {
        var relay = new RtpRelay(_callerLeg, _agentLeg);
        relay.Dispose();

        Assert.Null(_callerLeg.PacketHandler);
        Assert.Null(_agentLeg.PacketHandler);
    }
}
