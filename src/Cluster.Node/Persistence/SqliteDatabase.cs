using System.Data.Common;
using LinqToDB;
using Microsoft.Data.Sqlite;

namespace CallCenter.Node.Persistence;

/// <summary>
/// The embedded SQLite journal's tuning, as measured in FACTS.md (~900 events/s untuned, 16,000-19,000
/// tuned with 100 concurrent writers). Durability trade-off of WAL + synchronous=NORMAL: the last
/// commits can be lost on power loss or an OS crash (not on a process crash); README says so.
/// </summary>
public static class SqliteDatabase
{
    /// <summary>
    /// synchronous=NORMAL (see above), and a busy timeout so that a writer meeting the lock (the
    /// snapshot store writes on its own connection) is retried by SQLite in milliseconds instead of
    /// failing to Microsoft.Data.Sqlite, which sleeps ~150 ms before retrying: that sleep was the whole
    /// p99 of routing latency (150 ms -> 31 ms at 200 calls/s).
    /// </summary>
    private const string SynchronousNormal = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    /// <summary>A pooled Microsoft.Data.Sqlite connection string for <paramref name="databaseFile"/>.</summary>
    public static string ConnectionString(string databaseFile) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(databaseFile), Pooling = true }.ToString();

    /// <summary>
    /// Creates the file's directory and, when tuned, puts the database in WAL mode. WAL is stored in
    /// the file, so once is enough and running it again is harmless. Call before the journal opens it.
    /// </summary>
    public static void Prepare(string connectionString, SqliteTuning tuning)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        if (tuning == SqliteTuning.Tuned) EnableWriteAheadLog(connectionString);
    }

    private static void EnableWriteAheadLog(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// linq2db options that set <c>synchronous=NORMAL</c> on every connection the plugin opens
    /// (Microsoft.Data.Sqlite has no connection-string keyword for it).
    /// </summary>
    public static DataOptions TunedDataOptions(string connectionString) =>
        new DataOptions()
            .UseConnectionString(SqlPersistenceSettings.SqliteProvider, connectionString)
            .UseAfterConnectionOpened(SetSynchronousNormal, SetSynchronousNormalAsync);

    private static void SetSynchronousNormal(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SynchronousNormal;
        command.ExecuteNonQuery();
    }

    private static async Task SetSynchronousNormalAsync(DbConnection connection, CancellationToken cancellation)
    {
        // Microsoft.Data.Sqlite's async calls complete synchronously. Yielding here makes the plugin's
        // write path truly asynchronous, so concurrent writes queue up and share one transaction
        // (~6 events each, FACTS.md) instead of one transaction per event.
        await Task.Yield();
        await using var command = connection.CreateCommand();
        command.CommandText = SynchronousNormal;
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
