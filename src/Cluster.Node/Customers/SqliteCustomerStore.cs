using System.Data.Common;
using System.Globalization;
using CallCenter.Node.Persistence;

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

    private readonly string _connectionString = SqlCommands.SqliteConnectionString(databaseFile);

    protected override string Schema => """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS customers (
          phone TEXT PRIMARY KEY, name TEXT NOT NULL, account TEXT, notes TEXT, updated_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS customer_interactions (
          call_id TEXT PRIMARY KEY, phone TEXT NOT NULL, at TEXT NOT NULL, ended_at TEXT, outcome TEXT, queue TEXT,
          agent_id TEXT, disposition TEXT, notes TEXT);
        CREATE INDEX IF NOT EXISTS customer_interactions_by_phone ON customer_interactions (phone, at);
        """;

    protected override Task<DbConnection> OpenAsync(CancellationToken cancellation) =>
        SqlCommands.OpenSqliteAsync(_connectionString, cancellation);

    protected override object ToDb(DateTimeOffset at) => SqlCommands.TimestampText(at);

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.ParseExact(reader.GetString(ordinal), SqlCommands.TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
