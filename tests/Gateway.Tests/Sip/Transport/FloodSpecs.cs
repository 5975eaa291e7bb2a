using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Tests.Sip.Message;
using CallCenter.Gateway.Tests.Sip.Server;
using CallCenter.Gateway.Tests.Sip.Torture;

namespace CallCenter.Gateway.Tests.Sip.Transport;

/// <summary>Floods a live UDP+TCP front with malformed and valid messages for a bounded time, then checks it still answers.</summary>
public sealed class FloodSpecs
{
    private static readonly TimeSpan FloodTime = TimeSpan.FromSeconds(3);
    private const int MaxMessages = 20_000;

    [Fact]
    public async Task Listener_should_still_answer_options_after_a_flood_of_bad_and_good_messages()
    {
        var (transport, port) = await TestUas.StartOnFreePortAsync();
        await using var _ = transport;
        var server = new IPEndPoint(IPAddress.Loopback, port);
        var payloads = Payloads();

        var sent = await Task.WhenAll(FloodUdp(server, payloads), FloodTcp(port, payloads));

        Assert.True(sent.Sum() > 100, $"only {sent.Sum()} messages sent");
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)udp.Client.LocalEndPoint!;
        await udp.SendAsync(Encoding.UTF8.GetBytes(TestPeers.Options($"127.0.0.1:{local.Port}", callId: "after-flood-udp")), server);
        Assert.Equal(200, await ReceiveFinal(udp, "after-flood-udp"));
        await using var tcp = await TestPeers.TcpPeer.ConnectAsync(port);
        await tcp.SendAsync(TestPeers.Options("127.0.0.1", "TCP", "after-flood-tcp"));
        Assert.Equal(200, ((SipResponse)(await tcp.ReceiveAsync())!).StatusCode);
    }

    private static byte[][] Payloads()
    {
        var random = new Random(4475);
        var valid = SampleMessages.Bytes(TestPeers.Options("192.0.2.1:5999"));
        var list = TortureCorpus.Cases.Select(c => c.Bytes).ToList();
        list.Add(valid);
        for (var i = 0; i < 50; i++)
        {
            var junk = new byte[random.Next(1, 1500)];
            random.NextBytes(junk);
            list.Add(junk);
            var flipped = (byte[])valid.Clone();
            flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
            list.Add(flipped);
        }

        return [.. list];
    }

    private static async Task<int> FloodUdp(IPEndPoint server, byte[][] payloads)
    {
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var until = DateTime.UtcNow + FloodTime;
        var sent = 0;
        while (DateTime.UtcNow < until && sent < MaxMessages)
        {
            await client.SendAsync(payloads[sent % payloads.Length], server);
            sent++;
        }

        return sent;
    }

    private static async Task<int> FloodTcp(int port, byte[][] payloads)
    {
        var until = DateTime.UtcNow + FloodTime;
        var sent = 0;
        while (DateTime.UtcNow < until && sent < MaxMessages / 10)
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            for (var i = 0; i < 20; i++, sent++)
            {
                try
                {
                    await stream.WriteAsync(payloads[(sent * 7) % payloads.Length]);
                }
                catch (IOException)
                {
                    break; // the server closed this connection on a framing error: open another
                }
            }
        }

        return sent;
    }

    private static async Task<int> ReceiveFinal(UdpClient client, string callId)
    {
        while (true)
        {
            var response = await TestPeers.ReceiveUdpAsync(client);
            if (response.CallId == callId && response.StatusCode >= 200)
            {
                return response.StatusCode;
            }
        }
    }
}
