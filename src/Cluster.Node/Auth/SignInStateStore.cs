using System.Data.Common;
using CallCenter.Node.Configuration;
using CallCenter.Node.Persistence;
using Npgsql;
using static CallCenter.Node.Persistence.SqlCommands;

namespace CallCenter.Node.Auth;

/// <summary>
/// What every web node must agree on for a sign-in to hold on all of them and across restarts: the Data Protection
/// keys that protect the session cookie and the CSRF tokens (table <c>data_protection_keys</c>), and the sessions
/// signed out before their cookie expired (table <c>signed_out_sessions</c>). Kept where the journal is: the
/// PostgreSQL database, or <c>sign-in.db</c> in the SQLite data directory (one node; the tables survive its restart).
/// </summary>
public sealed class SignInStateStore : IAsyncDisposable
{
    /// <summary>The file's name inside the persistence data directory.</summary>
    public const string SqliteFileName = "sign-in.db";

    /// <summary>
    /// The tables. Text columns only, so that one DDL and one set of statements serve both databases (timestamps as
    /// TimestampText). On PostgreSQL they are created with the node's others before start-up (PostgresTables).
    /// </summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS data_protection_keys (
          friendly_name TEXT PRIMARY KEY, xml TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS signed_out_sessions (
          session_id TEXT PRIMARY KEY, expires_at TEXT NOT NULL);
        """;

    /// <summary>Nodes starting together may race on the first CREATE TABLE; the loser finds the table there on a retry.</summary>
    private const int CreateAttempts = 3;

    /// <summary>The PostgreSQL advisory lock under which a node creates the first key (any number, the same on every node).</summary>
    private const long KeyCreationLock = 0x43616C6C4B657973; // "CallKeys"

    private readonly NodeTables _tables;

    private SignInStateStore(NodeTables tables) => _tables = tables;

    /// <summary>Where the state lives, for messages: the SQLite file or the PostgreSQL tables.</summary>
    public string Location => _tables.Location;

    /// <summary>The store on the journal's provider (see <see cref="PersistenceOptions"/>).</summary>
    public static SignInStateStore For(PersistenceOptions persistence) =>
        new(NodeTables.For(persistence, SqliteFileName, "tables data_protection_keys and signed_out_sessions"));

    /// <summary>Creates the tables if missing; safe to run on several nodes at once.</summary>
    public void EnsureCreated()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = _tables.Open();
                using var command = Command(connection, Schema);
                command.ExecuteNonQuery();
                return;
            }
            catch (PostgresException e) when (attempt < CreateAttempts
                && e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // Another node created the table between our IF NOT EXISTS and our insert into the catalogue.
            }
        }
    }

    /// <summary>
    /// Holds the cluster-wide key-creation lock until disposed (PostgreSQL; SQLite has one node and needs none), so that
    /// of nodes starting together on an empty table one creates the first key and the others read it.
    /// </summary>
    public async Task<IAsyncDisposable> LockKeyCreationAsync(CancellationToken cancellation)
    {
        if (_tables.Postgres is null)
            return new KeyCreationLockHeld(null);
        var connection = await _tables.OpenAsync(cancellation);
        await using var command = Command(connection, "SELECT pg_advisory_lock(@id)", ("id", KeyCreationLock));
        await command.ExecuteNonQueryAsync(cancellation);
        return new KeyCreationLockHeld(connection);
    }

    /// <summary>Closing the session releases its advisory lock; the explicit unlock returns a pooled connection clean.</summary>
    private sealed class KeyCreationLockHeld(DbConnection? connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection is null)
                return;
            await using (connection)
            await using (var command = Command(connection, "SELECT pg_advisory_unlock(@id)", ("id", KeyCreationLock)))
                await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Every Data Protection key element as stored (XML text).</summary>
    public IReadOnlyList<string> Keys()
    {
        using var connection = _tables.Open();
        using var command = Command(connection, "SELECT xml FROM data_protection_keys ORDER BY created_at, friendly_name");
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
            keys.Add(reader.GetString(0));
        return keys;
    }

    /// <summary>Stores a new key; a name already there is left as it is (names are unique per key).</summary>
    public void AddKey(string friendlyName, string xml, DateTimeOffset at)
    {
        using var connection = _tables.Open();
        using var command = Command(connection, """
            INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, @at)
            ON CONFLICT (friendly_name) DO NOTHING
            """,
            ("name", friendlyName), ("xml", xml), ("at", TimestampText(at)));
        command.ExecuteNonQuery();
    }

    /// <summary>Records <paramref name="session"/> as signed out until <paramref name="expires"/>, and forgets those expired.</summary>
    public async Task EndSessionAsync(string session, DateTimeOffset expires, DateTimeOffset now, CancellationToken cancellation = default)
    {
        await using var connection = await _tables.OpenAsync(cancellation);
        await using (var insert = Command(connection, """
            INSERT INTO signed_out_sessions (session_id, expires_at) VALUES (@session, @expires)
            ON CONFLICT (session_id) DO NOTHING
            """, ("session", session), ("expires", TimestampText(expires))))
            await insert.ExecuteNonQueryAsync(cancellation);
        await using var prune = Command(connection, "DELETE FROM signed_out_sessions WHERE expires_at < @now", ("now", TimestampText(now)));
        await prune.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Whether <paramref name="session"/> was signed out (on any node) and has not yet expired.</summary>
    public async Task<bool> HasEndedAsync(string session, DateTimeOffset now, CancellationToken cancellation = default)
    {
        await using var connection = await _tables.OpenAsync(cancellation);
        await using var command = Command(connection,
            "SELECT 1 FROM signed_out_sessions WHERE session_id = @session AND expires_at >= @now", ("session", session), ("now", TimestampText(now)));
        return await command.ExecuteScalarAsync(cancellation) is not null;
    }

    public ValueTask DisposeAsync() => _tables.DisposeAsync();
}
