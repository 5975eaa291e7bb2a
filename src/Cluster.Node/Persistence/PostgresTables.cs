using CallCenter.Node.Admin;
using CallCenter.Node.Auth;
using CallCenter.Node.Customers;
using Npgsql;

namespace CallCenter.Node.Persistence;

/// <summary>
/// Creates every table the node keeps in PostgreSQL — Akka.Persistence.Sql's journal, tags and snapshot tables as its
/// auto-initialize makes them, the administration changes, the customer directory and the sign-in state — before the actor system starts.
/// Nodes started side by side on an empty database (a gateway Deployment beside the routing StatefulSet) otherwise
/// race in PostgreSQL's catalog: two <c>CREATE TABLE IF NOT EXISTS</c> of the same table both pass the check and one
/// fails on the unique key of <c>pg_type</c>. Here one node at a time runs the statements, under a transaction-scoped
/// advisory lock; each is idempotent, so the plugin's own auto-initialize then finds the tables made.
/// </summary>
public static class PostgresTables
{
    /// <summary>The advisory lock's key: any fixed number no other user of the database locks ("callcent" in ASCII).</summary>
    public const long LockKey = 0x63616C6C63656E74;

    /// <summary>
    /// The plugin's tables as Akka.Persistence.Sql 1.5.73 creates them on PostgreSQL (default table names, tag table
    /// mode), read back with <c>pg_dump -s</c>: the same columns, keys and index names, so its auto-initialize, which
    /// checks before it creates, leaves them as they are.
    /// </summary>
    private const string Journal = """
        CREATE TABLE IF NOT EXISTS journal (
          ordering bigint GENERATED ALWAYS AS IDENTITY NOT NULL, created bigint NOT NULL, deleted boolean NOT NULL,
          persistence_id text NOT NULL, sequence_number bigint NOT NULL, message bytea NOT NULL, manifest text,
          identifier integer, writer_uuid text,
          CONSTRAINT "PK_journal" PRIMARY KEY (ordering), CONSTRAINT journal_uq UNIQUE (persistence_id, sequence_number));
        CREATE INDEX IF NOT EXISTS journal_created_idx ON journal (created);
        CREATE INDEX IF NOT EXISTS journal_sequence_number_idx ON journal (sequence_number);
        CREATE TABLE IF NOT EXISTS tags (
          ordering_id bigint NOT NULL, tag text NOT NULL, sequence_nr bigint NOT NULL, persistence_id text NOT NULL,
          CONSTRAINT "PK_tags" PRIMARY KEY (ordering_id, tag));
        CREATE INDEX IF NOT EXISTS tags_persistence_id_sequence_nr_idx ON tags (persistence_id, sequence_nr);
        CREATE INDEX IF NOT EXISTS tags_tag_idx ON tags (tag);
        CREATE TABLE IF NOT EXISTS snapshot (
          persistence_id text NOT NULL, sequence_number bigint NOT NULL, created bigint NOT NULL, snapshot bytea,
          manifest text, serializer_id integer,
          CONSTRAINT "PK_snapshot" PRIMARY KEY (persistence_id, sequence_number));
        CREATE INDEX IF NOT EXISTS snapshot_created_idx ON snapshot (created);
        CREATE INDEX IF NOT EXISTS snapshot_sequence_number_idx ON snapshot (sequence_number);
        """;

    /// <summary>Every statement, in one batch.</summary>
    public static string Statements => Journal + DefinitionChangeStore.Schema + PostgresCustomerStore.Tables + SignInStateStore.Schema;

    /// <summary>
    /// Creates what is missing, one node at a time. A unique violation (<c>23505</c>) or an existing table
    /// (<c>42P07</c>) can only mean another creator outside the lock got there first: the tables are there.
    /// </summary>
    public static async Task EnsureCreatedAsync(string connectionString, CancellationToken cancellation = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", LockKey);
            await command.ExecuteNonQueryAsync(cancellation);
        }
        try
        {
            await using var create = new NpgsqlCommand(Statements, connection, transaction);
            await create.ExecuteNonQueryAsync(cancellation);
            await transaction.CommitAsync(cancellation);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
            await transaction.RollbackAsync(cancellation);
        }
    }
}
