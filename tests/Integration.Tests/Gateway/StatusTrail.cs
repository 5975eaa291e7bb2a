namespace CallCenter.Integration.Tests.Gateway;

/// <summary>An agent's statuses as polled every 50 ms during a call, consecutive repeats folded (wrap-up lasts only 1 s).</summary>
public sealed class StatusTrail : IAsyncDisposable
{
    private readonly List<string> _statuses = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _polling = Task.CompletedTask;

    public static StatusTrail Watch(GatewayNode gateway, string agent)
    {
        var trail = new StatusTrail();
        trail._polling = trail.PollAsync(gateway, agent);
        return trail;
    }

    private async Task PollAsync(GatewayNode gateway, string agent)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (!_stop.IsCancellationRequested && DateTime.UtcNow < until)
        {
            try
            {
                var status = await gateway.StatusAsync(agent) ?? "?";
                lock (_statuses)
                    if (_statuses.Count == 0 || _statuses[^1] != status)
                        _statuses.Add(status);
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException) { }
            catch (HttpRequestException) { }
        }
    }

    /// <summary>True when the statuses appear in this order (others may come between).</summary>
    public bool Saw(params string[] inOrder)
    {
        lock (_statuses)
        {
            var next = 0;
            foreach (var status in _statuses)
                if (next < inOrder.Length && status == inOrder[next])
                    next++;
            return next == inOrder.Length;
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _polling;
    }

    public override string ToString()
    {
        lock (_statuses) return string.Join(" -> ", _statuses);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
