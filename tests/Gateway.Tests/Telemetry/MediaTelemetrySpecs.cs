using System.Net;
using CallCenter.Gateway.Media.Rtp;
using CallCenter.Gateway.Media.Transport;

using CallCenter.Actors.Tests.Support;

namespace CallCenter.Gateway.Tests.Telemetry;

/// <summary>What RTP between two real endpoints on loopback records: packets each way, losses, and jitter at close.</summary>
public sealed class MediaTelemetrySpecs
{
    [Fact]
    public async Task Packets_sent_received_and_lost_should_be_counted_under_the_gateway_and_stay_counted_after_the_endpoints_close()
    {
        using var metrics = new RecordedMeasurements(_ => true);
        const string gateway = "media-spec:5060"; // its series are this spec's alone, so the counts are exact
        var ports = new RtpPortAllocator(47000, 47099) { Gateway = gateway };
        var sender = RtpEndpoint.Open(ports, IPAddress.Loopback);
        var receiver = RtpEndpoint.Open(ports, IPAddress.Loopback);
        sender.SetRemote(receiver.LocalEndPoint);
        sender.Start();
        receiver.Start();
        metrics.Clear();
        metrics.Observe();
        Assert.Equal([2], metrics.Values("callcenter.rtp.streams", ("gateway", gateway)));

        var packetizer = new RtpPacketizer(0, ssrc: 0x5EED, firstSequenceNumber: 1, firstTimestamp: 0);
        var frame = new byte[160];
        var datagram = new byte[RtpPacketizer.PacketLength(frame.Length)];
        for (var i = 0; i < 20; i++)
        {
            var written = packetizer.WriteFrame(frame, datagram);
            if (i != 10) // one packet never leaves: the receiver counts it lost
                Assert.True(sender.Send(datagram.AsSpan(0, written)));
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (receiver.PacketsReceived < 19 && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        Assert.Equal(19, receiver.PacketsReceived);
        metrics.Clear();
        metrics.Observe();
        Assert.Equal(19, metrics.Sum("callcenter.rtp.packets", ("direction", "in"), ("gateway", gateway)));
        Assert.Equal(19, metrics.Sum("callcenter.rtp.packets", ("direction", "out"), ("gateway", gateway)));
        Assert.Equal(1, metrics.Sum("callcenter.rtp.packets_lost", ("gateway", gateway)));

        await sender.DisposeAsync();
        await receiver.DisposeAsync();
        Assert.Single(metrics.Values("callcenter.rtp.jitter", ("gateway", gateway))); // the receiver's stream; the sender received nothing
        metrics.Clear();
        metrics.Observe();
        Assert.Equal(19, metrics.Sum("callcenter.rtp.packets", ("direction", "in"), ("gateway", gateway)));
        Assert.Equal(1, metrics.Sum("callcenter.rtp.packets_lost", ("gateway", gateway)));
        Assert.Equal([0], metrics.Values("callcenter.rtp.streams", ("gateway", gateway)));
    }
}
