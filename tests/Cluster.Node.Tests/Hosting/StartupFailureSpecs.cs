using System.Diagnostics;
using CallCenter.Node.Admin;
using CallCenter.Node.Configuration;
using CallCenter.Node.Definition;

namespace CallCenter.Node.Tests.Hosting;

/// <summary>A node that cannot start says why in one message on stderr and exits non-zero: no stack trace.</summary>
public sealed class StartupFailureSpecs : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private async Task<(int ExitCode, string Stderr)> RunNode(params string[] arguments)
    {
        var (exitCode, _, stderr) = await RunNodeWithInput("", arguments);
        return (exitCode, stderr);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunNodeWithInput(string stdin, params string[] arguments)
    {
        var node = Path.Combine(AppContext.BaseDirectory, "CallCenter.Node.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _directory.Path, RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(node);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Node_should_exit_with_file_line_and_reason_for_a_bad_definition()
    {
        var definition = _directory.File("bad.yaml");
        await File.WriteAllTextAsync(definition, "skills: [billing]\nqueues:\n  - name: billing\n    skills: {biling: 1}\n");

        var (exitCode, stderr) = await RunNode($"--CallCenter:Definition:Path={definition}");

        Assert.NotEqual(0, exitCode);
        Assert.Equal($"{definition}:4:14: skills of queue 'billing' refers to unknown skill 'biling' (skills: billing)", stderr.Trim());
    }

    [Fact]
    public async Task Node_should_exit_naming_a_stored_admin_change_the_file_no_longer_accepts()
    {
        var definition = _directory.File("shrunk.yaml");
        await File.WriteAllTextAsync(definition, "skills: [billing]\nqueues:\n  - name: billing\n");
        var data = _directory.File("data");
        await using (var store = DefinitionChangeStore.For(new PersistenceOptions { DataDirectory = data }))
        {
            await store.EnsureCreatedAsync();
            await store.SaveAsync(new DefinitionChange(DefinitionChangeKind.Queue, "claims",
                "{name: claims, skills: {insurance: 2}}"), DateTimeOffset.UtcNow);
        }

        var (exitCode, stderr) = await RunNode($"--CallCenter:Definition:Path={definition}", $"--CallCenter:Persistence:DataDirectory={data}");

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith("the change to queue 'claims', field 'skills.insurance': skills of queue 'claims' refers to unknown skill 'insurance'", stderr.Trim());
        Assert.Contains(Path.Combine(data, DefinitionChangeStore.SqliteFileName), stderr);
    }

    [Fact]
    public async Task Node_should_exit_with_file_and_line_for_a_plain_password_in_password_hash()
    {
        var definition = _directory.File("plain.yaml");
        await File.WriteAllTextAsync(definition,
            "skills: [billing]\nqueues:\n  - name: billing\nagents:\n  - id: \"1001\"\n    name: Alice\n    site: london\n    passwordHash: desk-1001\n");

        var (exitCode, stderr) = await RunNode($"--CallCenter:Definition:Path={definition}");

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith($"{definition}:8:19: passwordHash of agent '1001' is not a password hash", stderr.Trim());
    }

    [Fact]
    public async Task Hash_password_should_print_a_hash_and_nothing_else()
    {
        var (exitCode, stdout, stderr) = await RunNodeWithInput("desk-1001", "hash-password");

        Assert.Equal(0, exitCode);
        Assert.True(CallCenter.Node.Auth.PasswordHashes.IsWellFormed(stdout.Trim()), stdout);
        Assert.Equal(stdout.Trim() + Environment.NewLine, stdout);
        Assert.Equal("", stderr);
    }

    [Theory]
    [InlineData("--CallCenter:Persistence:Provider=oracle", "CallCenter:Persistence:Provider must be 'sqlite' or 'postgres', got 'oracle'")]
    [InlineData("--CallCenter:Api:Key=short-key", "CallCenter:Api:Key must be at least 16 characters (got 9)")]
    public async Task Node_should_exit_naming_the_key_for_a_bad_option(string option, string message)
    {
        var (exitCode, stderr) = await RunNode(option);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
