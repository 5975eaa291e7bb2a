using Akka.Actor;

namespace CallCenter.Actors.Entities;

/// <summary>
/// Addresses entities by id: a message for a call, agent or queue goes to that kind's shard
/// region (or, un-clustered in tests, to a local host using the same extractor). Regions are
/// resolved on first use because each kind's entities talk to the others.
/// </summary>
public sealed class EntityRouter(Func<IActorRef> calls, Func<IActorRef> agents, Func<IActorRef> queues)
{
    private readonly Lazy<IActorRef> _calls = new(calls);
    private readonly Lazy<IActorRef> _agents = new(agents);
    private readonly Lazy<IActorRef> _queues = new(queues);

    public IActorRef Calls => _calls.Value;
    public IActorRef Agents => _agents.Value;
    public IActorRef Queues => _queues.Value;

    public void Tell(IProtocolMessage message, IActorRef sender)
    {
        // A gateway is a node, not an entity: its actor is addressed by the path the call was started with.
        if (message is Calls.IGatewayMessage toGateway)
        {
            Gateways(toGateway.Gateway).Tell(message, sender);
            return;
        }

        RegionFor(message).Tell(message, sender);
    }

    /// <summary>Resolves a gateway's actor path; tests replace it with a probe.</summary>
    public Func<string, ICanTell> Gateways { get; init; } = _ => ActorRefs.Nobody;

    public Task<T> Ask<T>(IProtocolMessage message, TimeSpan timeout) => RegionFor(message).Ask<T>(message, timeout);

    private IActorRef RegionFor(IProtocolMessage message) => message switch
    {
        ICallMessage => Calls,
        IAgentMessage => Agents,
        IQueueMessage => Queues,
        _ => throw new ArgumentException($"{message.GetType().Name} is not addressed to an entity", nameof(message)),
    };
}
