using Xunit.Abstractions;

namespace CallCenter.Integration.Tests.Gateway;

/// <summary>
/// A transfer out from the desktop: the gateway drops the agent's leg, calls the outside party and bridges the caller to
/// it, and keeps them bridged while the call is over for the center. On the probing node (its legs' entity asked every
/// second), in the gateway collection so that its sipp phones never overlap the other specs'.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class DesktopTransferOutSpecs(ProbingGatewayNode gateway, ITestOutputHelper output) : IClassFixture<ProbingGatewayNode>
{
    [Fact]
    public async Task Desktop_transfer_out_should_bridge_the_caller_to_the_outside_party_for_as_long_as_they_talk()
    {
        await gateway.EnsurePhonesRegisteredAsync();
        await gateway.ResetAgentsAsync("3001");
        var limit = TimeSpan.FromSeconds(30);

        // 3001 answers and echoes until the gateway's BYE; the outside party (sipp at 127.0.0.63) answers and echoes; the
        // caller stays on 6 s + 3 s after its answer (any BYE to it fails the scenario), then hangs up.
        await using var agent = await Sipp.AgentAsync("3001", GatewayNode.Phones["3001"].Address, "agent_answer.xml", gateway.Node.SipPort, limit);
        await using var outside = await Sipp.AgentAsync("7777", "127.0.0.63", "agent_answer.xml", gateway.Node.SipPort, limit);
        await using var caller = Sipp.Caller("100", "127.0.0.58", "caller_transfer.xml", gateway.Node.SipPort, limit, "-d", "6000");
        await gateway.AwaitStatusAsync("3001", "on-call", TimeSpan.FromSeconds(15));
        await Task.Delay(500);

        await gateway.PressAsync("3001", "transfer", new { number = $"sip:7777@127.0.0.63:{Sipp.SipPort}" });

        var exits = (Caller: await caller.WaitAsync(limit), Agent: await agent.WaitAsync(limit), Outside: await outside.WaitAsync(limit));
        var explanation = gateway.Explain(caller, agent, outside);
        output.WriteLine(explanation);
        Assert.True(exits == (0, 0, 0), $"caller exited {exits.Caller}, agent {exits.Agent}, outside party {exits.Outside}\n{explanation}");
        var invite = Sipp.InviteSeenBy(outside);
        Assert.True(invite is not null, $"the outside party logged no INVITE\n{explanation}");
        var media = await gateway.AwaitMediaAsync(invite.CallCenterCall);
        Assert.True(media.CallerToAgent > 0 && media.AgentToCaller > 0, $"RTP was not relayed both ways ({media})\n{explanation}");
        await gateway.AwaitStatusAsync("3001", "ready", TimeSpan.FromSeconds(10));
    }
}
