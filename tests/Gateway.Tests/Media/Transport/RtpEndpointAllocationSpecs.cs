using System.Net;
using System.Net.Sockets;
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
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int batch = 0; batch < 20; batch++)
        {
            await SendBatchAsync();
        }

        long perPacket = (GC.GetTotalAllocatedBytes(precise: true) - before) / (20 * Batch);
        // The batches themselves allocate a little (a task source each); a per-packet allocation would be 24 bytes or more.
        Assert.True(perPacket < 16, $"{perPacket} bytes allocated per packet");
    }
}
