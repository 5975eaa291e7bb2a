using Xunit.Abstractions;

namespace CallCenter.Integration.Tests.Gateway;

/// <summary>
/// No agent stuck "on call" after a lost BYE: a talking call with no media is probed with OPTIONS on both legs,
/// and a leg that no longer knows its dialog (481) ends the call on both sides. Its own node (probe after 1 s),
/// in the gateway collection so that its sipp phones never overlap the other specs'.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DeadDialogSpecs(ProbingGatewayNode gateway, ITestOutputHelper output) : IClassFixture<ProbingGatewayNode>
{
    [Fact]
    public async Task Silent_call_whose_agent_phone_forgot_the_dialog_should_end_and_free_the_agent()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001");
        var before = await gateway.FiguresAsync("a");

        await using var agent = await Sipp.AgentAsync("3001", GatewayNode.Phones["3001"].Address, "agent_forgets.xml", gateway.Node.SipPort, TimeSpan.FromSeconds(30));
        await using var caller = Sipp.Caller("100", "127.0.0.55", "caller_probed.xml", gateway.Node.SipPort, TimeSpan.FromSeconds(30));
        var exits = (Caller: await caller.WaitAsync(TimeSpan.FromSeconds(40)), Agent: await agent.WaitAsync(TimeSpan.FromSeconds(40)));
        var explanation = gateway.Explain(caller, agent);
        output.WriteLine(explanation);

        Assert.True(exits == (0, 0), $"caller exited {exits.Caller}, agent exited {exits.Agent}: the probe did not end the call\n{explanation}");
        await gateway.AwaitStatusAsync("3001", "ready", TimeSpan.FromSeconds(10));
        var after = await gateway.FiguresAsync("a");
        Assert.True(after.Answered == before.Answered + 1, $"queue a answered {before.Answered} -> {after.Answered}\n{gateway.NodeTail()}");
    }
}
