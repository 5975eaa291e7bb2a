namespace CallCenter.Integration.Tests.Gateway;

/// <summary>An agent's statuses as polled every 50 ms during a call, consecutive repeats folded (wrap-up lasts only 1 s).</summary>
public sealed class StatusTrail : IAsyncDisposable
{
    private readonly List<string> _statuses = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _polling = Task.CompletedTask;
    private GatewayNode? _gateway;
    private string _agent = "";

    public static StatusTrail Watch(GatewayNode gateway, string agent)
    {
        var trail = new StatusTrail { _gateway = gateway, _agent = agent };
        trail._polling = trail.PollAsync(gateway, agent);
        return trail;
    }

    private void Record(string status)
    {
        lock (_statuses)
            if (_statuses.Count == 0 || _statuses[^1] != status)
                _statuses.Add(status);
    }

    private async Task PollAsync(GatewayNode gateway, string agent)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (!_stop.IsCancellationRequested && DateTime.UtcNow < until)
        {
            try
            {
                Record(await gateway.StatusAsync(agent) ?? "?");
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

    /// <summary>Stops polling after one last look, so a status the test has just waited for is in the trail.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
            return;
        await _stop.CancelAsync();
        await _polling;
        if (_gateway is not null)
            Record(await _gateway.StatusAsync(_agent) ?? "?");
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
