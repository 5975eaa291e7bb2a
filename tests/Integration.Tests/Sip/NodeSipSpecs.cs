using CallCenter.Integration.Tests.Support;
using Xunit.Abstractions;

namespace CallCenter.Integration.Tests.Sip;

/// <summary>One real node process for the SIP specs (starting one costs seconds).</summary>
public sealed class SipNode : IAsyncLifetime
{
    public NodeProcess Node { get; private set; } = null!;

    // sipp 3.6 answers only the first challenge and knows only MD5: offer MD5 first (SHA-256 still offered).
    public async Task InitializeAsync() => Node = await NodeProcess.StartAsync("--CallCenter:Sip:DigestAlgorithms=MD5,SHA-256");

    public async Task DisposeAsync() => await Node.DisposeAsync();
}

/// <summary>
/// The node's SIP front door as a carrier or a phone meets it: the RFC 4475 / RFC 5118 torture
/// corpus over UDP and TCP, and agents' phones registering with digest authentication. The two
/// torture runs share this class so they never overlap (the runner sends from 127.0.0.2:5060).
/// </summary>
public sealed class NodeSipSpecs(SipNode fixture, ITestOutputHelper output) : IClassFixture<SipNode>
{
    private static readonly TimeSpan RunnerLimit = TimeSpan.FromMinutes(6);

    [Fact]
    public Task Node_should_pass_every_torture_case_over_udp() => TortureAsync("");

    [Fact]
    public Task Node_should_pass_every_torture_case_over_tcp() => TortureAsync("--tcp");

    private async Task TortureAsync(string transport)
    {
        var runner = Path.Combine(Repository.Shared, "sip-torture", "run.py");
        var (exit, log) = await ExternalTool.RunAsync("python3", $"{runner} 127.0.0.1 {fixture.Node.SipPort} --strict {transport}", RunnerLimit);
        output.WriteLine(log);
        var summary = log.Split('\n').LastOrDefault(l => l.StartsWith("torture:", StringComparison.Ordinal));
        Assert.True(exit == 0, $"runner exit {exit}: {summary}");
        Assert.Contains("61 passed, 0 failed of 61; server alive: yes", summary);
        Assert.False(fixture.Node.HasExited, "the node exited");
    }

    [Theory]
    [InlineData("alice-secret", 200)]
    [InlineData("not-alices-password", 403)]
    public async Task Agent_phone_should_register_with_its_password_and_be_refused_with_a_wrong_one(string password, int expected)
    {
        var dir = Directory.CreateTempSubdirectory("sipp-register-").FullName;
        var scenario = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sip", "register_digest.xml"))
            .Replace("password=secret1001", $"password={password}")
            .Replace("<recv response=\"200\"/>", $"<recv response=\"{expected}\"/>");
        File.WriteAllText(Path.Combine(dir, "register.xml"), scenario);
        var address = expected == 200 ? "127.0.0.61" : "127.0.0.62";

        var (exit, log) = await ExternalTool.RunAsync("sipp",
            $"-sf register.xml -m 1 -nostdin -i {address} -p 5070 -timeout 20s -timeout_error -trace_stat -stf stat.csv 127.0.0.1:{fixture.Node.SipPort}",
            TimeSpan.FromSeconds(40), dir);

        output.WriteLine(log);
        Assert.Equal(0, exit);
        if (expected == 200)
        {
            // The node logs each new binding (agent id as the user part); the line may trail sipp's exit.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!fixture.Node.Output.Contains("SIP binding Added: sip:1001@") && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            Assert.Contains("SIP binding Added: sip:1001@", fixture.Node.Output);
        }
    }
}
