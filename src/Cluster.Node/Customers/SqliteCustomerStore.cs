using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CallCenter.Node.Customers;

/// <summary>
/// The directory in its own SQLite file next to the journal (<c>customers.db</c> in the data directory):
/// a file of its own, so directory imports never contend with the journal's single writer.
/// </summary>
public sealed class SqliteCustomerStore(string databaseFile) : SqlCustomerStore
{
    /// <summary>The file's name inside the persistence data directory.</summary>
    public const string FileName = "customers.db";

    /// <summary>UTC with seven fixed fractional digits: the text sorts as the instants do.</summary>
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private readonly string _connectionString =
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(databaseFile), Pooling = true }.ToString();

    protected override string Schema => """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS customers (
          phone TEXT PRIMARY KEY, name TEXT NOT NULL, account TEXT, notes TEXT, updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS customer_interactions (
          call_id TEXT PRIMARY KEY, phone TEXT NOT NULL, at TEXT NOT NULL, ended_at TEXT, outcome TEXT, queue TEXT,
          agent_id TEXT, disposition TEXT, notes TEXT);
        CREATE INDEX IF NOT EXISTS customer_interactions_by_phone ON customer_interactions (phone, at);
        """;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellation)
    {
        var directory = Path.GetDirectoryName(new SqliteConnectionStringBuilder(_connectionString).DataSource);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellation);
        // Several writers (the interaction recorder, an import) wait for each other inside SQLite rather than fail.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=5000;";
        await command.ExecuteNonQueryAsync(cancellation);
        return connection;
    }

    protected override object ToDb(DateTimeOffset at) => at.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
