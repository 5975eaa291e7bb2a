using System.Diagnostics;
using CallCenter.Gateway.Tests.Sip.Server;
using Xunit.Abstractions;

namespace CallCenter.Gateway.Tests.Sip.Torture;

/// <summary>
/// Runs the shared RFC 4475 / RFC 5118 runner against a live server front. Both transports run in this one class so
/// they never overlap (the runner binds 127.0.0.2:5060). --strict: every "400|liberal" case must get its 400.
/// </summary>
public sealed class TortureRunnerSpecs(ITestOutputHelper output)
{
    [Fact]
    public Task Server_should_pass_every_torture_case_over_udp() => RunAsync(string.Empty);

    [Fact]
    public Task Server_should_pass_every_torture_case_over_tcp() => RunAsync("--tcp");

    private async Task RunAsync(string transportFlag)
    {
        var (transport, port) = await TestUas.StartOnFreePortAsync();
        await using var _ = transport;
        var runner = Path.Combine(TortureCorpus.Directory, "run.py");
        var start = new ProcessStartInfo("python3", $"{runner} 127.0.0.1 {port} --strict {transportFlag}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(6));
        output.WriteLine(await stdout);
        output.WriteLine(await stderr);
        var summary = (await stdout).Split('\n').LastOrDefault(l => l.StartsWith("torture:", StringComparison.Ordinal));
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("61 passed, 0 failed of 61; server alive: yes", summary);
    }
}
