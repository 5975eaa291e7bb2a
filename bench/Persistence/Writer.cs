using Akka.Actor;
using Akka.Persistence;

namespace CallCenter.Bench.Persistence;

/// <summary>Persists <see cref="Run.Events"/> events one at a time, as an entity does, then replies <see cref="Done"/>.</summary>
internal sealed class Writer : ReceivePersistentActor
{
    public sealed record Run(int Events);
    public sealed record Done(long LastSequenceNr);
    public sealed record Ping;
    public sealed record Pong(long LastSequenceNr);
    public sealed record Written(int Number);

    private IActorRef _requester = ActorRefs.Nobody;
    private int _remaining;

    public Writer(string persistenceId)
    {
        PersistenceId = persistenceId;
        Recover<Written>(_ => { });
        Command<Ping>(_ => Sender.Tell(new Pong(LastSequenceNr)));
        Command<Run>(run =>
        {
            _requester = Sender;
            _remaining = run.Events;
            WriteNext();
        });
    }

    public override string PersistenceId { get; }

    private void WriteNext()
    {
        if (_remaining-- == 0)
        {
            _requester.Tell(new Done(LastSequenceNr));
            return;
        }
        Persist(new Written(_remaining), _ => WriteNext());
    }
}
