using System.Net;
using System.Net.Sockets;
using CallCenter.Gateway.Media.Codecs;
using CallCenter.Gateway.Media.Rtcp;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Transport;

namespace CallCenter.Gateway.Tests.Media.Transport;

public sealed class RtpEndpointSpecs : IAsyncDisposable
{
    // A range of its own so these specs do not meet other test runs' sockets (Open skips busy pairs anyway).
    private readonly RtpPortAllocator _allocator = new(42000, 42999);
    private readonly List<IAsyncDisposable> _endpoints = [];
    private readonly LoopbackPhone _phone = new();

    public async ValueTask DisposeAsync()
    {
        foreach (IAsyncDisposable endpoint in _endpoints)
        {
            await endpoint.DisposeAsync();
        }

        _phone.Dispose();
    }

    private RtpEndpoint Open()
    {
        RtpEndpoint endpoint = RtpEndpoint.Open(_allocator, IPAddress.Loopback);
        _endpoints.Add(endpoint);
        return endpoint;
    }

    private static byte[] Packet(ushort sequence, uint ssrc = 0xA11CE, byte payloadType = G711.PcmuPayloadType)
    {
        var packet = new byte[RtpPacketizer.PacketLength(G711.SamplesPerFrame)];
        RtpPacket.TryWrite(packet, new RtpHeader(payloadType, sequence, sequence * 160u, ssrc), new byte[G711.SamplesPerFrame], out _);
        return packet;
    }

    private static TaskCompletionSource<RtpHeader> NextHeader(RtpEndpoint endpoint)
    {
        var received = new TaskCompletionSource<RtpHeader>(TaskCreationOptions.RunContinuationsAsynchronously);
        endpoint.PacketHandler = (RtpEndpoint _, in RtpPacket packet) => received.TrySetResult(packet.Header);
        return received;
    }

    [Fact]
    public async Task Endpoint_should_deliver_each_valid_packet_to_its_handler()
    {
        RtpEndpoint endpoint = Open();
        TaskCompletionSource<RtpHeader> received = NextHeader(endpoint);
        endpoint.Start();

        _phone.SendTo(endpoint.LocalEndPoint, Packet(7));

        RtpHeader header = await received.Task.WaitAsync(LoopbackPhone.Timeout);
        Assert.Equal(new RtpHeader(0, 7, 1120, 0xA11CE), header);
        Assert.Equal(1, endpoint.PacketsReceived);
        Assert.Equal(IPAddress.Loopback, endpoint.LocalEndPoint.Address);
        Assert.Equal(0, endpoint.LocalEndPoint.Port % 2);
    }

    [Fact]
    public async Task Endpoint_should_send_to_where_the_first_valid_packet_came_from()
    {
        RtpEndpoint endpoint = Open();
        // The SDP said a private address the gateway cannot reach, as behind NAT.
        endpoint.SetRemote(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 4000));
        TaskCompletionSource<RtpHeader> received = NextHeader(endpoint);
        endpoint.Start();

        _phone.SendTo(endpoint.LocalEndPoint, Packet(1));
        await received.Task.WaitAsync(LoopbackPhone.Timeout);

