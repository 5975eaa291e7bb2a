using System.Net;
using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Rtcp;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Transport;

namespace CallCenter.Gateway.Tests.Media.Transport;

/// <summary>
/// The relay as an RTP translator (RFC 3550 §7.2) over loopback: two phones, each with RTP and RTCP on a port pair,
/// bridged through two gateway endpoints.
/// </summary>
public sealed class RtcpRelaySpecs : IAsyncDisposable
{
    private static readonly RtcpReportBlock CallerHearsAgent = new(0xA6E47, 3, 12, 0x0001_0010, 40, 0, 0);
    private static readonly RtcpReportBlock AgentHearsCaller = new(0xCA11E4, 0, 0, 500, 8, 0, 0);

    private readonly RtpPortAllocator _allocator = new(49000, 49999);
    private readonly LoopbackRtpPhone _caller = new();
    private readonly LoopbackRtpPhone _agent = new();
    private readonly RtpEndpoint _callerLeg;
    private readonly RtpEndpoint _agentLeg;

    public RtcpRelaySpecs()
    {
        _callerLeg = GatewayLeg.OpenFor(_allocator, _caller.RtpEndPoint);
        _agentLeg = GatewayLeg.OpenFor(_allocator, _agent.RtpEndPoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _callerLeg.DisposeAsync();
        await _agentLeg.DisposeAsync();
        _caller.Dispose();
        _agent.Dispose();
    }

    /// <summary>What a phone sends each interval: an RR on the source it hears, then its SDES CNAME.</summary>
    internal static byte[] ReceiverReport(uint ssrc, RtcpReportBlock block, string cname)
    {
        var buffer = new byte[RtcpCompound.MaxLength];
        Assert.True(RtcpCompound.TryWrite(buffer, ssrc, senderInfo: null, block, cname, bye: false, out int written));
        return buffer[..written];
    }

    private static byte[] Audio(uint ssrc, ushort sequence)
    {
        var packet = new byte[RtpPacketizer.PacketLength(G711.SamplesPerFrame)];
        RtpPacket.TryWrite(packet, new RtpHeader(G711.PcmuPayloadType, sequence, sequence * 160u, ssrc), new byte[G711.SamplesPerFrame], out _);
        return packet;
    }

    private IPEndPoint RtcpOf(RtpEndpoint leg) => new(IPAddress.Loopback, leg.Ports.RtcpPort);

    [Fact]
    public async Task Relay_should_forward_each_phones_RTCP_compound_unchanged_to_the_other_phones_RTCP_port()
    {
        using var relay = new RtpRelay(_callerLeg, _agentLeg);
        byte[] fromCaller = ReceiverReport(0xCA11E4, CallerHearsAgent, "caller@192.0.2.1");
        byte[] fromAgent = ReceiverReport(0xA6E47, AgentHearsCaller, "agent@192.0.2.2");

        await _caller.Rtcp.SendAsync(fromCaller, RtcpOf(_callerLeg));
        Assert.Equal(fromCaller, await LoopbackRtpPhone.ReceiveAsync(_agent.Rtcp));
        await _agent.Rtcp.SendAsync(fromAgent, RtcpOf(_agentLeg));
        Assert.Equal(fromAgent, await LoopbackRtpPhone.ReceiveAsync(_caller.Rtcp));

        Assert.True(SpinWait.SpinUntil(() => relay.RtcpForwardedAToB == 1 && relay.RtcpForwardedBToA == 1, LoopbackPhone.Timeout));
        Assert.Equal(0, relay.RtcpDropped);
    }

    [Fact]
    public async Task Endpoint_should_keep_what_the_far_end_last_reported_while_relaying()
    {
        using var relay = new RtpRelay(_callerLeg, _agentLeg);

        await _caller.Rtcp.SendAsync(ReceiverReport(0xCA11E4, CallerHearsAgent with { FractionLost = 0 }, "caller"), RtcpOf(_callerLeg));
        await _caller.Rtcp.SendAsync(ReceiverReport(0xCA11E4, CallerHearsAgent, "caller"), RtcpOf(_callerLeg));
        await LoopbackRtpPhone.ReceiveAsync(_agent.Rtcp);
        await LoopbackRtpPhone.ReceiveAsync(_agent.Rtcp);

        Assert.Equal(CallerHearsAgent, _callerLeg.FarEndReport);
        Assert.Null(_agentLeg.FarEndReport);
        Assert.Equal(2, _callerLeg.RtcpPacketsReceived);
    }

    [Fact]
    public async Task Relay_should_not_forward_a_datagram_that_is_not_RTCP()
    {
        using var relay = new RtpRelay(_callerLeg, _agentLeg);
        byte[] report = ReceiverReport(0xCA11E4, CallerHearsAgent, "caller");

        // An RTP packet on the RTCP port, and a compound whose lengths do not add up.
        await _caller.Rtcp.SendAsync(Audio(0xCA11E4, 1), RtcpOf(_callerLeg));
        await _caller.Rtcp.SendAsync(report.Concat(new byte[4]).ToArray(), RtcpOf(_callerLeg));
        await _caller.Rtcp.SendAsync(report, RtcpOf(_callerLeg));

        // Loopback keeps order: the first compound the agent's phone gets is the well-formed one.
        Assert.Equal(report, await LoopbackRtpPhone.ReceiveAsync(_agent.Rtcp));
        Assert.Equal(2, _callerLeg.InvalidRtcpPackets);
        Assert.True(SpinWait.SpinUntil(() => relay.RtcpForwardedAToB == 1, LoopbackPhone.Timeout));
    }

    [Fact]
    public async Task Relay_should_not_forward_RTCP_from_another_host_than_the_latched_phone()
    {
        using var relay = new RtpRelay(_callerLeg, _agentLeg);
        await _caller.Rtp.SendAsync(Audio(0xCA11E4, 1), _callerLeg.LocalEndPoint);
        await LoopbackRtpPhone.ReceiveAsync(_agent.Rtp); // relayed: the caller's leg has latched
        using var intruder = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        byte[] forged = ReceiverReport(0xCA11E4, CallerHearsAgent with { FractionLost = 255 }, "intruder");
        byte[] genuine = ReceiverReport(0xCA11E4, CallerHearsAgent, "caller");

        await intruder.SendAsync(forged, RtcpOf(_callerLeg));
        Assert.True(SpinWait.SpinUntil(() => _callerLeg.StrayRtcpPackets == 1, LoopbackPhone.Timeout));
        await _caller.Rtcp.SendAsync(genuine, RtcpOf(_callerLeg));

        Assert.Equal(genuine, await LoopbackRtpPhone.ReceiveAsync(_agent.Rtcp));
        Assert.Equal(CallerHearsAgent, _callerLeg.FarEndReport);
    }

    [Fact]
    public async Task Relay_should_send_RTCP_to_where_the_phones_RTCP_comes_from_behind_a_NAT()
    {
        using var relay = new RtpRelay(_callerLeg, _agentLeg);
        await _agent.Rtp.SendAsync(Audio(0xA6E47, 1), _agentLeg.LocalEndPoint);
        await LoopbackRtpPhone.ReceiveAsync(_caller.Rtp);
        // The agent's NAT maps its RTCP to some port other than the one above its RTP.
        using var mappedRtcp = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await mappedRtcp.SendAsync(ReceiverReport(0xA6E47, AgentHearsCaller, "agent"), RtcpOf(_agentLeg));
        await LoopbackRtpPhone.ReceiveAsync(_caller.Rtcp);

        byte[] fromCaller = ReceiverReport(0xCA11E4, CallerHearsAgent, "caller");
        await _caller.Rtcp.SendAsync(fromCaller, RtcpOf(_callerLeg));

        Assert.Equal(fromCaller, await LoopbackRtpPhone.ReceiveAsync(mappedRtcp));
        Assert.Equal(mappedRtcp.Client.LocalEndPoint, _agentLeg.RemoteRtcpEndPoint);
    }

    [Fact]
    public void Disposing_the_relay_should_stop_forwarding_RTCP()
    {
        var relay = new RtpRelay(_callerLeg, _agentLeg);
        relay.Dispose();

        Assert.Null(_callerLeg.RtcpHandler);
        Assert.Null(_agentLeg.RtcpHandler);
    }
}
