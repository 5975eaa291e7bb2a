using System.Security.Claims;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Definition;
using CallCenter.Node.Auth;
using CallCenter.Node.Definition;
using CallCenter.Node.Entities;

namespace CallCenter.Node.Tests.Auth;

/// <summary>The rules read the definition in force at each decision: a change applies to the next request, not the next sign-in.</summary>
public sealed class AccessRulesSpecs
{
    private static readonly ContactCenterDefinition Sample =
        ContactCenterDefinitionLoader.LoadFile(RepositoryFiles.SampleDefinition, RepositoryFiles.Prompts);

    private readonly ContactCenterDirectory _directory = new();

    public AccessRulesSpecs() => _directory.Replace(Sample);

    private AccessRules Rules => new(_directory);

    private static ClaimsPrincipal SignedIn(string agentId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, agentId)], AuthSchemes.Cookie));

    private void Change(string agentId, Func<AgentDefinition, AgentDefinition> change) =>
        _directory.Replace(Sample with { Agents = [.. Sample.Agents.Select(a => a.Id == agentId ? change(a) : a)] });

    [Fact]
    public void Promotion_to_supervisor_should_apply_to_the_next_decision()
    {
        Assert.False(Rules.MaySetState(SignedIn("1001"), "1002", RequestedStatus.NotReady, "supervisor"));

        Change("1001", a => a with { Role = AgentRole.Supervisor });

        Assert.True(Rules.MaySetState(SignedIn("1001"), "1002", RequestedStatus.NotReady, "supervisor"));
        Assert.True(Rules.MaySupervise(SignedIn("1001")));
    }

    [Fact]
    public void Agent_removed_from_the_definition_should_no_longer_be_anyone()
    {
        _directory.Replace(Sample with { Agents = [.. Sample.Agents.Where(a => a.Id != "1001")] });

        Assert.Null(Rules.Who(SignedIn("1001")));
        Assert.False(Rules.MayActAs(SignedIn("1001"), "1001"));
    }

    [Fact]
    public void Queue_taken_from_an_agent_should_no_longer_be_readable_by_it()
    {
        Assert.True(Rules.MayReadQueue(SignedIn("1001"), "billing"));

        Change("1001", a => a with { Queues = ["sales"] });

        Assert.False(Rules.MayReadQueue(SignedIn("1001"), "billing"));
    }

    [Fact]
    public void Key_should_be_an_admin_without_an_agent()
    {
        var key = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, AuthSchemes.ApiKeyUser)], AuthSchemes.ApiKey));

        Assert.Equal(new Caller(AuthSchemes.ApiKeyUser, null, IsAdmin: true), Rules.Who(key));
        Assert.Null(Rules.Who(new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