        Assert.True(endpoint.IsLatched);
        Assert.Equal(_phone.EndPoint, endpoint.RemoteEndPoint);
        Assert.True(endpoint.Send(Packet(100, ssrc: 0xB0B)));
        Assert.Equal(Packet(100, ssrc: 0xB0B), await _phone.ReceiveAsync());
    }

    [Fact]
    public async Task Endpoint_should_drop_garbage_and_packets_from_other_sources_once_latched()
    {
        RtpEndpoint endpoint = Open();
        var headers = new List<ushort>();
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        endpoint.PacketHandler = (RtpEndpoint _, in RtpPacket packet) =>
        {
            headers.Add(packet.Header.SequenceNumber);
            if (headers.Count == 2)
            {
                third.TrySetResult();
            }
        };
        endpoint.Start();
        using var intruder = new LoopbackPhone();

        _phone.SendTo(endpoint.LocalEndPoint, Packet(1));
        _phone.SendTo(endpoint.LocalEndPoint, [1, 2, 3]);
        intruder.SendTo(endpoint.LocalEndPoint, Packet(99));
        _phone.SendTo(endpoint.LocalEndPoint, Packet(2));
        await third.Task.WaitAsync(LoopbackPhone.Timeout);

        // Datagrams from one socket to another on loopback arrive in order, so both drops have been counted.
        Assert.Equal([1, 2], headers);
        Assert.Equal(1, endpoint.InvalidPackets);
        Assert.Equal(1, endpoint.StrayPackets);
        Assert.Equal(_phone.EndPoint, endpoint.RemoteEndPoint);
    }

    [Fact]
    public void Endpoint_should_have_nowhere_to_send_before_it_knows_the_leg()
    {
        RtpEndpoint endpoint = Open();
        Assert.False(endpoint.Send(Packet(1)));
        Assert.Equal(1, endpoint.SendFailures);
    }

    [Fact]
    public async Task Endpoint_should_keep_receiving_after_a_handler_throws()
    {
        RtpEndpoint endpoint = Open();
        var second = new TaskCompletionSource<ushort>(TaskCreationOptions.RunContinuationsAsynchronously);
        endpoint.PacketHandler = (RtpEndpoint _, in RtpPacket packet) =>
        {
            if (packet.Header.SequenceNumber == 1)
            {
                throw new InvalidOperationException("a bug in one packet's handling");
            }

            second.TrySetResult(packet.Header.SequenceNumber);
        };
        endpoint.Start();

        _phone.SendTo(endpoint.LocalEndPoint, Packet(1));
        _phone.SendTo(endpoint.LocalEndPoint, Packet(2));

        Assert.Equal(2, await second.Task.WaitAsync(LoopbackPhone.Timeout));
        Assert.Equal(1, endpoint.HandlerErrors);
    }

    [Fact]
    public async Task Endpoint_should_report_reception_and_parse_the_far_end_rtcp()
    {
        RtpEndpoint endpoint = Open();
        var report = new TaskCompletionSource<RtcpReport>(TaskCreationOptions.RunContinuationsAsynchronously);
        endpoint.RtcpReportReceived = (_, r) => report.TrySetResult(r);
        TaskCompletionSource<RtpHeader> third = new(TaskCreationOptions.RunContinuationsAsynchronously);
        endpoint.PacketHandler = (RtpEndpoint _, in RtpPacket packet) =>
        {
            if (packet.Header.SequenceNumber == 3)
            {
                third.TrySetResult(packet.Header);
            }
        };
        endpoint.Start();

        foreach (ushort sequence in new ushort[] { 1, 2, 3 })
        {
            _phone.SendTo(endpoint.LocalEndPoint, Packet(sequence));
        }

        await third.Task.WaitAsync(LoopbackPhone.Timeout);
        RtcpReportBlock? block = endpoint.CreateReportBlock();
        Assert.NotNull(block);
        Assert.Equal(0xA11CEu, block.Value.Ssrc);
        Assert.Equal(3u, block.Value.ExtendedHighestSequence);

        var rr = new byte[64];
        RtcpPacket.TryWriteReceiverReport(rr, 0xA11CE, [block.Value], out int length);
        _phone.SendTo(new IPEndPoint(IPAddress.Loopback, endpoint.Ports.RtcpPort), rr[..length]);
        Assert.Equal([block.Value], (await report.Task.WaitAsync(LoopbackPhone.Timeout)).Blocks);
    }

    [Fact]
    public async Task Endpoint_should_echo_the_sources_last_SR_in_its_reception_report()
    {
        RtpEndpoint endpoint = Open();
        TaskCompletionSource<RtpHeader> second = new(TaskCreationOptions.RunContinuationsAsynchronously);
        endpoint.PacketHandler = (RtpEndpoint _, in RtpPacket packet) =>
        {
            if (packet.Header.SequenceNumber == 2)
            {
                second.TrySetResult(packet.Header);
            }
        };
        endpoint.Start();
        _phone.SendTo(endpoint.LocalEndPoint, Packet(1));
        _phone.SendTo(endpoint.LocalEndPoint, Packet(2));
        await second.Task.WaitAsync(LoopbackPhone.Timeout);

        var info = new RtcpSenderInfo(RtcpSenderInfo.ToNtpTimestamp(DateTimeOffset.UtcNow), 320, 2, 320);
        var sr = new byte[RtcpCompound.MaxLength];
        RtcpCompound.TryWrite(sr, 0xA11CE, info, block: null, "phone@192.0.2.7", bye: false, out int length);
        _phone.SendTo(new IPEndPoint(IPAddress.Loopback, endpoint.Ports.RtcpPort), sr[..length]);
        Assert.True(SpinWait.SpinUntil(() => endpoint.RtcpPacketsReceived == 1, LoopbackPhone.Timeout));

        // LSR lets the phone work out the round trip (RFC 3550 §6.4.1); DLSR is in 1/65536 s, well under a second here.
        RtcpReportBlock block = endpoint.CreateReportBlock()!.Value;
        Assert.Equal(info.CompactNtpTimestamp, block.LastSenderReport);
        Assert.InRange(block.DelaySinceLastSenderReport, 0u, 65536u);
        Assert.Null(endpoint.FarEndReport); // an SR without blocks says nothing of what it hears
    }

    [Fact]
    public async Task Endpoint_should_skip_a_pair_another_socket_holds_and_return_its_ports_on_dispose()
    {
        var allocator = new RtpPortAllocator(43000, 43099);
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 43000));

        RtpEndpoint endpoint = RtpEndpoint.Open(allocator, IPAddress.Loopback);
        Assert.NotEqual(43000, endpoint.Ports.RtpPort);
        Assert.Equal(1, allocator.InUse);

        endpoint.Start();
        await endpoint.DisposeAsync();
        Assert.Equal(0, allocator.InUse);

        // The ports are free again at the OS level too.
        using var reuse = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        reuse.Bind(new IPEndPoint(IPAddress.Loopback, endpoint.Ports.RtpPort));
    }
}
