using System.Net.Http.Json;
using System.Text.Json;
using CallCenter.Integration.Tests.Support;
using CallCenter.Node.Admin;
using Xunit.Abstractions;

namespace CallCenter.Integration.Tests.Cluster;

/// <summary>
/// Issue 7's proof that the cluster rides out its database restarting under steady virtual-call traffic: the four node
/// processes run on a PostgreSQL server of the test's own, which is crashed (<c>stop -m immediate</c>) or shut down
/// (<c>-m fast</c>) and started again a few seconds later. Every call the API acknowledged is still accounted for
/// (and a waiting one is still in its queue), no agent holds two calls, calls asked for while the database is down are
/// refused with a 5xx within the client's timeout, routing works again within <see cref="RecoveryBudget"/> of the
/// database being back, and no node process dies.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresRestartSpecs(ITestOutputHelper output)
{
    /// <summary>How long the database stays down: long enough that every entity's writes fail meanwhile.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    /// <summary>From the database accepting connections again to every queue routing again.</summary>
    public static readonly TimeSpan RecoveryBudget = TimeSpan.FromSeconds(15);

    /// <summary>The traffic's client timeout: a refusal must come sooner than this.</summary>
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(8);

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan TrafficAfter = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AgentsDrain = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Cluster_must_ride_out_a_crash_of_its_database_and_lose_no_acknowledged_call() => await RideOutAsync(crash: true);

    [Fact]
    public async Task Cluster_must_ride_out_a_fast_shutdown_of_its_database_and_lose_no_acknowledged_call() => await RideOutAsync(crash: false);

    private async Task RideOutAsync(bool crash)
    {
        var how = crash ? "crash (stop -m immediate)" : "fast shutdown (stop -m fast)";
        var timeline = new Timeline(output);
        await using var database = await PrivatePostgres.StartAsync();
        timeline.Mark($"private PostgreSQL 15 up on port {database.Port}");
        await using var cluster = await ClusterOnPostgres.StartOnAsync(database.ConnectionString);
        timeline.Mark("cluster ready (3 routing nodes, 1 gateway+web node)");

        using var api = cluster.Web.ApiClient(ClientTimeout);
        var traffic = new VirtualTraffic(api);
        await traffic.ReadyAgentsAsync(ClusterOnPostgres.Agents, TimeSpan.FromSeconds(60));
        timeline.Mark("agents ready, traffic starts");
        var down = DateTimeOffset.MinValue;
        var back = DateTimeOffset.MinValue;
        await traffic.RunAroundAsync(ClusterOnPostgres.Queues, ClusterOnPostgres.Agents, WarmUp, async () =>
        {
            timeline.Mark($"database {how}");
            await database.StopServerAsync(crash);
            down = timeline.Mark("database down");
            await Task.Delay(Outage);
            await database.StartServerAsync();
            back = timeline.Mark("database back (accepting connections)");
        }, TrafficAfter, AgentsDrain);
        timeline.Mark("traffic stopped, agents drained");

        var (ledger, slowest, firstNew) = await CallLedger.CheckAsync(traffic, back, "database came back", output);
        var problems = ledger.ToList();
        problems.AddRange(await ForgottenByTheirQueueAsync(traffic));
        problems.AddRange(await OtherStoresAsync(cluster));
        problems.AddRange(Refusals(traffic.Refused, down, back));
        problems.AddRange(cluster.Routing.Append(cluster.Web).Select((n, i) => (n, i)).Where(n => n.n.HasExited)
            .Select(n => $"node {n.i} (pid {n.n.ProcessId}) died"));
        timeline.Mark("ledger read");
        timeline.Print();

        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n" + cluster.Output() + "\n--- PostgreSQL\n" + database.ServerLog());
        Assert.True(slowest.Value <= RecoveryBudget,
            $"queue {slowest.Key} routed again {CallLedger.Seconds(slowest.Value)} after the database came back; budget {RecoveryBudget.TotalSeconds} s");
        Assert.True(firstNew <= RecoveryBudget,
            $"the first call created after the database came back was routed {CallLedger.Seconds(firstNew)} after it");
    }

    /// <summary>
    /// A call still waiting must be in its queue's waiting list too: a call whose queue forgot it (its enqueue lost with a
    /// failed write) would wait for ever while the call's own view still says "queued".
    /// </summary>
    private static async Task<IEnumerable<string>> ForgottenByTheirQueueAsync(VirtualTraffic traffic)
    {
        var problems = new List<string>();
        var views = await CallLedger.FinalViewsAsync(traffic);
        var queued = views.Where(v => CallLedger.Text(v.Value, "status") == "queued").ToList();
        foreach (var byQueue in queued.GroupBy(v => CallLedger.Text(v.Value, "queueId")))
        {
            var queue = await traffic.GetAsync($"/api/queues/{byQueue.Key}");
            if (queue is null)
            {
                problems.Add($"queue {byQueue.Key} did not answer");
                continue;
            }
            var waiting = queue.Value.GetProperty("waiting").EnumerateArray().Select(w => IdOf(w.GetProperty("callId"))).ToHashSet();
            problems.AddRange(byQueue.Where(c => !waiting.Contains(c.Key))
                .Select(c => $"call {c.Key} says it waits in queue {byQueue.Key}, which does not list it"));
        }
        return problems;
    }

    /// <summary>
    /// The node's other PostgreSQL users work again: the customer directory takes and gives back a customer, and an
    /// administration change made through the web node reaches every routing node's definition-change follower.
    /// </summary>
    private async Task<IEnumerable<string>> OtherStoresAsync(ClusterOnPostgres cluster)
    {
        var problems = new List<string>();
        // An administration change answers once every entity took it: up to the API's own bound (then 503), which the
        // traffic's client timeout is shorter than.
        using var api = cluster.Web.ApiClient(DefinitionAdministration.ApplyTimeout + TimeSpan.FromSeconds(5));
        using var put = await api.PutAsJsonAsync("/api/customers/+15550100", new { name = "After the restart" });
        if (!put.IsSuccessStatusCode)
            problems.Add($"the customer directory refused a customer after the restart: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        using var get = await api.GetAsync("/api/customers/+15550100");
        if (!get.IsSuccessStatusCode)
            problems.Add($"the customer directory did not give the customer back: {(int)get.StatusCode}");

        var asked = DateTimeOffset.UtcNow;
        using var skill = await api.PutAsync("/api/admin/skills/after-restart", null);
        output.WriteLine($" the administration change after the restart answered {(int)skill.StatusCode} in {CallLedger.Seconds(DateTimeOffset.UtcNow - asked)}");
        if (!skill.IsSuccessStatusCode)
            problems.Add($"an administration change was refused after the restart: {(int)skill.StatusCode} {await skill.Content.ReadAsStringAsync()}");
        const string taken = "Took the administration changes another node stored";
        var deadline = DateTime.UtcNow + 3 * DefinitionChangeFollower.Interval;
        while (DateTime.UtcNow < deadline && cluster.Routing.Any(n => !n.Output.Contains(taken, StringComparison.Ordinal)))
            await Task.Delay(200);
        problems.AddRange(cluster.Routing.Select((n, i) => (n, i)).Where(n => !n.n.Output.Contains(taken, StringComparison.Ordinal))
            .Select(n => $"routing node {n.i} did not take the administration change made after the restart"));
        return problems;
    }

    private static string? IdOf(JsonElement id) =>
        id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetProperty("value").GetString();

    /// <summary>Refusals are 5xx answers that came within the client's timeout (never a hang), printed by kind.</summary>
    private IEnumerable<string> Refusals(IReadOnlyList<RefusedCall> refused, DateTimeOffset down, DateTimeOffset back)
    {
        output.WriteLine($"REFUSED CALLS: {refused.Count} ({refused.Count(r => r.SentAt >= down && r.SentAt <= back)} asked while the database "
            + $"was down); answers: {string.Join(", ", refused.GroupBy(r => r.Answer).Select(g => $"{g.Key} x{g.Count()}"))}; "
            + $"slowest answer {CallLedger.Seconds(refused.Select(r => r.Took).DefaultIfEmpty().Max())}");
        foreach (var r in refused)
            output.WriteLine($"  refused {r.SentAt:HH:mm:ss.fff} ({r.Queue}): {r.Answer} after {CallLedger.Seconds(r.Took)}");
        return refused.Where(r => !r.Answer.StartsWith('5'))
            .Select(r => $"a call asked for at {r.SentAt:HH:mm:ss.fff} was answered '{r.Answer}' after {CallLedger.Seconds(r.Took)}, not a 5xx");
    }

    /// <summary>What happened when, printed at the end.</summary>
    private sealed class Timeline(ITestOutputHelper output)
    {
        private readonly DateTimeOffset _start = DateTimeOffset.UtcNow;
        private readonly List<string> _marks = [];

        public DateTimeOffset Mark(string what)
        {
            var now = DateTimeOffset.UtcNow;
            lock (_marks)
                _marks.Add($"{now:HH:mm:ss.fff} (+{(now - _start).TotalSeconds,6:0.0} s) {what}");
            return now;
        }

        public void Print()
        {
            output.WriteLine("TIMELINE");
            foreach (var mark in _marks)
                output.WriteLine("  " + mark);
        }
    }
}
