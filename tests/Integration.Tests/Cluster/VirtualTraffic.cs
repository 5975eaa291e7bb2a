using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CallCenter.Integration.Tests.Cluster;

/// <summary>A call the API acknowledged (201), with the client's clock around the request.</summary>
public sealed record CreatedCall(string Id, string Queue, DateTimeOffset SentAt, DateTimeOffset AcknowledgedAt, bool CallerAbandons);

/// <summary>A call the API did not acknowledge: when it was asked, how long the answer took, and what it was (a status or the error).</summary>
public sealed record RefusedCall(string Queue, DateTimeOffset SentAt, TimeSpan Took, string Answer);

/// <summary>
/// Steady traffic through the API with the key: callers create a virtual call every <see cref="CallInterval"/> into the
/// queues in turn (every fifth caller hangs up if still waiting after 1.5 s); every agent polls its own state and
/// answers what it is offered, then hangs up after <see cref="TalkTime"/> (wrap-up ends by itself). Failures of the API
/// (503 or a timeout while a node is down) are counted, not fatal: a call is created only when the API said 201.
/// With <paramref name="readyAgain"/> an agent that finds itself not ready (a ring-no-answer: it was offered a call its
/// desktop could not see, on a node cut off from the API) goes ready again, as a person at the desktop would.
/// </summary>
public sealed class VirtualTraffic(HttpClient api, bool readyAgain = false)
{
    public static readonly TimeSpan CallInterval = TimeSpan.FromMilliseconds(400);
    public static readonly TimeSpan TalkTime = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan AgentPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan AbandonAfter = TimeSpan.FromMilliseconds(1500);

    private readonly ConcurrentQueue<CreatedCall> _created = new();
    private readonly ConcurrentQueue<Task> _abandons = new();
    private readonly ConcurrentQueue<RefusedCall> _refused = new();
    private int _failures;

    public IReadOnlyList<CreatedCall> Created => [.. _created];

    /// <summary>Calls the API answered with anything but 201, or not at all.</summary>
    public IReadOnlyList<RefusedCall> Refused => [.. _refused];

    /// <summary>API calls that failed (not 2xx or timed out): the price of a failover, reported.</summary>
    public int Failures => _failures;

    /// <summary>Sets every agent ready (retrying until the cluster takes it) so routing can start.</summary>
    public async Task ReadyAgentsAsync(IEnumerable<string> agents, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await Task.WhenAll(agents.Select(async agent =>
        {
            while (!await SucceedsAsync(() => api.PostAsJsonAsync($"/api/agents/{agent}/state", new { state = "ready" }, cancel.Token)))
                await Task.Delay(200, cancel.Token);
        }));
    }

    /// <summary>
    /// Callers and agents for <paramref name="warmUp"/>, then <paramref name="disruption"/> (timed from its start), traffic
    /// for <paramref name="after"/> more, then the agents alone for <paramref name="drain"/>. Returns when the disruption began.
    /// </summary>
    public async Task<DateTimeOffset> RunAroundAsync(IReadOnlyList<string> queues, IReadOnlyList<string> agents, TimeSpan warmUp,
        Func<Task> disruption, TimeSpan after, TimeSpan drain)
    {
        using var stopCallers = new CancellationTokenSource();
        using var stopAgents = new CancellationTokenSource();
        var callers = RunCallersAsync(queues, stopCallers.Token);
        var working = RunAgentsAsync(agents, stopAgents.Token);
        await Task.Delay(warmUp);
        var at = DateTimeOffset.UtcNow;
        await disruption();
        await Task.Delay(after);
        stopCallers.Cancel();
        await callers;
        await Task.Delay(drain);
        stopAgents.Cancel();
        await working;
        return at;
    }

    /// <summary>Callers: one call every <see cref="CallInterval"/> into the queues in turn until <paramref name="stop"/>.</summary>
    public async Task RunCallersAsync(IReadOnlyList<string> queues, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var next = Task.Delay(CallInterval, CancellationToken.None);
            var queue = queues[n % queues.Count];
            var abandons = n % 5 == 4;
            _ = CreateAsync(queue, abandons);
            await next;
        }
        await Task.WhenAll([.. _abandons]);
    }

    private async Task CreateAsync(string queue, bool abandons)
    {
        var sent = DateTimeOffset.UtcNow;
        try
        {
            using var response = await api.PostAsJsonAsync("/api/calls", new { from = "caller", queue });
            if (response.StatusCode != HttpStatusCode.Created)
            {
                _refused.Enqueue(new RefusedCall(queue, sent, DateTimeOffset.UtcNow - sent, $"{(int)response.StatusCode}"));
                Interlocked.Increment(ref _failures);
                return;
            }
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            _created.Enqueue(new CreatedCall(id, queue, sent, DateTimeOffset.UtcNow, abandons));
            if (abandons)
                _abandons.Enqueue(AbandonIfWaitingAsync(id));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            _refused.Enqueue(new RefusedCall(queue, sent, DateTimeOffset.UtcNow - sent, e is TaskCanceledException ? "timeout" : e.Message));
            Interlocked.Increment(ref _failures);
        }
    }

    private async Task AbandonIfWaitingAsync(string id)
    {
        await Task.Delay(AbandonAfter);
        var view = await GetAsync($"/api/calls/{id}");
        if (view?.GetProperty("status").GetString() == "queued")
            await SucceedsAsync(() => api.DeleteAsync($"/api/calls/{id}"));
    }

    /// <summary>Every agent answering and hanging up until <paramref name="stop"/>.</summary>
    public Task RunAgentsAsync(IEnumerable<string> agents, CancellationToken stop) => Task.WhenAll(agents.Select(a => RunAgentAsync(a, stop)));

    private async Task RunAgentAsync(string agent, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var view = await GetAsync($"/api/agents/{agent}");
            switch (view?.GetProperty("status").GetString())
            {
                case "reserved":
                    await SucceedsAsync(() => api.PostAsync($"/api/agents/{agent}/answer", null));
                    break;
                case "on-call":
                    await Task.Delay(TalkTime, CancellationToken.None);
                    await SucceedsAsync(() => api.PostAsync($"/api/agents/{agent}/hangup", null));
                    break;
                case "not-ready" when readyAgain:
                    await SucceedsAsync(() => api.PostAsJsonAsync($"/api/agents/{agent}/state", new { state = "ready" }));
                    break;
            }
            await Task.Delay(AgentPoll, CancellationToken.None);
        }
    }

    /// <summary>The call's view, or null when the API could not answer (the caller retries later).</summary>
    public async Task<JsonElement?> GetAsync(string path)
    {
        try
        {
            using var response = await api.GetAsync(path);
            if (response.IsSuccessStatusCode)
                return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
        Interlocked.Increment(ref _failures);
        return null;
    }

    private async Task<bool> SucceedsAsync(Func<Task<HttpResponseMessage>> request)
    {
        try
        {
            using var response = await request();
            if (response.IsSuccessStatusCode)
                return true;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
        Interlocked.Increment(ref _failures);
        return false;
    }
}
