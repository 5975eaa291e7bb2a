using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Tests.Sip.Server;

namespace CallCenter.Gateway.Tests.Sip.Transport;

public sealed class UdpChannelSpecs
{
    [Fact]
    public async Task Udp_channel_should_answer_to_the_source_port_when_rport_is_asked()
    {
        var (transport, port) = await TestUas.StartOnFreePortAsync();
        await using var _ = transport;
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var request = TestPeers.Options("192.0.2.1:5999", viaParams: ";rport");

        await client.SendAsync(Encoding.UTF8.GetBytes(request), new IPEndPoint(IPAddress.Loopback, port));
        var response = await TestPeers.ReceiveUdpAsync(client);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(("127.0.0.1", ((IPEndPoint)client.Client.LocalEndPoint!).Port), (response.TopVia!.Received, response.TopVia.Rport));
    }

    [Fact]
    public async Task Udp_channel_should_keep_listening_after_garbage()
    {
        var (transport, port) = await TestUas.StartOnFreePortAsync();
        await using var _ = transport;
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var server = new IPEndPoint(IPAddress.Loopback, port);
        var local = (IPEndPoint)client.Client.LocalEndPoint!;

        await client.SendAsync(new byte[] { 0, 1, 2, 3, 0xFF }, server);
        await client.SendAsync(Encoding.UTF8.GetBytes(TestPeers.Options($"127.0.0.1:{local.Port}")), server);

        Assert.Equal(200, (await TestPeers.ReceiveUdpAsync(client)).StatusCode);
    }

    [Fact]
    public async Task Udp_channel_should_answer_a_malformed_request_with_its_reason()
    {
        var (transport, port) = await TestUas.StartOnFreePortAsync();
        await using var _ = transport;
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var local = (IPEndPoint)client.Client.LocalEndPoint!;
        var request = TestPeers.Options($"127.0.0.1:{local.Port}").Replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS");

        await client.SendAsync(Encoding.UTF8.GetBytes(request), new IPEndPoint(IPAddress.Loopback, port));
        var response = await TestPeers.ReceiveUdpTextAsync(client);

        Assert.StartsWith("SIP/2.0 400 Bad Request - bad CSeq\r\n", response);
        Assert.Contains("\r\nCall-ID: opt-1\r\n", response);
    }
}
