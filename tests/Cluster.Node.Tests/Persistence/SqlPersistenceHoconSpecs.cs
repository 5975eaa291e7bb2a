using CallCenter.Node.Configuration;
using CallCenter.Node.Persistence;

namespace CallCenter.Node.Tests.Persistence;

/// <summary>The one HOCON block: which plugin, which database, and the SQLite tuning.</summary>
public sealed class SqlPersistenceHoconSpecs
{
    private const string Journal = "akka.persistence.journal.sql";
    private const string Snapshots = "akka.persistence.snapshot-store.sql";

    private static readonly Akka.Configuration.Config Sqlite =
        SqlPersistenceHocon.Build(SqlPersistenceSettings.Sqlite("/tmp/callcenter-hocon-spec.db"));

    private static readonly Akka.Configuration.Config Postgres =
        SqlPersistenceHocon.Build(SqlPersistenceSettings.Postgres("Host=127.0.0.1;Username=a;Password=\"b\\c\""));

    [Fact]
    public void Hocon_should_make_the_sql_journal_and_snapshot_store_the_defaults()
    {
        Assert.Equal(PersistencePlugins.JournalId, Sqlite.GetString("akka.persistence.journal.plugin"));
        Assert.Equal(PersistencePlugins.SnapshotStoreId, Sqlite.GetString("akka.persistence.snapshot-store.plugin"));
    }

    [Fact]
    public void Hocon_should_fall_back_to_the_plugin_reference_configuration()
    {
        Assert.StartsWith("Akka.Persistence.Sql.Journal.SqlWriteJournal", Sqlite.GetString($"{Journal}.class"));
        Assert.StartsWith("Akka.Persistence.Sql.Snapshot.SqlSnapshotStore", Sqlite.GetString($"{Snapshots}.class"));
    }

    [Fact]
    public void Hocon_should_give_tuned_sqlite_one_writer_and_read_uncommitted_reads()
    {
        Assert.Equal(SqlPersistenceSettings.SqliteProvider, Sqlite.GetString($"{Journal}.provider-name"));
        Assert.Equal(1, Sqlite.GetInt($"{Journal}.parallelism"));
        Assert.Equal("read-uncommitted", Sqlite.GetString($"{Journal}.read-isolation-level"));
        Assert.Equal("read-uncommitted", Sqlite.GetString($"{Snapshots}.read-isolation-level"));
    }

    [Fact]
    public void Hocon_should_give_up_a_stuck_recovery_after_10_seconds_rather_than_akkas_30()
    {
        // Read by every persistent actor of the journal (entities, shard coordinators) for its snapshot and replay.
        Assert.Equal(TimeSpan.FromSeconds(10), Postgres.GetTimeSpan($"{Journal}.recovery-event-timeout"));
        Assert.Equal(TimeSpan.FromSeconds(10), Sqlite.GetTimeSpan($"{Journal}.recovery-event-timeout"));
    }

    [Fact]
    public void Hocon_should_keep_the_plugin_defaults_for_postgres()
    {
        Assert.Equal(SqlPersistenceSettings.PostgresProvider, Postgres.GetString($"{Journal}.provider-name"));
        Assert.Equal(3, Postgres.GetInt($"{Journal}.parallelism"));
        Assert.Equal("unspecified", Postgres.GetString($"{Journal}.read-isolation-level"));
    }

    [Fact]
    public void Hocon_should_carry_a_connection_string_with_quotes_and_backslashes_intact()
    {
        Assert.Equal("Host=127.0.0.1;Username=a;Password=\"b\\c\"", Postgres.GetString($"{Journal}.connection-string"));
        Assert.True(Postgres.GetBoolean($"{Snapshots}.auto-initialize"));
    }

    [Fact]
    public void Settings_should_put_the_default_sqlite_file_under_the_data_directory()
    {
        var settings = SqlPersistenceSettings.From(new PersistenceOptions());

        Assert.Contains(Path.GetFullPath(Path.Combine("data", "callcenter.db")), settings.ConnectionString);
        Assert.True(settings.IsTunedSqlite);
    }
}
