using CallCenter.Actors.Routing;

namespace CallCenter.Actors.Queues;

public sealed partial record QueueState
{
    public QueueState Apply(IQueueChange change) => change switch
    {
        QueueConfigured c => this with
        {
            Configured = true,
            Definition = c.Definition,
            Members = c.Members,
            Available = Available.WithStrategy(RoutingStrategy.For(c.Definition.Strategy)),
        },
        CallWaiting c => AddWaiting(new WaitingCall(c.CallId, c.Priority, c.RequiredSkills, c.ArrivedAt, c.EnqueuedAt,
            NextSequence, OfferedTo: null, OfferedAt: null, RulesApplied: 0, WidenedTo: null, c.NeedsPhone, c.Transfers, c.OnlyAgent)) with
        {
            NextSequence = NextSequence + 1,
            Figures = Figures with { Offered = Figures.Offered + 1 },
        },
        CallOfferPending c => Update(c.CallId, w => w with { OfferedTo = c.AgentId, OfferedAt = c.At }) with
        {
            Available = Available.Remove(c.AgentId),
            Staffed = Staffed.Add(c.AgentId),
            OfferCounter = OfferCounter + 1,
            LastOffered = LastOffered.SetItem(c.AgentId, OfferCounter + 1),
        },
        CallStayRenewed c => Update(c.CallId, w => w with { Transfers = c.Transfers }),
        CallOfferCancelled c => Update(c.CallId, w => w.OfferedTo == c.AgentId ? w with { OfferedTo = null, OfferedAt = null } : w),
        CallRequirementWidened c => Update(c.CallId, w => w with
        {
            RulesApplied = c.RuleIndex + 1,
            WidenedTo = Math.Min(w.WidenedTo ?? int.MaxValue, c.MinProficiency),
        }),
        CallLeftQueue c => RemoveWaiting(c),
        CallHandled c => this with
        {
            Figures = Figures with { Handled = Figures.Handled + 1, TotalHandleSeconds = Figures.TotalHandleSeconds + c.HandleSeconds },
        },
        AgentIndexed c => this with { Available = Available.Add(c.Agent), Staffed = Staffed.Add(c.Agent.AgentId) },
        AgentUnindexed c => this with
        {
            Available = Available.Remove(c.AgentId),
            Staffed = c.StillStaffed ? Staffed.Add(c.AgentId) : Staffed.Remove(c.AgentId),
        },
        _ => this,
    };

    private QueueState AddWaiting(WaitingCall call) =>
        this with { WaitingById = WaitingById.SetItem(call.CallId, call), Waiting = Waiting.Add(call) };

    private QueueState Update(CallId id, Func<WaitingCall, WaitingCall> change)
    {
        if (!WaitingById.TryGetValue(id, out var call))
            return this;
        var changed = change(call);
        // Only non-ordering fields change, so the sorted set can swap the element in place.
        return this with { WaitingById = WaitingById.SetItem(id, changed), Waiting = Waiting.Remove(call).Add(changed) };
    }

    private QueueState RemoveWaiting(CallLeftQueue c)
    {
        var present = WaitingById.TryGetValue(c.CallId, out var call);
        var f = Figures;
        f = c.Reason switch
        {
            CallRemovalReason.Answered when present => AnsweredFigures(f, (c.At - call!.ArrivedAt).TotalSeconds),
            CallRemovalReason.Abandoned when present => f with { Abandoned = f.Abandoned + 1 },
            CallRemovalReason.Overflowed => f with { Overflowed = f.Overflowed + 1 },
            CallRemovalReason.Refused => f with { Refused = f.Refused + 1 },
            CallRemovalReason.Exited when present => f with { Exited = f.Exited + 1 },
            _ => f,
        };
        var state = this with { Figures = f };
        return present
            ? state with { WaitingById = WaitingById.Remove(c.CallId), Waiting = Waiting.Remove(call!) }
            : state;
    }

    private QueueFigures AnsweredFigures(QueueFigures f, double waited) => f with
    {
        Answered = f.Answered + 1,
        AnsweredWithinServiceLevel = f.AnsweredWithinServiceLevel + (waited <= Definition.ServiceLevelSeconds ? 1 : 0),
        TotalAnswerWaitSeconds = f.TotalAnswerWaitSeconds + Math.Max(0, waited),
    };

    /// <summary>Estimated wait for the caller at <paramref name="position"/>: calls ahead that no free agent covers, shared among staffed agents.</summary>
    public double EstimatedWaitSeconds(int position)
    {
        var aht = Figures.Handled == 0 ? DefaultHandleSeconds : Figures.AverageHandleSeconds;
        var ahead = Math.Max(0, position - Available.Count);
        return ahead * aht / Math.Max(1, Staffed.Count);
    }

    /// <summary>Where <paramref name="callId"/> waits and how long it may still wait.</summary>
    public CallPosition PositionOf(CallId callId)
    {
        if (!WaitingById.TryGetValue(callId, out var call))
            return new CallPosition(callId, 0, 0);
        var position = Waiting.IndexOf(call) + 1;
        return new CallPosition(callId, position, EstimatedWaitSeconds(position));
    }

    public QueueView ToView(DateTimeOffset now)
    {
        var waiting = Waiting.Select((w, i) => new WaitingCallView(w.CallId, i + 1, w.Priority, w.ArrivedAt,
            Math.Max(0, (now - w.ArrivedAt).TotalSeconds), EstimatedWaitSeconds(i + 1), w.OfferedTo)).ToList();
        var agents = Available.InOrder.Select(a => new AvailableAgentView(a.AgentId, a.IdleSince, a.CallsHandled)).ToList();
        var longest = waiting.Count == 0 ? 0 : waiting.Max(w => w.WaitSeconds);
        return new QueueView(Id, Configured, Definition.Strategy, waiting, agents, Figures, longest);
    }

    /// <summary>What a snapshot keeps: everything but the index of available agents, which is rebuilt.</summary>
    public QueueSnapshot ToSnapshot() => new(Configured, Definition, Members, Waiting.ToList(), Figures, NextSequence);

    public static QueueState FromSnapshot(QueueId id, QueueSnapshot s)
    {
        var state = Initial(id) with
        {
            Configured = s.Configured,
            Definition = s.Definition,
            Members = s.Members,
            Figures = s.Figures,
            NextSequence = s.NextSequence,
            Available = AvailableAgents.Empty(RoutingStrategy.For(s.Definition.Strategy)),
        };
        return s.Waiting.Aggregate(state, (st, w) => st.AddWaiting(w));
    }
}

/// <summary>A queue's persisted state at one point of its journal.</summary>
public sealed record QueueSnapshot(
    bool Configured,
    Definition.QueueDefinition Definition,
    IReadOnlyList<AgentId> Members,
    IReadOnlyList<WaitingCall> Waiting,
    QueueFigures Figures,
    long NextSequence) : IProtocolMessage;
