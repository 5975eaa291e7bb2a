using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CallCenter.Bench.Realtime;

/// <summary>One run: warm the agents' entities, connect every page, then drive state changes and time their pushes.</summary>
internal sealed class RealtimeLoad(LoadOptions options)
{
    private readonly NodeProcess _node = new(options.NodePid);
    private const string ApiKeyHeader = "X-Api-Key";

    private readonly HttpClient[] _http = Enumerable.Range(0, options.HttpClients).Select(_ => ApiClient(options)).ToArray();

    private static HttpClient ApiClient(LoadOptions options)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }) { BaseAddress = options.Node };
        if (options.ApiKey is { } key)
            client.DefaultRequestHeaders.Add(ApiKeyHeader, key);
        return client;
    }

    public async Task<BenchResult> RunAsync()
    {
        var ids = Enumerable.Range(options.FirstAgentId, options.Agents).Select(i => i.ToString()).ToArray();
        // Every agent's entity running and not ready before the first sample: the delta is the connections' own.
        await ForEachAsync(ids, 32, (id, i) => PostStateAsync(id, ready: false, i));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var rssBefore = _node.RssKiB();
        var heapBefore = await GcHeap.SampleMiBAsync(options.NodePid);

        var connectClock = Stopwatch.StartNew();
        var pages = new ConcurrentBag<WatchingAgent>();
        var failed = 0;
        await ForEachAsync(ids, LoadOptions.ConnectConcurrency, async (id, _) =>
        {
            try
            {
                pages.Add(await ConnectAsync(id));
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref failed) <= 3)
                    Console.Error.WriteLine($"agent {id} did not connect: {e.GetBaseException().Message}");
            }
        });
        var connectSeconds = connectClock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(5));
        var rssAfter = _node.RssKiB();
        var heapAfter = await GcHeap.SampleMiBAsync(options.NodePid);

        var drive = await DriveAsync(pages.ToArray());
        await Task.WhenAll(pages.Select(p => p.Connection.DisposeAsync().AsTask()));
        return new BenchResult(options.Agents, pages.Count, connectSeconds, rssBefore, rssAfter, heapBefore, heapAfter, drive);
    }

    private async Task<WatchingAgent> ConnectAsync(string id)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(options.Node, "/hubs/agents"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                if (options.ApiKey is { } key)
                    o.Headers[ApiKeyHeader] = key;
            })
            .Build();
        var page = new WatchingAgent(id, connection);
        connection.On<AgentPush>("agent", page.OnPush);
        await connection.StartAsync();
        var view = await connection.InvokeAsync<AgentPush>("WatchAgent", id);
        page.Ready = view.Status == "ready";
        return page;
    }

    /// <summary>Toggles random agents (one change in flight per agent) at the fixed rate and times each push.</summary>
    private async Task<DriveResult> DriveAsync(WatchingAgent[] pages)
    {
        var latencies = new ConcurrentBag<double>();
        var responses = new ConcurrentBag<double>();
        var lost = 0;
        var refused = 0;
        var inFlight = new int[pages.Length];
        var random = new Random(42);
        var changes = new List<Task>();
        var nodeCpu = _node.Cpu();
        var ownCpu = NodeProcess.OwnCpu();
        var clock = Stopwatch.StartNew();
        var total = options.ChangesPerSecond * options.Seconds;
        for (var n = 0; n < total; n++)
        {
            var due = TimeSpan.FromSeconds((double)n / options.ChangesPerSecond);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            var i = random.Next(pages.Length);
            for (var tries = 0; tries < 10 && Volatile.Read(ref inFlight[i]) == 1; tries++)
                i = random.Next(pages.Length);
            if (Interlocked.Exchange(ref inFlight[i], 1) == 1)
                continue; // every agent tried is busy: skip this tick rather than queue behind it
            var page = pages[i];
            var index = i;
            changes.Add(Task.Run(async () =>
            {
                try
                {
                    var ready = !page.Ready;
                    var pushed = page.Expect(ready ? "ready" : "not-ready");
                    var sent = Stopwatch.GetTimestamp();
                    var accepted = await PostStateAsync(page.AgentId, ready, n);
                    responses.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    if (!accepted)
                    {
                        page.GiveUp();
                        Interlocked.Increment(ref refused);
                        return;
                    }
                    page.Ready = ready;
                    if (await Task.WhenAny(pushed, Task.Delay(LoadOptions.DeliveryTimeout)) == pushed)
                        latencies.Add(pushed.Result);
                    else
                    {
                        page.GiveUp();
                        Interlocked.Increment(ref lost);
                    }
                }
                finally
                {
                    Volatile.Write(ref inFlight[index], 0);
                }
            }));
        }
        await Task.WhenAll(changes);
        var driveSeconds = clock.Elapsed.TotalSeconds;
        var nodeCpuUsed = _node.Cpu() - nodeCpu;
        var ownCpuUsed = NodeProcess.OwnCpu() - ownCpu;
        return new DriveResult(changes.Count, latencies.ToArray(), responses.ToArray(), lost, refused, driveSeconds, nodeCpuUsed, ownCpuUsed);
    }

    private async Task<bool> PostStateAsync(string id, bool ready, int n)
    {
        object body = ready ? new { state = "ready" } : new { state = "not-ready", reason = "break" };
        try
        {
            using var response = await _http[n % _http.Length].PostAsJsonAsync($"/api/agents/{id}/state", body);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static Task ForEachAsync(string[] ids, int concurrency, Func<string, int, Task> body) =>
        Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (item, _) => await body(item.id, item.i));
}
