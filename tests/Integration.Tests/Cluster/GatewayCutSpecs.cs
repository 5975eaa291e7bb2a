using CallCenter.Integration.Tests.Gateway;

namespace CallCenter.Integration.Tests.Cluster;

/// <summary>A gateway node with a 2 s drain and one phone, agent 3001's, sipp at 127.0.0.81.</summary>
public sealed class CutGatewayNode : GatewayNode
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(2);

    public override IReadOnlyDictionary<string, (string Password, string Address)> AgentPhones =>
        new Dictionary<string, (string, string)> { ["3001"] = ("pw-3001", "127.0.0.81") };

    protected override IReadOnlyList<string> PhonesToRegister => ["3001"];

    protected override IEnumerable<string> ExtraSettings => [$"--CallCenter:Shutdown:GracePeriodSeconds={(int)GracePeriod.TotalSeconds}"];
}

/// <summary>
/// A call still connected when a draining gateway's grace period ends is hung up properly: BYE to the caller and to the
/// agent's phone, the call's entity told (the agent wraps up), and only then does the node exit, with 0.
/// </summary>
public sealed class GatewayCutSpecs
{
    private static readonly TimeSpan SippTimeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Calls_left_after_the_grace_period_should_get_BYE_on_both_legs_before_the_node_exits()
    {
        var gateway = new CutGatewayNode();
        await gateway.InitializeAsync();
        try
        {
            await gateway.EnsurePhonesRegisteredAsync();
            await gateway.ResetAgentsAsync("3001");
            // Both wait for the gateway's BYE: neither hangs up by itself within its 40 s.
            await using var agent = await Sipp.AgentAsync("3001", "127.0.0.81", "agent_answer.xml", gateway.Node.SipPort, SippTimeout);
            await using var caller = Sipp.Caller("100", "127.0.0.80", "caller_wait_bye.xml", gateway.Node.SipPort, SippTimeout);
            await gateway.AwaitStatusAsync("3001", "on-call", TimeSpan.FromSeconds(15));

            var exit = gateway.Node.TerminateAsync(CutGatewayNode.GracePeriod + TimeSpan.FromSeconds(25));
            Assert.True(await caller.WaitAsync(TimeSpan.FromSeconds(20)) == 0,
                "the caller must get the gateway's BYE\n" + caller.Report() + "\n" + gateway.NodeTail());
            Assert.True(await agent.WaitAsync(TimeSpan.FromSeconds(20)) == 0,
                "the agent's phone must get the gateway's BYE\n" + agent.Report() + "\n" + gateway.NodeTail());
            Assert.Equal(0, await exit);
            Assert.Contains("calls still in progress are cut", gateway.Node.Output);
            Assert.Contains("cut (the gateway is shutting down)", gateway.Node.Output);
            Assert.DoesNotContain("hang-up was not confirmed", gateway.Node.Output);
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }
}
