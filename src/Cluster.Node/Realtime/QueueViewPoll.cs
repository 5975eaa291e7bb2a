using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using CallCenter.Actors;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Queues;
using CallCenter.Node.Api;
using CallCenter.Node.Entities;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CallCenter.Node.Realtime;

/// <summary>
/// Pushes each configured queue's view to its group <c>queue:{name}</c> at most once per <see cref="Interval"/>, and only
/// when it changed. A poll (one ask per queue per interval, and only while someone watches) rather than a
/// notification from the queue entity: a queue's view changes with every waiting second and every agent
/// who becomes available, and a wallboard needs neither faster than once a second.
/// </summary>
public sealed class QueueViewPoll(
    ActorSystem system,
    EntityRouter router,
    ContactCenterDirectory directory,
    QueueWatchers watchers,
    IHubContext<AgentsHub> hub,
    IOptions<JsonOptions> json,
    ILogger<QueueViewPoll> log) : BackgroundService
{
    /// <summary>A wallboard's refresh: at most one push per queue per interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Dictionary<QueueId, byte[]> _lastPushed = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!watchers.Any)
            {
                // A new watcher gets every queue once (WatchQueues answers them), then changes only.
                _lastPushed.Clear();
                continue;
            }
            try
            {
                await Task.WhenAll(directory.QueueIds.Select(q => PushIfChangedAsync(q, stoppingToken)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed poll must not stop the host (a background service's exception does): try again next tick.
                log.LogWarning(e, "Queue views were not pushed");
            }
        }
    }

    private async Task PushIfChangedAsync(QueueId queue, CancellationToken stoppingToken)
    {
        QueueView view;
        try
        {
            view = await router.Ask<QueueView>(new GetQueue(queue), EntityAsk.Timeout);
        }
        catch (AskTimeoutException)
        {
            log.LogDebug("Queue {Queue} did not answer the poll", queue);
            return;
        }
        // Records holding lists compare by reference: compare what the clients would receive.
        var bytes = JsonSerializer.SerializeToUtf8Bytes(view, json.Value.SerializerOptions);
        lock (_lastPushed)
        {
            if (_lastPushed.TryGetValue(queue, out var last) && last.AsSpan().SequenceEqual(bytes))
                return;
            _lastPushed[queue] = bytes;
        }
        await hub.Clients.Group(RealtimeGroups.Queue(queue)).SendAsync(RealtimeGroups.QueueMethod, view, stoppingToken);
    }
}
