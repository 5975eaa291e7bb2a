using Akka.Actor;
using Akka.Cluster.Sharding;

namespace CallCenter.Actors.Entities;

/// <summary>
/// Hosts entities in one process without a cluster, using the same extractor as sharding:
/// how the actors run in tests and benchmarks that do not need a cluster.
/// </summary>
public sealed class LocalEntityHost : ReceiveActor
{
    private readonly IMessageExtractor _extractor = new EntityMessageExtractor();

    public LocalEntityHost(Func<string, Props> entityProps)
    {
        Receive<Passivate>(p => Context.Stop(Sender));
        ReceiveAny(message =>
        {
            if (_extractor.EntityId(message) is not { } id)
            {
                Unhandled(message);
                return;
            }
            var name = Uri.EscapeDataString(id);
            var child = Context.Child(name);
            if (child.IsNobody())
                child = Context.ActorOf(entityProps(id), name);
            child.Forward(_extractor.EntityMessage(message));
        });
    }

    public static Props Props(Func<string, Props> entityProps) => Akka.Actor.Props.Create(() => new LocalEntityHost(entityProps));
}
