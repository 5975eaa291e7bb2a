using System.Data.Common;
using Npgsql;

namespace CallCenter.Node.Customers;

/// <summary>The directory in the journal's PostgreSQL database: tables <c>customers</c> and <c>customer_interactions</c>.</summary>
public sealed class PostgresCustomerStore(string connectionString) : SqlCustomerStore, IDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    protected override string Schema => Tables;

    /// <summary>The directory's tables and index (also created before the node starts: PostgresTables).</summary>
    internal const string Tables = """
        CREATE TABLE IF NOT EXISTS customers (
          phone text PRIMARY KEY, name text NOT NULL, account text, notes text, updated_at timestamptz NOT NULL);
        CREATE TABLE IF NOT EXISTS customer_interactions (
          call_id text PRIMARY KEY, phone text NOT NULL, at timestamptz NOT NULL, ended_at timestamptz, outcome text, queue text,
          agent_id text, disposition text, notes text);
        CREATE INDEX IF NOT EXISTS customer_interactions_by_phone ON customer_interactions (phone, at);
        """;

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellation) =>
        await _source.OpenConnectionAsync(cancellation);

    // Npgsql writes timestamptz only from UTC values.
    protected override object ToDb(DateTimeOffset at) => at.ToUniversalTime();

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public void Dispose() => _source.Dispose();
}
