using System.Text.Json;
using Xunit.Abstractions;

namespace CallCenter.Integration.Tests.Cluster;

/// <summary>
/// What the cluster proofs check at the end of their traffic, from the calls' views: every call accounted for, no agent
/// holding two calls, and when routing resumed.
/// </summary>
public static class CallLedger
{
    /// <summary>The outcome of a run: what went wrong with the calls, and when routing resumed after the disruption.</summary>
    public sealed record Verdict(IReadOnlyList<string> Problems, KeyValuePair<string, TimeSpan> SlowestQueue, TimeSpan FirstNewCall);

    /// <summary>Reads every created call's final view, checks the ledger, and writes the recovery figures to <paramref name="output"/>.</summary>
    public static async Task<Verdict> CheckAsync(VirtualTraffic traffic, DateTimeOffset disruptedAt, string disruption, ITestOutputHelper output)
    {
        var views = await FinalViewsAsync(traffic);
        output.WriteLine($"{traffic.Created.Count} calls created, {traffic.Failures} API requests failed or timed out along the way");
        var problems = Accounting(traffic.Created, views).Concat(DoubleBookings(views)).ToList();
        var queues = QueuesRouting(views, disruptedAt);
        var newCalls = NewCallsRouted(traffic.Created, views, disruptedAt);
        output.WriteLine($"first call offered after the {disruption}, per queue: " + Listing(queues));
        output.WriteLine($"first call created after the {disruption} offered, per queue (behind the backlog): " + Listing(newCalls));
        if (queues.Count < ClusterOnPostgres.Queues.Count)
            problems.Add($"only {queues.Count} of {ClusterOnPostgres.Queues.Count} queues routed a call after the {disruption}");
        var slowest = queues.DefaultIfEmpty(new("none", TimeSpan.MaxValue)).MaxBy(r => r.Value);
        var firstNew = newCalls.Values.DefaultIfEmpty(TimeSpan.MaxValue).Min();
        output.WriteLine($"RECOVERY TIME: every queue routing again {Seconds(slowest.Value)} after the {disruption} (slowest: queue {slowest.Key}); "
            + $"first new call routed after {Seconds(firstNew)}");
        return new Verdict(problems, slowest, firstNew);
    }

    public static string Seconds(TimeSpan t) => $"{t.TotalSeconds:0.00} s";

    public static string Listing(Dictionary<string, TimeSpan> times) =>
        string.Join(", ", times.OrderBy(t => t.Key).Select(t => $"{t.Key} {Seconds(t.Value)}"));

    /// <summary>Each created call's final view from the API (retried: the cluster has just been through a failover).</summary>
    public static async Task<Dictionary<string, JsonElement>> FinalViewsAsync(VirtualTraffic traffic)
    {
        var views = new Dictionary<string, JsonElement>();
        foreach (var call in traffic.Created)
            for (var attempt = 0; attempt < 10; attempt++)
            {
                if (await traffic.GetAsync($"/api/calls/{call.Id}") is { } view)
                {
                    views[call.Id] = view;
                    break;
                }
                await Task.Delay(500);
            }
        return views;
    }

    /// <summary>Every created call is answered, abandoned by its caller, or still waiting with its original arrival time.</summary>
    public static IEnumerable<string> Accounting(IReadOnlyList<CreatedCall> created, Dictionary<string, JsonElement> views)
    {
        foreach (var call in created)
        {
            if (!views.TryGetValue(call.Id, out var view))
            {
                yield return $"call {call.Id} ({call.Queue}): no view";
                continue;
            }
            var status = Text(view, "status");
            var outcome = Text(view, "outcome");
            var answered = status == "ended" && outcome == "completed" && Time(view, "answeredAt") is not null;
            var abandoned = status == "ended" && outcome == "abandoned" && call.CallerAbandons;
            var arrived = Time(view, "arrivedAt");
            var waiting = status == "queued" && arrived >= call.SentAt.AddSeconds(-1) && arrived <= call.AcknowledgedAt.AddSeconds(1);
            if (!(answered || abandoned || waiting))
                yield return $"call {call.Id} ({call.Queue}, caller abandons: {call.CallerAbandons}) ended up {view}";
        }
    }

    /// <summary>No agent's talk windows (answered to ended) overlap: no agent ever held two calls.</summary>
    public static IEnumerable<string> DoubleBookings(Dictionary<string, JsonElement> views)
    {
        var windows = views.Values
            .Where(v => Text(v, "agentId") is not null && Time(v, "answeredAt") is not null)
            .Select(v => (Agent: Text(v, "agentId")!, Call: Text(v, "callId")!, From: Time(v, "answeredAt")!.Value,
                To: Time(v, "endedAt") ?? DateTimeOffset.MaxValue))
            .GroupBy(w => w.Agent);
        foreach (var agent in windows)
        {
            var ordered = agent.OrderBy(w => w.From).ToList();
            for (var i = 1; i < ordered.Count; i++)
                if (ordered[i].From < ordered[i - 1].To)
                    yield return $"agent {agent.Key} held {ordered[i - 1].Call} ({ordered[i - 1].From:HH:mm:ss.fff}-{ordered[i - 1].To:HH:mm:ss.fff}) "
                        + $"and {ordered[i].Call} (from {ordered[i].From:HH:mm:ss.fff}) at once";
        }
    }

    /// <summary>
    /// For every queue, how long after the kill it first offered a call (waiting or new) to an agent: the queue's entity
    /// runs again and routes. At least one queue lives on the killed node in practice (six queues over three nodes).
    /// </summary>
    public static Dictionary<string, TimeSpan> QueuesRouting(Dictionary<string, JsonElement> views, DateTimeOffset killedAt) =>
        Offers(views.Values, killedAt).Where(o => o.Queue is not null).GroupBy(o => o.Queue!)
            .ToDictionary(g => g.Key, g => g.Min(o => o.At) - killedAt);

    /// <summary>For every queue, how long after the kill the first call created after it was offered (behind any backlog).</summary>
    public static Dictionary<string, TimeSpan> NewCallsRouted(IReadOnlyList<CreatedCall> created, Dictionary<string, JsonElement> views,
        DateTimeOffset killedAt) =>
        Offers(created.Where(c => c.SentAt > killedAt && views.ContainsKey(c.Id)).Select(c => views[c.Id]), killedAt)
            .GroupBy(o => o.Queue!)
            .ToDictionary(g => g.Key, g => g.Min(o => o.At) - killedAt);

    public static IEnumerable<(string? Queue, string? Agent, DateTimeOffset At)> Offers(IEnumerable<JsonElement> views, DateTimeOffset after) =>
        views.Select(v => (Queue: Text(v, "queueId"), Agent: Text(v, "agentId"), At: Time(v, "offeredAt")))
            .Where(o => o.At > after)
            .Select(o => (o.Queue, o.Agent, o.At!.Value));

    public static string? Text(JsonElement view, string name) =>
        view.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static DateTimeOffset? Time(JsonElement view, string name) =>
        view.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;
}
