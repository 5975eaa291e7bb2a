using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using CallCenter.Actors.Agents;
using CallCenter.Actors.Calls;
using CallCenter.Actors.Definition;
using CallCenter.Actors.Entities;
using CallCenter.Actors.Queues;
using Xunit.Abstractions;

namespace CallCenter.Actors.Tests.Entities;

/// <summary>
/// The three entity kinds hosted un-clustered (<see cref="LocalEntityHost"/>, the same extractor as
/// sharding) behind one <see cref="EntityRouter"/>, on virtual time, with every message and event going
/// through <see cref="Serialization.ProtocolSerializer"/>. Journal and snapshots default to memory;
/// pass <c>persistence</c> HOCON (e.g. Akka.Persistence.Sql on SQLite or PostgreSQL) to run the same
/// specs against a real store.
/// </summary>
public abstract class EntityTestKit : Akka.TestKit.Xunit2.TestKit
{
    public static readonly Config EntityConfig = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        akka.actor.serializers.callcenter = "CallCenter.Actors.Serialization.ProtocolSerializer, CallCenter.Actors"
        akka.actor.serialization-bindings."CallCenter.Actors.IProtocolMessage, CallCenter.Actors" = callcenter
        akka.actor.serialize-messages = on
        """);

    /// <summary>How long an ask or an <see cref="AwaitAssertAsync"/> waits in real time (virtual time only moves on <see cref="Advance"/>).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private int _nextCall;

    protected EntityTestKit(ITestOutputHelper? output = null, Config? persistence = null)
        : base((persistence ?? Config.Empty).WithFallback(EntityConfig), output: output)
    {
        // Gateways by actor path, as on a node: a call started with a probe's path reaches that probe.
        Router = new EntityRouter(() => Calls!, () => _agentsFront!, () => Queues!) { Gateways = path => Sys.ActorSelection(path) };
        Calls = Sys.ActorOf(LocalEntityHost.Props(id => CallActor.Props(id, Router, () => Definition)), "calls");
        Agents = Sys.ActorOf(LocalEntityHost.Props(id => AgentActor.Props(id, Router)), "agents");
        Queues = Sys.ActorOf(LocalEntityHost.Props(id => QueueActor.Props(id, Router)), "queues");
        _agentsFront = AgentsFront(Agents) is { } front ? Sys.ActorOf(front, "agents-front") : Agents;
    }

    private readonly IActorRef _agentsFront;

    /// <summary>The flows and queue rules the calls see; none by default.</summary>
    protected virtual ContactCenterDefinition Definition => ContactCenterDefinition.Empty;

    /// <summary>An actor the router puts in front of the agents' host (to lose a message, say); none by default.</summary>
    protected virtual Props? AgentsFront(IActorRef agents) => null;

    public EntityRouter Router { get; }
    public IActorRef Calls { get; }
    public IActorRef Agents { get; }
    public IActorRef Queues { get; }

    public TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    /// <summary>Moves virtual time: due timers (ring timeouts, wrap-up, queue ticks) fire.</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by);

    public void AdvanceSeconds(double seconds) => Advance(TimeSpan.FromSeconds(seconds));

    public Task<T> Ask<T>(IProtocolMessage message) => Router.Ask<T>(message, Patience);

    /// <summary>Sends a command and fails the spec unless the entity accepts it.</summary>
    public async Task Command(IProtocolMessage command)
    {
        var reply = await Ask<object>(command);
        if (reply is not CommandAccepted)
            throw new Xunit.Sdk.XunitException($"{command.GetType().Name} was not accepted: {reply}");
    }

    public Task ConfigureQueue(QueueDefinition definition, params string[] members) =>
        Command(new ConfigureQueue(new QueueId(definition.Name), definition, members.Select(m => new AgentId(m)).ToList()));

    public Task ConfigureAgent(string agent, IReadOnlyDictionary<string, int>? skills = null, params string[] queues) =>
        Command(new ConfigureAgent(new AgentId(agent), $"Agent {agent}", "brussels", skills ?? new Dictionary<string, int>(),
            queues.Select(q => new QueueId(q)).ToList()));

    public Task Ready(string agent) => Command(new SetAgentStatus(new AgentId(agent), RequestedStatus.Ready, null));

    public Task NotReady(string agent, string reason) => Command(new SetAgentStatus(new AgentId(agent), RequestedStatus.NotReady, reason));

    public Task Answer(string agent) => Command(new AnswerOffer(new AgentId(agent)));

    public Task HangUp(string agent) => Command(new HangUpAgentCall(new AgentId(agent)));

    /// <summary>The agent's phone registers at <paramref name="contact"/> for <paramref name="seconds"/> of virtual time.</summary>
    public Task RegisterPhone(string agent, string contact, double seconds = 3600) =>
        Command(new RegisterPhone(new AgentId(agent), contact, Clock.Now.AddSeconds(seconds)));

    /// <summary>A caller rings the queue; returns the new call's id (c1, c2, ... in order).</summary>
    /// <remarks>With <paramref name="gateway"/> (an actor's path) the call has SIP legs there, and needs an agent with a phone.</remarks>
    public async Task<CallId> StartCall(string queue, int priority = 0, IReadOnlyDictionary<string, int>? skills = null, string? gateway = null)
    {
        var id = new CallId($"c{Interlocked.Increment(ref _nextCall)}");
        await Command(new StartCall(id, "+3225550100", "+3225550199", new QueueId(queue), priority,
            skills ?? new Dictionary<string, int>(), new Dictionary<string, string>(), gateway));
        return id;
    }

    /// <summary>A caller rings an IVR flow through <paramref name="gateway"/> (an actor's path); returns the new call's id.</summary>
    public async Task<CallId> StartFlowCall(string flow, string gateway, IReadOnlyDictionary<string, string>? variables = null)
    {
        var id = new CallId($"c{Interlocked.Increment(ref _nextCall)}");
        await Command(new StartCall(id, "+3225550100", "+3225550199", null, 0, new Dictionary<string, int>(),
            variables ?? new Dictionary<string, string>(), gateway, flow));
        return id;
    }

    /// <summary>The agent answers the call it is offered, talks for <paramref name="talkSeconds"/> of virtual time and hangs up.</summary>
    public async Task AnswerAndHangUp(string agent, CallId call, double talkSeconds = 0)
    {
        await AwaitAgent(agent, a => Assert.Equal((AgentStatus.Reserved, call), (a.Status, a.CallId)));
        await Answer(agent);
        await AwaitCall(call, c => Assert.Equal(CallStatus.Talking, c.Status));
        AdvanceSeconds(talkSeconds);
        await HangUp(agent);
        await AwaitCall(call, c => Assert.Equal(CallStatus.Ended, c.Status));
    }

    /// <summary>
    /// A call with SIP legs on <paramref name="gateway"/> rings <paramref name="agent"/> (ready, with a phone) through
    /// <paramref name="queue"/>, who answers; returns the call once it is talked on.
    /// </summary>
    public async Task<CallId> AnsweredSipCall(TestProbe gateway, string queue, string agent)
    {
        var call = await StartCall(queue, gateway: gateway.Ref.Path.ToString());
        gateway.ExpectMsg<RingAgent>(Patience);
        await Command(new AnswerOffer(new AgentId(agent), call));
        gateway.ExpectMsg<ConnectAgent>(Patience);
        await AwaitCall(call, c => Assert.Equal(CallStatus.Talking, c.Status));
        return call;
    }

    public Task<AgentView> GetAgent(string agent) => Ask<AgentView>(new GetAgent(new AgentId(agent)));

    public Task<QueueView> GetQueue(string queue) => Ask<QueueView>(new GetQueue(new QueueId(queue)));

    public Task<CallView> GetCall(CallId call) => Ask<CallView>(new GetCall(call));

    /// <summary>Waits (in real time) until the agent's view passes the assertion; returns that view.</summary>
    public Task<AgentView> AwaitAgent(string agent, Action<AgentView> assert) => Eventually(() => GetAgent(agent), assert);

    public Task<QueueView> AwaitQueue(string queue, Action<QueueView> assert) => Eventually(() => GetQueue(queue), assert);

    public Task<CallView> AwaitCall(CallId call, Action<CallView> assert) => Eventually(() => GetCall(call), assert);

    /// <summary>Stops one entity (as a crash or a rebalance would); the next message for it starts it again from its journal.</summary>
    public async Task StopEntity(IActorRef host, string id)
    {
        var entity = await Sys.ActorSelection(host.Path / Uri.EscapeDataString(id)).ResolveOne(Patience);
        var probe = CreateTestProbe();
        probe.Watch(entity);
        Sys.Stop(entity);
        probe.ExpectTerminated(entity, Patience);
    }

    private async Task<T> Eventually<T>(Func<Task<T>> read, Action<T> assert)
    {
        T view = default!;
        await AwaitAssertAsync(async () =>
        {
            view = await read();
            assert(view);
        }, Patience, TimeSpan.FromMilliseconds(20));
        return view;
    }
}
