using CallCenter.Actors.Definition;
using CallCenter.Node.Entities;
using CallCenter.Node.Gateway;

namespace CallCenter.Node.Tests.Admin;

/// <summary>The SIP registrar's passwords follow the definition in force, not the one read at start-up.</summary>
public sealed class AgentPhoneCredentialsSpecs
{
    private static AgentDefinition Agent(string id, string? password) =>
        new(id, "Agent " + id, password, "leeds", AgentRole.Agent, new Dictionary<string, int>(), []);

    [Fact]
    public async Task Credentials_should_follow_the_definition_in_force()
    {
        var directory = new ContactCenterDirectory(ContactCenterDefinition.Empty with { Agents = [Agent("1001", "old")] });
        var credentials = new AgentPhoneCredentials(directory);

        directory.Replace(ContactCenterDefinition.Empty with { Agents = [Agent("1001", "new"), Agent("3001", "phone-3001"), Agent("3002", null)] });

        Assert.Equal("new", (await credentials.FindAsync("1001", "callcenter"))?.Password);
        Assert.Equal("phone-3001", (await credentials.FindAsync("3001", "callcenter"))?.Password);
        Assert.Null(await credentials.FindAsync("3002", "callcenter"));
        Assert.Null(await credentials.FindAsync("9999", "callcenter"));
    }
}
