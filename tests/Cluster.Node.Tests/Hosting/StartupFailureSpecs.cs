using System.Diagnostics;

namespace CallCenter.Node.Tests.Hosting;

/// <summary>A node that cannot start says why in one message on stderr and exits non-zero: no stack trace.</summary>
public sealed class StartupFailureSpecs : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private async Task<(int ExitCode, string Stderr)> RunNode(params string[] arguments)
    {
        var node = Path.Combine(AppContext.BaseDirectory, "CallCenter.Node.dll");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = _directory.Path, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(node);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await stdout;
        return (process.ExitCode, await stderr);
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
    public async Task Node_should_exit_naming_the_key_for_a_bad_option()
    {
        var (exitCode, stderr) = await RunNode("--CallCenter:Persistence:Provider=oracle");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("CallCenter:Persistence:Provider must be 'sqlite' or 'postgres', got 'oracle'", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }
}
