using System.Net;
using System.Net.Sockets;
using CallCenter.Gateway.Media.Rtcp;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Transport;

namespace CallCenter.Gateway.Tests.Media.Transport;

/// <summary>Runs alone: it reads the process-wide allocation counter, which parallel specs would disturb.</summary>
[CollectionDefinition(nameof(RtpEndpointAllocationSpecs), DisableParallelization = true)]
public sealed class RtpEndpointAllocationCollection;

[Collection(nameof(RtpEndpointAllocationSpecs))]
public sealed class RtpEndpointAllocationSpecs
{
    private const int Batch = 100;
    private const int BatchesPerRound = 10;

    /// <summary>
    /// Bytes allocated per datagram over <see cref="BatchesPerRound"/> batches, the least of three rounds: the counter is
    /// process-wide, and the test runner still reporting the spec before shows up in whichever round it overlaps.
    /// </summary>
    private static async Task<long> BytesPerDatagram(Func<Task> sendBatch)
    {
        long least = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int batch = 0; batch < BatchesPerRound; batch++)
            {
                await sendBatch();
            }

            least = Math.Min(least, (GC.GetTotalAllocatedBytes(precise: true) - before) / (BatchesPerRound * Batch));
        }

        return least;
    }

    [Fact]
    public async Task Receive_loop_should_not_allocate_per_packet()
    {
        var allocator = new RtpPortAllocator(45000, 45099);
        await using RtpEndpoint endpoint = RtpEndpoint.Open(allocator, IPAddress.Loopback);
        int received = 0;
        int target = 0;
        TaskCompletionSource batchDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        endpoint.PacketHandler = (RtpEndpoint _, in RtpPacket packet) =>
        {
            if (Interlocked.Increment(ref received) == Volatile.Read(ref target))
            {
                batchDone.TrySetResult();
            }
        };
        endpoint.Start();
        using var phone = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        phone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        SocketAddress destination = endpoint.LocalEndPoint.Serialize();
        var packet = new byte[172];
        RtpPacket.TryWrite(packet, new RtpHeader(0, 1, 160, 0x5EED), new byte[160], out _);

        // Batches keep the socket buffer from overflowing; the first warms up the loop (and latches).
        async Task SendBatchAsync()
        {
            batchDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref target, target + Batch);
            for (int i = 0; i < Batch; i++)
            {
                phone.SendTo(packet, SocketFlags.None, destination);
            }

            await batchDone.Task.WaitAsync(LoopbackPhone.Timeout);
        }

        await SendBatchAsync();
        long perPacket = await BytesPerDatagram(SendBatchAsync);
        // The batches themselves allocate a little (a task source each); a per-packet allocation would be 24 bytes or more.
        Assert.True(perPacket < 16, $"{perPacket} bytes allocated per packet");
    }

    [Fact]
    public async Task Rtcp_relay_should_not_allocate_per_compound()
    {
        var allocator = new RtpPortAllocator(45100, 45199);
        await using RtpEndpoint callerLeg = RtpEndpoint.Open(allocator, IPAddress.Loopback);
        await using RtpEndpoint agentLeg = RtpEndpoint.Open(allocator, IPAddress.Loopback);
        using var agentPhone = new LoopbackRtpPhone();
        agentLeg.SetRemote(agentPhone.RtpEndPoint);
        using var relay = new RtpRelay(callerLeg, agentLeg);
        callerLeg.Start();
        agentLeg.Start();
        using var callerPhone = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        callerPhone.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        SocketAddress destination = new IPEndPoint(IPAddress.Loopback, callerLeg.Ports.RtcpPort).Serialize();
        // What a phone sends: an RR on the source it hears, then SDES CNAME; each one is read, kept and forwarded.
        byte[] compound = RtcpRelaySpecs.ReceiverReport(0xCA11, new RtcpReportBlock(0xA6E47, 1, 2, 3, 4, 0, 0), "caller@192.0.2.1");
        long target = 0;

        // The agent's phone does not read: its socket buffer drops what overflows, as the kernel does, without allocating.
        Task SendBatch()
        {
            target += Batch;
            for (int i = 0; i < Batch; i++)
            {
                callerPhone.SendTo(compound, SocketFlags.None, destination);
            }

            Assert.True(SpinWait.SpinUntil(() => relay.RtcpForwardedAToB >= target, LoopbackPhone.Timeout), $"{relay.RtcpForwardedAToB} of {target} relayed");
            return Task.CompletedTask;
        }

        await SendBatch();
        long perCompound = await BytesPerDatagram(SendBatch);
        Assert.True(perCompound < 16, $"{perCompound} bytes allocated per compound");
        Assert.Equal(0, relay.RtcpDropped);
    }
}
