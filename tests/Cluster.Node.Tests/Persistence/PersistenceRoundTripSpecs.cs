using CallCenter.Node.Persistence;

namespace CallCenter.Node.Tests.Persistence;

/// <summary>
/// What a node relies on from its journal and snapshot store, for one provider: what one actor system
/// persisted, a new actor system on the same database recovers.
/// </summary>
public abstract class PersistenceRoundTripSpecs
{
    protected abstract SqlPersistenceSettings Settings { get; }

    private static string NewPersistenceId() => $"tally-{Guid.NewGuid():N}";

    [Fact]
    public async Task Journal_should_recover_persisted_events_in_a_new_actor_system()
    {
        var id = NewPersistenceId();
        await using (var first = await PersistentSystem.StartAsync(Settings))
        {
            var tally = first.System.ActorOf(Tally.Props(id));
            foreach (var amount in new[] { 1, 2, 3, 4, 5 })
                await first.Ask<Tally.Added>(tally, new Tally.Add(amount));
        }

        await using var second = await PersistentSystem.StartAsync(Settings);
        var recovered = await second.Ask<Tally.State>(second.System.ActorOf(Tally.Props(id)), new Tally.GetState());

        Assert.Equal(new Tally.State(Total: 15, Events: 5, RecoveredFromSnapshot: false), recovered);
    }

    [Fact]
    public async Task Snapshot_store_should_recover_from_the_snapshot_then_later_events_in_a_new_actor_system()
    {
        var id = NewPersistenceId();
        await using (var first = await PersistentSystem.StartAsync(Settings))
        {
            var tally = first.System.ActorOf(Tally.Props(id));
            await first.Ask<Tally.Added>(tally, new Tally.Add(10));
            await first.Ask<Tally.Added>(tally, new Tally.Add(20));
            await first.Ask<Tally.SnapshotTaken>(tally, new Tally.TakeSnapshot());
            await first.Ask<Tally.Added>(tally, new Tally.Add(30));
        }

        await using var second = await PersistentSystem.StartAsync(Settings);
        var recovered = await second.Ask<Tally.State>(second.System.ActorOf(Tally.Props(id)), new Tally.GetState());

        Assert.Equal(new Tally.State(Total: 60, Events: 3, RecoveredFromSnapshot: true), recovered);
    }
}

/// <summary>The embedded default: a tuned SQLite file.</summary>
public sealed class SqlitePersistenceSpecs : PersistenceRoundTripSpecs, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override SqlPersistenceSettings Settings =>
        SqlPersistenceSettings.Sqlite(_directory.File("journal.db"));

    public void Dispose() => _directory.Dispose();
}

/// <summary>
/// PostgreSQL from <c>CALLCENTER_TEST_POSTGRES</c>, which ./test.sh sets after starting PostgreSQL 15.
/// Not set is a failure, never a skip: the PostgreSQL path must be proven on every full run.
/// </summary>
public sealed class PostgresPersistenceSpecs : PersistenceRoundTripSpecs
{
    public const string ConnectionStringVariable = "CALLCENTER_TEST_POSTGRES";

    protected override SqlPersistenceSettings Settings => SqlPersistenceSettings.Postgres(ConnectionString);

    /// <summary>The test database's connection string; a clear failure when it is not set.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionStringVariable) is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                $"{ConnectionStringVariable} is not set. Run ./test.sh (it starts PostgreSQL 15 and sets it), or export an " +
                "Npgsql connection string, e.g. Host=127.0.0.1;Port=5432;Username=callcenter;Password=callcenter;Database=callcenter_test");
}
