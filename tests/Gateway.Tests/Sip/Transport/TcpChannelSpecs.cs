using System.Net;
using CallCenter.Gateway.Sip.Message;
using CallCenter.Gateway.Sip.Transport;
using CallCenter.Gateway.Tests.Sip.Server;

namespace CallCenter.Gateway.Tests.Sip.Transport;

public sealed class TcpChannelSpecs
{
    [Fact]
    public async Task Tcp_channel_should_answer_pipelined_requests_on_the_same_connection()
    {
        var (transport, port) = await TestUas.StartOnFreePortAsync();
        await using var _ = transport;
        await using var peer = await TestPeers.TcpPeer.ConnectAsync(port);

        await peer.SendAsync(TestPeers.Options("192.0.2.1", "TCP", "one") + "\r\n" + TestPeers.Options("192.0.2.1", "TCP", "two"));

        Assert.Equal("one", (await peer.ReceiveAsync())!.CallId);
        Assert.Equal("two", (await peer.ReceiveAsync())!.CallId);
    }

    [Fact]
    public async Task Tcp_channel_should_answer_400_and_close_a_stream_without_content_length()
    {
        var (transport, port) = await TestUas.StartOnFreePortAsync();
        await using var _ = transport;
        await using var peer = await TestPeers.TcpPeer.ConnectAsync(port);

        await peer.SendAsync(TestPeers.Options("192.0.2.1", "TCP").Replace("Content-Length: 0\r\n", string.Empty));

        var response = Assert.IsType<SipResponse>(await peer.ReceiveAsync());
        Assert.Equal("Bad Request - missing Content-Length", response.ReasonPhrase);
        Assert.Null(await peer.ReceiveAsync());
    }

    [Fact]
    public async Task Tcp_channel_should_close_a_connection_that_buffers_too_much()
    {
        var (transport, port) = await TestUas.StartOnFreePortAsync(new SipChannelOptions { MaxBufferedBytes = 8192, Parser = new SipParserOptions { MaxMessageSize = 4096 } });
        await using var _ = transport;
        await using var peer = await TestPeers.TcpPeer.ConnectAsync(port);

        await peer.SendAsync("OPTIONS sip:a@b SIP/2.0\r\nX-Endless: " + new string('x', 10_000));

        Assert.Null(await peer.ReceiveAsync());
    }

    [Fact]
    public async Task Tcp_channel_should_reuse_the_inbound_connection_to_send_a_request_to_that_peer()
    {
        var (transport, port) = await TestUas.StartOnFreePortAsync();
        await using var _ = transport;
        await using var peer = await TestPeers.TcpPeer.ConnectAsync(port);
        await peer.SendAsync(TestPeers.Options("192.0.2.1", "TCP"));
        await peer.ReceiveAsync();
        var register = SipParser.Parse(Message.SampleMessages.Bytes(Message.SampleMessages.Register)).Message as SipRequest;

        Assert.True(await transport.SendRequestAsync(register!, peer.LocalEndPoint, SipTransportKind.Tcp));

        Assert.Equal(register!.CallId, (await peer.ReceiveAsync())!.CallId);
        Assert.Equal(1, ((TcpChannel)transport.Channel(SipTransportKind.Tcp)!).ConnectionCount);
    }

    [Fact]
    public async Task Tcp_channel_should_close_idle_connections_by_the_virtual_clock()
    {
        var clock = new ManualTimeProvider();
        var options = new SipChannelOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0), IdleTimeout = TimeSpan.FromSeconds(60), Time = clock };
        await using var channel = new TcpChannel(options);
        channel.Start(_ => ValueTask.CompletedTask);
        await using var peer = await TestPeers.TcpPeer.ConnectAsync(channel.LocalEndPoint.Port);
        await peer.SendAsync("\r\n\r\n");
        await Eventually.True(() => channel.ConnectionCount == 1);

        clock.Advance(TimeSpan.FromSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(45));

        Assert.Null(await peer.ReceiveAsync());
    }
}
