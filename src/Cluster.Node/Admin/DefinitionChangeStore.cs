using System.Data.Common;
using CallCenter.Node.Configuration;
using CallCenter.Node.Definition;
using CallCenter.Node.Persistence;
using static CallCenter.Node.Persistence.SqlCommands;

namespace CallCenter.Node.Admin;

/// <summary>
/// The administration changes, kept where the journal is: <c>definition.db</c> in the SQLite data directory, or the
/// table <c>definition_changes</c> in the PostgreSQL database. One row per skill, reason, queue or agent changed (a
/// later change of the same entry replaces it); the node layers them over the definition file at start-up.
/// </summary>
public sealed class DefinitionChangeStore : IAsyncDisposable
{
    /// <summary>The file's name inside the persistence data directory.</summary>
    public const string SqliteFileName = "definition.db";

    // Text columns only, so that one DDL and one set of statements serve both databases.
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS definition_changes (
          kind TEXT NOT NULL, key TEXT NOT NULL, yaml TEXT NOT NULL, changed_at TEXT NOT NULL, PRIMARY KEY (kind, key));
        """;

    private readonly NodeTables _tables;

    private DefinitionChangeStore(NodeTables tables) => _tables = tables;

    /// <summary>Where the changes live, for messages: the SQLite file or the PostgreSQL table.</summary>
    public string Location => _tables.Location;

    /// <summary>The store on the journal's provider (see <see cref="PersistenceOptions"/>).</summary>
    public static DefinitionChangeStore For(PersistenceOptions persistence) =>
        new(NodeTables.For(persistence, SqliteFileName, "table definition_changes"));

    public async Task EnsureCreatedAsync(CancellationToken cancellation = default)
    {
        await using var connection = await _tables.OpenAsync(cancellation);
        await using var command = Command(connection, Schema);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    /// <summary>Every change, oldest first (the order they are layered in).</summary>
    public async Task<IReadOnlyList<DefinitionChange>> LoadAsync(CancellationToken cancellation = default)
    {
        await using var connection = await _tables.OpenAsync(cancellation);
        await using var command = Command(connection, "SELECT kind, key, yaml FROM definition_changes ORDER BY changed_at, kind, key");
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var changes = new List<DefinitionChange>();
        while (await reader.ReadAsync(cancellation))
            changes.Add(new DefinitionChange(Enum.Parse<DefinitionChangeKind>(reader.GetString(0)), reader.GetString(1), reader.GetString(2)));
        return changes;
    }

    /// <summary>Stores <paramref name="change"/>, replacing an earlier change of the same entry.</summary>
    public async Task SaveAsync(DefinitionChange change, DateTimeOffset at, CancellationToken cancellation = default)
    {
        await using var connection = await _tables.OpenAsync(cancellation);
        await using var command = Command(connection, """
            INSERT INTO definition_changes (kind, key, yaml, changed_at) VALUES (@kind, @key, @yaml, @changed_at)
            ON CONFLICT (kind, key) DO UPDATE SET yaml = excluded.yaml, changed_at = excluded.changed_at
            """,
            ("kind", change.Kind.ToString()), ("key", change.Key), ("yaml", change.Yaml),
            ("changed_at", TimestampText(at)));
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public ValueTask DisposeAsync() => _tables.DisposeAsync();
}
