using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Queues;

namespace CallCenter.Actors.Tests.Support;

/// <summary>Builds and steps the pure state machines the way their actors do: decide, then apply the decision's events.</summary>
public static class Pure
{
    public static readonly DateTimeOffset T0 = new(2024, 3, 4, 9, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    public static Dictionary<string, int> Skills(params (string Skill, int Level)[] skills) => skills.ToDictionary(s => s.Skill, s => s.Level);

    public static AgentId Agent(string id) => new(id);

    public static QueueId Queue(string id) => new(id);

    public static CallId Call(string id) => new(id);

    // ---- queues ----

    public static QueueState ConfiguredQueue(QueueDefinition definition, params string[] members) =>
        QueueState.Initial(Queue(definition.Name))
            .Run(new ConfigureQueue(Queue(definition.Name), definition, members.Select(Agent).ToList()), T0).State;

    public static (QueueState State, Decision<IQueueChange> Decision) Run(this QueueState state, IQueueCommand command, DateTimeOffset now)
    {
        var decision = state.Process(command, now);
        return (decision.Events.Aggregate(state, (s, e) => s.Apply(e)), decision);
    }

    public static (QueueState State, Decision<IQueueChange> Decision) RunTick(this QueueState state, DateTimeOffset now)
    {
        var decision = state.Tick(now);
        return (decision.Events.Aggregate(state, (s, e) => s.Apply(e)), decision);
    }

    public static QueueState Enqueue(this QueueState state, string call, DateTimeOffset at, int priority = 0,
        IReadOnlyDictionary<string, int>? skills = null, DateTimeOffset? arrivedAt = null) =>
        state.Run(new EnqueueCall(state.Id, Call(call), priority, skills ?? Skills(), arrivedAt ?? at), at).State;

    public static QueueState Available(this QueueState state, string agent, DateTimeOffset idleSince,
        IReadOnlyDictionary<string, int>? skills = null, int callsHandled = 0) =>
        state.Run(new AgentAvailable(state.Id, Agent(agent), skills ?? Skills(), idleSince, callsHandled), idleSince).State;

    /// <summary>The (agent, call) pairs the decision asks to reserve, in order.</summary>
    public static IReadOnlyList<(string Agent, string Call)> Reservations<T>(this Decision<T> decision) =>
        decision.Messages.OfType<ReserveAgent>().Select(r => (r.AgentId.Value, r.CallId.Value)).ToList();

    public static IReadOnlyList<string> WaitingOrder(this QueueState state) => state.Waiting.Select(w => w.CallId.Value).ToList();

    // ---- agents ----

    public static AgentState ConfiguredAgent(string id, IReadOnlyDictionary<string, int>? skills = null, params string[] queues) =>
        AgentState.Initial(Agent(id))
            .Run(new ConfigureAgent(Agent(id), $"Agent {id}", "brussels", skills ?? Skills(), queues.Select(Queue).ToList()), T0).State;

    public static AgentState ReadyAgent(string id, IReadOnlyDictionary<string, int>? skills = null, params string[] queues) =>
        ConfiguredAgent(id, skills, queues).Run(new SetAgentStatus(Agent(id), RequestedStatus.Ready, null), T0).State;

    public static (AgentState State, Decision<IAgentEvent> Decision) Run(this AgentState state, IAgentCommand command, DateTimeOffset now) =>
        Step(state, state.Process(command, now));

    public static (AgentState State, Decision<IAgentEvent> Decision) Step(this AgentState state, Decision<IAgentEvent> decision) =>
        (decision.Events.Aggregate(state, (s, e) => s.Apply(e)), decision);

    public static ReserveAgent Reserve(this AgentState agent, string call, string queue, int ringSeconds = 15, int wrapUpSeconds = 10, bool autoReady = true) =>
        new(agent.Id, Call(call), Queue(queue), ringSeconds, wrapUpSeconds, autoReady);

    // ---- calls ----

    public static (CallState State, Decision<ICallEvent> Decision) Run(this CallState state, ICallMessage message, DateTimeOffset now)
    {
        var decision = state.Process(message, now);
        return (decision.Events.Aggregate(state, (s, e) => s.Apply(e)), decision);
    }

    /// <summary>A gateway's path for calls with SIP legs in the pure specs.</summary>
    public const string TestGateway = "akka.tcp://callcenter@10.0.0.2:4053/user/gateway";

    /// <summary>Call c1 in sales, offered to a1 at 2 s and answered at 5 s; with SIP legs on <paramref name="gateway"/> unless null.</summary>
    public static CallState TalkingCall(string? gateway, int priority = 0, IReadOnlyDictionary<string, int>? skills = null) =>
        CallState.Initial(Call("c1")).Run(new StartCall(Call("c1"), "+3225550100", "+3225550199", Queue("sales"), priority,
                skills ?? Skills(), new Dictionary<string, string>(), gateway), At(0)).State
            .Run(new CallQueued(Call("c1"), Queue("sales"), 1, At(0)), At(0)).State
            .Run(new CallOffered(Call("c1"), Agent("a1"), Queue("sales"), At(2), "sip:a1@10.0.0.5"), At(2)).State
            .Run(new AgentAnswered(Call("c1"), Agent("a1")), At(5)).State;

    public static CallState StartedCall(string id, string queue, DateTimeOffset at) =>
        CallState.Initial(Call(id)).Run(new StartCall(Call(id), "+3225550100", "+3225550199", Queue(queue), 0, Skills(),
            new Dictionary<string, string>()), at).State;
}
