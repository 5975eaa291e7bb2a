namespace CallCenter.Actors.Entities;

/// <summary>
/// How a shard stops an entity (hand-off to another node, passivation): the entity stops once every decision it has
/// made is out. Akka's default, a <c>PoisonPill</c>, stops it at once, and a decision whose events were being written
/// then never sends its messages or publishes its view: the events are in the journal, but the queue never hears that
/// the agent is ready, the desktop never sees it. Local to the node: never sent across the network.
/// </summary>
public sealed class StopEntity
{
    public static readonly StopEntity Instance = new();

    private StopEntity()
    {
    }
}
