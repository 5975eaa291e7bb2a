namespace CallCenter.Bench.Routing;

/// <summary>What the benchmark observed of one call, in stopwatch seconds.</summary>
public sealed class CallTimeline(double startedAt)
{
    public double StartedAt { get; } = startedAt;
    public double? ReservedAt { get; set; }
    public double? AgentReadyAt { get; set; }
    public double? AnsweredAt { get; set; }
    public double? EndedAt { get; set; }
    public string? AnsweredBy { get; set; }
    public int Reservations { get; set; }

    /// <summary>Enqueue-to-reservation: from the later of the call's arrival and its agent becoming free.</summary>
    public double? RoutingLatency => ReservedAt - Math.Max(StartedAt, AgentReadyAt ?? StartedAt);

    /// <summary>The call waited when no agent was free at its arrival: its agent freed up later.</summary>
    public bool Waited => AgentReadyAt > StartedAt;
}
