using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using Xunit.Abstractions;

namespace CallCenter.Actors.Tests.Entities;

/// <summary>Phones and SIP calls through the real actors: the registration timer on virtual time, and a call's word to its gateway.</summary>
public sealed class PhoneEntitySpecs(ITestOutputHelper output) : EntityTestKit(output)
{
    private const string Contact = "sip:a1@10.0.0.5:5060";

    private static readonly QueueDefinition Sales = QueueDefinition.Named("sales") with { RingTimeoutSeconds = 15, WrapUpSeconds = 10 };

    private async Task Center(params string[] agents)
    {
        await ConfigureQueue(Sales, agents);
        foreach (var agent in agents)
            await ConfigureAgent(agent, new Dictionary<string, int> { ["sales"] = 3 }, Sales.Name);
    }

    [Fact]
    public async Task AgentActor_should_forget_a_phone_whose_registration_expires()
    {
        await Center("a1");
        await RegisterPhone("a1", Contact, seconds: 60);
        await AwaitAgent("a1", a => Assert.Equal(Contact, a.Phone));

        AdvanceSeconds(59);
        await AwaitAgent("a1", a => Assert.Equal(Contact, a.Phone));
        AdvanceSeconds(1);

        await AwaitAgent("a1", a => Assert.Null(a.Phone));
    }

    [Fact]
    public async Task AgentActor_should_keep_a_phone_that_refreshes_its_registration()
    {
        await Center("a1");
        await RegisterPhone("a1", Contact, seconds: 60);
        AdvanceSeconds(50);
        await RegisterPhone("a1", Contact, seconds: 60);

        AdvanceSeconds(20);
        await AwaitAgent("a1", a => Assert.Equal(Contact, a.Phone));
        AdvanceSeconds(40);

        await AwaitAgent("a1", a => Assert.Null(a.Phone));
    }

    [Fact]
    public async Task AgentActor_should_expire_a_phone_registered_before_a_restart()
    {
        await Center("a1");
        await RegisterPhone("a1", Contact, seconds: 60);
        await StopEntity(Agents, "a1");
        await AwaitAgent("a1", a => Assert.Equal(Contact, a.Phone));

        AdvanceSeconds(60);

        await AwaitAgent("a1", a => Assert.Null(a.Phone));
    }

    [Fact]
    public async Task Entities_should_ring_the_agents_phone_through_the_calls_gateway()
    {
        var gateway = CreateTestProbe("gateway");
        await Center("a1");
        await RegisterPhone("a1", Contact);
        await Ready("a1");
        await AwaitQueue("sales", q => Assert.Single(q.AvailableAgents));

        var call = await StartCall("sales", gateway: gateway.Ref.Path.ToString());

        Assert.Equal(new RingAgent(gateway.Ref.Path.ToString(), call, new AgentId("a1"), Contact), gateway.ExpectMsg<RingAgent>(Patience));
        await AwaitCall(call, c => Assert.Equal((CallStatus.Offered, new AgentId("a1")), (c.Status, c.AgentId)));

        await Command(new AnswerOffer(new AgentId("a1"), call));
        Assert.Equal(new AgentId("a1"), gateway.ExpectMsg<ConnectAgent>(Patience).AgentId);
        await HangUp("a1");
        Assert.Equal(call, gateway.ExpectMsg<ReleaseCall>(Patience).CallId);
    }

    [Fact]
    public async Task Entities_should_hold_a_sip_call_until_an_agent_with_a_phone_is_ready()
    {
        var gateway = CreateTestProbe("gateway");
        await Center("a1", "a2");
        await Ready("a1");
        await Ready("a2");
        await AwaitQueue("sales", q => Assert.Equal(2, q.AvailableAgents.Count));

        var call = await StartCall("sales", gateway: gateway.Ref.Path.ToString());
        // Had a1 (no phone) been rung, its RingAgent would come first below.
        await AwaitQueue("sales", q => Assert.Null(Assert.Single(q.Waiting).OfferedTo));

        await RegisterPhone("a2", "sip:a2@10.0.0.6:5060");

        var ring = gateway.ExpectMsg<RingAgent>(Patience);
        Assert.Equal(("a2", "sip:a2@10.0.0.6:5060"), (ring.AgentId.Value, ring.Contact));
        await AwaitAgent("a1", a => Assert.Equal(AgentStatus.Ready, a.Status));
        await AwaitCall(call, c => Assert.Equal(new AgentId("a2"), c.AgentId));
    }

    [Fact]
    public async Task Entities_should_offer_a_virtual_call_to_an_agent_without_a_phone()
    {
        await Center("a1");
        await Ready("a1");

        var call = await StartCall("sales");

        await AwaitCall(call, c => Assert.Equal((CallStatus.Offered, new AgentId("a1")), (c.Status, c.AgentId)));
    }
}
