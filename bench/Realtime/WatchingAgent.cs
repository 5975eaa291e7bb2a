using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;

namespace CallCenter.Bench.Realtime;

/// <summary>The part of the pushed agent view the bench reads.</summary>
internal sealed record AgentPush(
    [property: JsonPropertyName("agentId")] string AgentId,
    [property: JsonPropertyName("status")] string Status);

/// <summary>
/// One simulated agent's page: a connection watching that agent, and at most one state change in
/// flight whose push it times (from the HTTP request being sent to the push arriving).
/// </summary>
internal sealed class WatchingAgent(string agentId, HubConnection connection)
{
    private readonly object _gate = new();
    private string? _expected;
    private long _sentAt;
    private TaskCompletionSource<double>? _delivered;

    public string AgentId { get; } = agentId;

    public HubConnection Connection { get; } = connection;

    /// <summary>The status the next change asks for (toggled each time).</summary>
    public bool Ready { get; set; }

    public void OnPush(AgentPush push)
    {
        lock (_gate)
        {
            if (_expected is null || push.Status != _expected)
                return;
            var ms = Stopwatch.GetElapsedTime(_sentAt).TotalMilliseconds;
            _expected = null;
            _delivered!.TrySetResult(ms);
        }
    }

    /// <summary>Arms the timer just before the request is sent: the push may overtake the HTTP response.</summary>
    public Task<double> Expect(string status)
    {
        lock (_gate)
        {
            _expected = status;
            _sentAt = Stopwatch.GetTimestamp();
            _delivered = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _delivered.Task;
        }
    }

    public void GiveUp()
    {
        lock (_gate)
            _expected = null;
    }
}
