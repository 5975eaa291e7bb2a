using CallCenter.Node.Auth;
using CallCenter.Node.Definition;

namespace CallCenter.Node.Tests.Auth;

/// <summary>Agents' <c>passwordHash:</c>: a real hash is read and verifies; anything else stops the definition at its line.</summary>
public sealed class PasswordHashSpecs
{
    private const string File = "config/test.yaml";

    private static string Definition(string passwordHash) => $"""
        skills: [billing]
        queues:
          - name: billing
        agents:
          - id: "1001"
            name: Alice
            site: london
            passwordHash: "{passwordHash}"
            queues: [billing]
        """;

    [Fact]
    public void Hash_should_verify_its_password_only()
    {
        var hash = PasswordHashes.Hash("desk-1001");
        var agent = ContactCenterDefinitionLoader.Parse(Definition(hash), File).Agents.Single();

        Assert.Equal(hash, agent.PasswordHash);
        Assert.True(PasswordHashes.Verify(agent, "desk-1001"));
        Assert.False(PasswordHashes.Verify(agent, "desk-1002"));
        Assert.False(PasswordHashes.Verify(agent with { PasswordHash = null }, "desk-1001"));
        Assert.False(PasswordHashes.Verify(null, "desk-1001"));
        Assert.DoesNotContain(hash, agent.ToString());
    }

    [Theory]
    [InlineData("desk-1001")]
    [InlineData("c2VjcmV0LXBhc3N3b3JkLWluLWJhc2U2NA==")]
    [InlineData("AQAAAAIAAYagAAAAEHVWD4RpWtWSTZ6f")]
    public void Plain_or_truncated_hash_should_fail_with_file_and_line(string notAHash)
    {
        var error = Assert.Throws<DefinitionException>(() => ContactCenterDefinitionLoader.Parse(Definition(notAHash), File));

        Assert.Equal((File, 8), (error.File, error.Line));
        Assert.Contains("passwordHash of agent '1001' is not a password hash", error.Reason);
        Assert.Contains("hash-password", error.Reason);
        Assert.DoesNotContain(notAHash, error.Message);
    }

    [Fact]
    public async Task Hash_password_command_should_print_only_a_hash_of_the_first_line()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await PasswordHashCommand.RunAsync(new StringReader("desk-9001\n"), output, error);

        Assert.Equal(0, exit);
        var hash = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(PasswordHashes.IsWellFormed(hash));
        Assert.True(PasswordHashes.Verify(new("9001", "G", null, "london", default, new Dictionary<string, int>(), [], hash), "desk-9001"));
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task Hash_password_command_should_refuse_an_empty_input()
    {
        var error = new StringWriter();

        Assert.NotEqual(0, await PasswordHashCommand.RunAsync(new StringReader(""), new StringWriter(), error));
        Assert.Contains("no password", error.ToString());
    }
}
