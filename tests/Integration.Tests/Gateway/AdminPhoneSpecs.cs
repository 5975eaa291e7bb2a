using System.Net;
using System.Net.Http.Json;

namespace CallCenter.Integration.Tests.Gateway;

/// <summary>A gateway node whose definition file has no phone for the agent the spec creates through the API.</summary>
public sealed class AdminGatewayNode : GatewayNode
{
    protected override IReadOnlyList<string> PhonesToRegister => [];
}

/// <summary>
/// An agent created through the administration API registers its phone at once: the registrar's credentials are
/// the definition in force, not the file read at start-up. The phone is sipp at 127.0.0.38.
/// </summary>
public sealed class AdminPhoneSpecs(AdminGatewayNode gateway) : IClassFixture<AdminGatewayNode>
{
    [Fact]
    public async Task A_phone_of_an_agent_created_through_the_API_should_register_without_a_restart()
    {
        await using (var refusedBefore = Sipp.Register("3101", "pw-3101", "127.0.0.38", gateway.Node.SipPort))
            Assert.NotEqual(0, await refusedBefore.WaitAsync(TimeSpan.FromSeconds(30)));

        using var created = await gateway.Http.PutAsJsonAsync("/api/admin/agents/3101",
            new { name = "Agent Created", site = "test", queues = new[] { "a" }, phonePassword = "pw-3101" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await using var register = Sipp.Register("3101", "pw-3101", "127.0.0.38", gateway.Node.SipPort);
        var exit = await register.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"sipp exit {exit}\n{register.Report()}\n{gateway.NodeTail()}");
        Assert.Contains("127.0.0.38", await gateway.AwaitPhoneAsync("3101"));
    }
}
