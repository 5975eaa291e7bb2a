using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CallCenter.Integration.Tests.Gateway;
using CallCenter.Integration.Tests.Support;

namespace CallCenter.Integration.Tests.Cluster;

/// <summary>
/// Graceful shutdown of a gateway node: on SIGTERM it answers new INVITEs 503 while a call in progress finishes on its
/// own, then leaves the cluster and exits 0.
/// </summary>
public sealed class GatewayDrainSpecs
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan SippTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Gateway_must_refuse_new_calls_with_503_and_let_a_call_in_progress_finish_before_exiting_0()
    {
        var definition = Path.Combine(Directory.CreateTempSubdirectory("drain-definition-").FullName, "callcenter.yaml");
        await File.WriteAllTextAsync(definition, GatewayNode.Definition);
        await using var node = await NodeProcess.StartAsync($"--CallCenter:Definition:Path={definition}",
            $"--CallCenter:Shutdown:GracePeriodSeconds={(int)GracePeriod.TotalSeconds}");
        using var api = node.ApiClient(TimeSpan.FromSeconds(5));

        // No agent is ready: the caller waits in queue a, then hangs up (CANCEL) 6 s after calling.
        await using var waiting = Sipp.Caller("100", "127.0.0.72", "caller_cancel.xml", node.SipPort, SippTimeout, "-d", "6000");
        await AwaitAsync(async () => (await api.GetFromJsonAsync<JsonElement>("/api/queues/a")).GetProperty("waiting").GetArrayLength() == 1,
            "the first call waiting in queue a");

        var terminated = Stopwatch.StartNew();
        var exit = node.TerminateAsync(GracePeriod + TimeSpan.FromSeconds(20));
        await AwaitAsync(() => Task.FromResult(node.Output.Contains("SIP gateway draining")), "the gateway draining");

        var refusedScenario = Path.Combine(Directory.CreateTempSubdirectory("sipp-drain-").FullName, "caller_refused.xml");
        await File.WriteAllTextAsync(refusedScenario, (await File.ReadAllTextAsync(Sipp.Scenario("caller_refused.xml")))
            .Replace("<recv response=\"404\"/>", "<recv response=\"503\"/>"));
        await using var refused = Sipp.Caller("100", "127.0.0.73", refusedScenario, node.SipPort, TimeSpan.FromSeconds(15));
        Assert.True(await refused.WaitAsync(TimeSpan.FromSeconds(20)) == 0, "a new INVITE while draining must get 503\n" + refused.Report());
        Assert.False(node.HasExited, "the node must wait for the call in progress");

        Assert.True(await waiting.WaitAsync(SippTimeout) == 0, "the waiting caller's CANCEL must be answered 200 and 487\n" + waiting.Report());
        Assert.Equal(0, await exit);
        Assert.True(terminated.Elapsed < GracePeriod, $"the node exited {terminated.Elapsed.TotalSeconds:0.0} s after SIGTERM, not once its call ended");
        Assert.Contains("0 calls in progress", node.Output);
        Assert.Contains("Exiting completed", node.Output);
    }

    private static async Task AwaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }
}
