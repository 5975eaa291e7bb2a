using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Queues;

namespace CallCenter.Actors.Tests.Simulation;

/// <summary>
/// Runs the pure Agent/Queue/Call state machines the way the entity actors do (process, apply the
/// decision's events, then send its messages), without actors: every message sent waits in a bag
/// and is delivered in an order the test picks. Akka keeps messages between one sender and one
/// receiver in order and nothing more, so the bag does the same: per (sender, receiver) pair in
/// order, every other interleaving allowed. Timers are messages to self, like the actors' timers.
/// </summary>
public sealed class RoutingSimulator
{
    public static readonly DateTimeOffset Start = new(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<AgentId, AgentState> _agents = [];
    private readonly Dictionary<QueueId, QueueState> _queues = [];
    private readonly Dictionary<CallId, CallState> _calls = [];
    private readonly List<Envelope> _inFlight = [];
    private readonly Dictionary<(QueueId, CallId), Visit> _visits = [];
    private readonly List<string> _trace = [];
    private readonly List<IGatewayMessage> _toGateways = [];
    private long _clock;
    private int _nextCall;

    public RoutingSimulator(IEnumerable<QueueDefinition> queues, IEnumerable<AgentDefinition> agents)
    {
        var agentList = agents.ToList();
        foreach (var q in queues)
        {
            var id = new QueueId(q.Name);
            _queues[id] = QueueState.Initial(id);
            var members = agentList.Where(a => a.Queues.Contains(q.Name)).Select(a => new AgentId(a.Id)).ToList();
            External(new ConfigureQueue(id, q, members));
        }
        foreach (var a in agentList)
        {
            var id = new AgentId(a.Id);
            _agents[id] = AgentState.Initial(id);
            External(new ConfigureAgent(id, a.Name, a.Site, a.Skills, a.Queues.Select(n => new QueueId(n)).ToList()));
        }
        DrainAll(_ => 0);
    }

    /// <summary>Keeps a readable line per step (slower); for replaying a failing case.</summary>
    public bool Tracing { get; init; }

    public DateTimeOffset Now { get; private set; } = Start;

    public IReadOnlyDictionary<AgentId, AgentState> Agents => _agents;
    public IReadOnlyDictionary<QueueId, QueueState> Queues => _queues;
    public IReadOnlyDictionary<CallId, CallState> Calls => _calls;
    public IReadOnlyList<object> InFlight => _inFlight.Select(e => e.Message).ToList();
    public IReadOnlyList<string> Trace => _trace;

    /// <summary>What calls told their gateway, in order; a gateway is a node, not an entity, so nothing answers.</summary>
    public IReadOnlyList<IGatewayMessage> ToGateways => _toGateways;

    /// <summary>How many offers of a call transferred to a named agent the queues made (to that agent).</summary>
    public int DirectedOffers { get; private set; }

    /// <summary>How many phones the registration timer took away.</summary>
    public int PhonesExpired { get; private set; }

    /// <summary>A message on its way, with who sent it (Akka orders messages per sender and receiver).</summary>
    private sealed record Envelope(string From, string To, object Message);

    /// <summary>The actors' timers: delivered to the entity itself, interleaved with other messages.</summary>
    private sealed record ReservationTimeout(AgentId AgentId, CallId CallId);

    private sealed record WrapUpTimeout(AgentId AgentId);

    private sealed record PhoneRegistrationTimeout(AgentId AgentId);

    private sealed record QueueTick(QueueId QueueId);

    /// <summary>One stay of a call in one queue, for the answer-order rule.</summary>
    private sealed record Visit(long Joined, bool EverOffered, long OfferedAt, AgentId? OfferedTo);

    // ---- driving -------------------------------------------------------------------------------

    /// <summary>Delivers the message the choice picks among those Akka could deliver next.</summary>
    public bool DeliverOne(int choice)
    {
        var candidates = Deliverable();
        if (candidates.Count == 0)
            return false;
        var index = candidates[(int)((uint)choice % (uint)candidates.Count)];
        var envelope = _inFlight[index];
        _inFlight.RemoveAt(index);
        Deliver(envelope);
        return true;
    }

    public void DrainAll(Func<int, int> choose)
    {
        for (var i = 0; _inFlight.Count > 0; i++)
        {
            if (i > 100_000)
                throw new InvalidOperationException("messages never stop: " + string.Join(", ", _inFlight.Take(10).Select(e => e.Message)));
            DeliverOne(choose(i));
        }
    }

    public CallId NewCall(QueueId queue, int priority, IReadOnlyDictionary<string, int> skills, string? gateway = null)
    {
        var id = new CallId($"c{++_nextCall}");
        External(new StartCall(id, "+3225550100", "+3225550199", queue, priority, skills, new Dictionary<string, string>(), gateway));
        return id;
    }

    public void External(IProtocolMessage command) => Deliver(new Envelope("api", To(command), command));

    /// <summary>Time passes: due reservation and wrap-up timers fire, and every queue ticks.</summary>
    public void Advance(TimeSpan by)
    {
        Now += by;
        Log($"advance {by.TotalSeconds}s to {Now:HH:mm:ss}");
        foreach (var agent in _agents.Values)
        {
            if (agent is { Status: AgentStatus.Reserved, Call: { Connected: false } call } && call.ExpiresAt <= Now)
                SendOnce($"agent:{agent.Id}", new ReservationTimeout(agent.Id, call.CallId));
            if (agent is { Status: AgentStatus.WrapUp, WrapUpEndsAt: { } end } && end <= Now)
                SendOnce($"agent:{agent.Id}", new WrapUpTimeout(agent.Id));
            if (agent.Phone is { } phone && phone.ExpiresAt <= Now)
                SendOnce($"agent:{agent.Id}", new PhoneRegistrationTimeout(agent.Id));
        }
        foreach (var queue in _queues.Keys)
            SendOnce($"queue:{queue}", new QueueTick(queue));
    }

    private void SendOnce(string entity, object timer)
    {
        if (!_inFlight.Any(e => e.Message.Equals(timer)))
            _inFlight.Add(new Envelope(entity, entity, timer));
    }

    private List<int> Deliverable()
    {
        var seen = new HashSet<(string, string)>();
        var result = new List<int>();
        for (var i = 0; i < _inFlight.Count; i++)
            if (seen.Add((_inFlight[i].From, _inFlight[i].To)))
                result.Add(i);
        return result;
    }

    // ---- the entities, as their actors run them --------------------------------------------------

    private void Deliver(Envelope envelope)
    {
        Log($"{envelope.From} -> {envelope.To}: {envelope.Message}");
        switch (envelope.Message)
        {
            case ReservationTimeout t:
                RunAgent(t.AgentId, s => s.ReservationExpired(t.CallId, Now));
                break;
            case WrapUpTimeout t:
                RunAgent(t.AgentId, s => s.WrapUpElapsed(Now));
                break;
            case PhoneRegistrationTimeout t:
                RunAgent(t.AgentId, s => s.PhoneExpired(Now));
                break;
            case QueueTick t:
                RunQueue(t.QueueId, s => s.Tick(Now));
                break;
            case IAgentCommand c:
                RunAgent(c.AgentId, s => s.Process(c, Now));
                break;
            case IQueueCommand c:
                RunQueue(c.QueueId, s => s.Process(c, Now));
                break;
            case ICallMessage c:
                var call = _calls.GetValueOrDefault(c.CallId) ?? CallState.Initial(c.CallId);
                var d = call.Process(c, Now);
                _calls[c.CallId] = d.Events.Aggregate(call, (s, e) => s.Apply(e));
                Send($"call:{c.CallId}", d.Messages);
                break;
            default:
                throw new InvalidOperationException($"nobody handles {envelope.Message.GetType().Name}");
        }
    }

    private void RunAgent(AgentId id, Func<AgentState, Decision<IAgentEvent>> decide)
    {
        if (!_agents.TryGetValue(id, out var agent))
            agent = AgentState.Initial(id);
        var d = decide(agent);
        foreach (var e in d.Events)
        {
            // A call with SIP legs rings a phone: the agent reserved for it must have one at that moment.
            if (e is AgentReserved r && _calls.GetValueOrDefault(r.CallId)?.Gateway is not null && agent.Phone is null)
                throw new InvariantViolation($"agent {id} was reserved for {r.CallId}, which needs a phone, without one");
            if (e is AgentPhoneUnregistered { Reason: AgentState.PhoneExpiredReason })
                PhonesExpired++;
            agent = agent.Apply(e);
        }
        _agents[id] = agent;
        Send($"agent:{id}", d.Messages);
    }

    private void RunQueue(QueueId id, Func<QueueState, Decision<IQueueChange>> decide)
    {
        if (!_queues.TryGetValue(id, out var queue))
            queue = QueueState.Initial(id);
        var d = decide(queue);
        foreach (var change in d.Events)
        {
            Observe(queue, change);
            queue = queue.Apply(change);
        }
        _queues[id] = queue;
        Send($"queue:{id}", d.Messages);
    }

    private void Send(string from, IEnumerable<IProtocolMessage> messages)
    {
        foreach (var m in messages)
        {
            if (m is IGatewayMessage g)
            {
                // Every agent a call with SIP legs rings was reserved with its phone's contact.
                if (g is RingAgent { Contact: "" } ring)
                    throw new InvariantViolation($"call {ring.CallId} rang {ring.AgentId} with no contact");
                Log($"{from} -> gateway: {g}");
                _toGateways.Add(g);
                continue;
            }
            _inFlight.Add(new Envelope(from, To(m), m));
        }
    }

    private static string To(IProtocolMessage m) => m switch
    {
        ICallMessage c => $"call:{c.CallId}",
        IAgentMessage a => $"agent:{a.AgentId}",
        IQueueMessage q => $"queue:{q.QueueId}",
        _ => throw new InvalidOperationException($"{m.GetType().Name} has no entity"),
    };

    private void Log(string line)
    {
        if (Tracing)
            _trace.Add(line);
    }

    // ---- invariants checked as the queue decides --------------------------------------------------

    private void Observe(QueueState before, IQueueChange change)
    {
        var tick = ++_clock;
        switch (change)
        {
            case CallWaiting w:
                _visits[(before.Id, w.CallId)] = new Visit(tick, EverOffered: false, OfferedAt: 0, OfferedTo: null);
                break;
            case CallOfferPending p:
                // A call transferred to a named agent is only ever reserved on that agent.
                if (before.WaitingById[p.CallId].OnlyAgent is { } only && only != p.AgentId)
                    throw new InvariantViolation($"{before.Id} offered {p.CallId}, transferred to {only}, to {p.AgentId}");
                if (before.WaitingById[p.CallId].OnlyAgent is not null)
                    DirectedOffers++;
                CheckOfferOrder(before, p);
                if (_visits.TryGetValue((before.Id, p.CallId), out var v))
                    _visits[(before.Id, p.CallId)] = v with { EverOffered = true, OfferedAt = tick, OfferedTo = p.AgentId };
                break;
            case CallLeftQueue { Reason: CallRemovalReason.Answered } left:
                CheckAnswerOrder(before, left);
                _visits.Remove((before.Id, left.CallId));
                break;
            case CallLeftQueue left:
                _visits.Remove((before.Id, left.CallId));
                break;
        }
    }

    /// <summary>
    /// Offer order: when a queue offers call X to agent A, no call waiting ahead of X in the queue's
    /// order (priority, then arrival) and not being offered may be one that A could take.
    /// </summary>
    private static void CheckOfferOrder(QueueState queue, CallOfferPending offer)
    {
        var x = queue.WaitingById[offer.CallId];
        var agent = queue.Available.InOrder.FirstOrDefault(a => a.AgentId == offer.AgentId)
            ?? throw new InvariantViolation($"{queue.Id} offered {x.CallId} to {offer.AgentId}, who is not in its index");
        var passedOver = queue.Waiting
            .FirstOrDefault(y => Ahead(y, x) && y.OfferedTo is null && agent.Meets(y.RequiredSkills, y.WidenedTo, y.NeedsPhone, y.OnlyAgent));
        if (passedOver is not null)
            throw new InvariantViolation($"{queue.Id} offered {x.CallId} to {agent.AgentId} before {passedOver.CallId}, which waits ahead and {agent.AgentId} could take");
    }

    /// <summary>
    /// Answer order, the rule checked: when call X is answered from queue Q by the agent Q last
    /// offered it to, every call Y that waits ahead of X in Q with the same priority, the same
    /// required skills, the same need of a phone, the same named agent (if transferred to one) and no widening on either, and that joined Q before X's offer was made, has
    /// been offered at least once during its stay in Q. Explained and so allowed: an overflow move
    /// (Y joined Q after X's offer, keeping its earlier arrival), a widening rule, different skills,
    /// a ring-no-answer or refusal (Y was offered and the offer failed), and a stale reservation
    /// (an agent answering an offer Q had already moved to someone else).
    /// </summary>
    private void CheckAnswerOrder(QueueState queue, CallLeftQueue answered)
    {
        if (!queue.WaitingById.TryGetValue(answered.CallId, out var x)
            || !_visits.TryGetValue((queue.Id, x.CallId), out var xVisit)
            || xVisit.OfferedTo != answered.AgentId || x.WidenedTo is not null)
            return;
        foreach (var y in queue.Waiting.Where(y => Ahead(y, x)))
        {
            if (y.Priority != x.Priority || y.WidenedTo is not null || y.NeedsPhone != x.NeedsPhone || y.OnlyAgent != x.OnlyAgent
                || !SameSkills(y.RequiredSkills, x.RequiredSkills))
                continue;
            if (_visits.TryGetValue((queue.Id, y.CallId), out var yVisit) && yVisit.Joined < xVisit.OfferedAt && !yVisit.EverOffered)
                throw new InvariantViolation($"{queue.Id} had {x.CallId} answered by {answered.AgentId} while {y.CallId}, ahead of it with the same needs, was never offered");
        }
    }

    /// <summary>The waiting order, written out here rather than taken from the queue: higher priority, then earlier arrival in the center, then earlier joining.</summary>
    private static bool Ahead(WaitingCall y, WaitingCall x) =>
        y.Priority != x.Priority ? y.Priority > x.Priority
        : y.ArrivedAt != x.ArrivedAt ? y.ArrivedAt < x.ArrivedAt
        : y.Sequence < x.Sequence;

    private static bool SameSkills(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}

/// <summary>A routing invariant that did not hold.</summary>
public sealed class InvariantViolation(string message) : Exception(message);
