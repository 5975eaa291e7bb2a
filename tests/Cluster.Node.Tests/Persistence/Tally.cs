using Akka.Actor;
using Akka.Persistence;

namespace CallCenter.Node.Tests.Persistence;

/// <summary>Test-only persistent actor: adds numbers, snapshots on request, reports what it recovered.</summary>
internal sealed class Tally : ReceivePersistentActor
{
    public sealed record Add(int Amount);
    public sealed record Added(int Amount);
    public sealed record TakeSnapshot;
    public sealed record SnapshotTaken(long SequenceNr);
    public sealed record GetState;
    public sealed record State(int Total, int Events, bool RecoveredFromSnapshot);

    private int _total;
    private int _events;
    private bool _recoveredFromSnapshot;
    private IActorRef? _snapshotRequester;

    public Tally(string persistenceId)
    {
        PersistenceId = persistenceId;

        Recover<SnapshotOffer>(offer =>
        {
            (_total, _events) = ((int, int))offer.Snapshot;
            _recoveredFromSnapshot = true;
        });
        Recover<Added>(Apply);

        Command<Add>(add => Persist(new Added(add.Amount), added =>
        {
            Apply(added);
            Sender.Tell(added);
        }));
        Command<TakeSnapshot>(_ =>
        {
            _snapshotRequester = Sender;
            SaveSnapshot((_total, _events));
        });
        Command<SaveSnapshotSuccess>(success => _snapshotRequester?.Tell(new SnapshotTaken(success.Metadata.SequenceNr)));
        Command<SaveSnapshotFailure>(failure => _snapshotRequester?.Tell(new Status.Failure(failure.Cause)));
        Command<GetState>(_ => Sender.Tell(new State(_total, _events, _recoveredFromSnapshot)));
    }

    public override string PersistenceId { get; }

    private void Apply(Added added)
    {
        _total += added.Amount;
        _events++;
    }

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new Tally(persistenceId));
}
