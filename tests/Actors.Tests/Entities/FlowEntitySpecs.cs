using System.Net;
using System.Net.Sockets;
using System.Text;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Queues;
using Xunit.Abstractions;

namespace CallCenter.Actors.Tests.Entities;

/// <summary>
/// A call's flow run by its entity against a probe standing for the gateway: it resumes where the caller was when the
/// entity restarts, fetches data over real HTTP, and tells a holding caller their position.
/// </summary>
public sealed class FlowEntitySpecs(ITestOutputHelper output) : EntityTestKit(output)
{
    private static readonly IvrFlowDefinition Flow = new("main", "greeting",
    [
        new PlayStep("greeting", ["welcome"], "account"),
        new CollectStep("account", ["enter-account"], "account", 4, 8, "#", 8, null, 2, ["invalid-choice"], "lookup", "to-billing"),
        new HttpStep("lookup", "http://127.0.0.1:{port}/accounts/{account}", 2000, "customer", "to-billing", "to-sales"),
        new QueueStep("to-billing", "billing", null, null),
        new QueueStep("to-sales", "sales", null, null),
    ]);

    private static readonly QueueDefinition Billing = QueueDefinition.Named("billing") with
    {
        Hold = new QueueHold("hold-music", [], 30, AnnouncePosition: true, AnnounceWait: false),
    };

    protected override ContactCenterDefinition Definition { get; } = ContactCenterDefinition.Empty with
    {
        Flows = [Flow],
        Queues = [Billing, QueueDefinition.Named("sales")],
    };

    private async Task<(Akka.TestKit.TestProbe Gateway, CallId Call)> AtAccount(string port = "1")
    {
        var gateway = CreateTestProbe("gateway");
        await ConfigureQueue(Billing);
        await ConfigureQueue(QueueDefinition.Named("sales"));
        var call = await StartFlowCall("main", gateway.Ref.Path.ToString(), new Dictionary<string, string> { ["port"] = port });
        var greeting = gateway.ExpectMsg<PlayPrompts>(Patience);
        Assert.Equal("welcome", Assert.Single(greeting.Prompts));
        await Command(new MediaFinished(call, greeting.Seq, MediaOutcome.Played));
        Assert.Equal("enter-account", gateway.ExpectMsg<PlayPrompts>(Patience).Prompts.Single());
        return (gateway, call);
    }

    [Fact]
    public async Task Call_should_resume_the_step_the_caller_was_in_after_its_entity_restarts()
    {
        var (gateway, call) = await AtAccount();

        await StopEntity(Calls, call.Value);
        var view = await GetCall(call); // the next message brings the entity back from its journal

        Assert.Equal((CallStatus.InIvr, "account"), (view.Status, view.Step));
        var resumed = gateway.ExpectMsg<PlayPrompts>(Patience);
        Assert.Equal(("enter-account", 8), (resumed.Prompts.Single(), resumed.Collect!.MaxDigits));
        await Command(new MediaFinished(call, resumed.Seq, MediaOutcome.Terminated, "4321"));
        await AwaitCall(call, c => Assert.Equal("4321", c.Variables["account"]));
    }

    [Fact]
    public async Task Call_should_fetch_customer_data_over_http_into_its_variables()
    {
        using var server = new OneAnswerHttpServer("""{"name":"Ada","balance":12.5,"vip":true,"none":null}""");
        var (gateway, call) = await AtAccount(server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await Command(new MediaFinished(call, gateway.LastMessage is PlayPrompts p ? p.Seq : 0, MediaOutcome.Terminated, "1234"));

        var view = await AwaitCall(call, c => Assert.Equal(CallStatus.Queued, c.Status));
        Assert.Equal((new QueueId("billing"), "Ada", "12.5", "true"),
            (view.QueueId, view.Variables["customer.name"], view.Variables["customer.balance"], view.Variables["customer.vip"]));
        Assert.False(view.Variables.ContainsKey("customer.none"));
        Assert.Equal("/accounts/1234", await server.Path);
    }

    [Fact]
    public async Task Call_should_take_the_otherwise_step_when_the_data_dip_cannot_connect()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var (gateway, call) = await AtAccount(port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await Command(new MediaFinished(call, ((PlayPrompts)gateway.LastMessage).Seq, MediaOutcome.Terminated, "1234"));

        await AwaitCall(call, c => Assert.Equal((CallStatus.Queued, new QueueId("sales")), (c.Status, c.QueueId)));
    }

    [Fact]
    public async Task Call_should_tell_a_holding_caller_their_position_and_again_only_when_it_improves()
    {
        var gateway = CreateTestProbe("gateway");
        gateway.IgnoreMessages(m => m is CheckLegs or ReleaseCall);
        await ConfigureQueue(Billing);
        var first = await StartCall("billing", gateway: gateway.Ref.Path.ToString());
        var second = await StartCall("billing", gateway: gateway.Ref.Path.ToString());
        gateway.ExpectMsg<HoldCaller>(Patience);
        gateway.ExpectMsg<HoldCaller>(Patience);
        await AwaitQueue("billing", q => Assert.Equal(2, q.Waiting.Count));

        Advance(TimeSpan.FromSeconds(30));
        var told = new[] { gateway.ExpectMsg<HoldCaller>(Patience), gateway.ExpectMsg<HoldCaller>(Patience) }.ToDictionary(h => h.CallId);
        Assert.Equal(["caller-number", "number:2"], told[second].Announcement);

        await Command(new HangUpCall(first, CallParty.Caller));
        Advance(TimeSpan.FromSeconds(30));
        var improved = gateway.ExpectMsg<HoldCaller>(Patience);
        Assert.Equal((second, "number:1"), (improved.CallId, improved.Announcement[1]));
        Advance(TimeSpan.FromSeconds(30));
        gateway.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    /// <summary>A loopback HTTP server that answers one request with a JSON body and remembers the path asked for.</summary>
    private sealed class OneAnswerHttpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public OneAnswerHttpServer(string json)
        {
            _listener.Start();
            Path = ServeAsync(json);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public Task<string> Path { get; }

        private async Task<string> ServeAsync(string json)
        {
            using var client = await _listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var read = 0;
            while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
                read += await stream.ReadAsync(buffer.AsMemory(read));
            var requestLine = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")[0];
            var body = Encoding.UTF8.GetBytes(json);
            var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(body);
            return requestLine.Split(' ')[1];
        }

        public void Dispose() => _listener.Stop();
    }
}
