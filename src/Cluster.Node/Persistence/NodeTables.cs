using System.Data.Common;
using CallCenter.Node.Configuration;
using Npgsql;
using static CallCenter.Node.Persistence.SqlCommands;

namespace CallCenter.Node.Persistence;

/// <summary>
/// Connections to one of the node's own stores, kept where the journal is: a SQLite file of the store's own in the data
/// directory, or the journal's PostgreSQL database (through a data source of the store's own).
/// </summary>
public sealed class NodeTables : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<DbConnection>> _open;

    private NodeTables(string location, Func<CancellationToken, Task<DbConnection>> open, NpgsqlDataSource? postgres) =>
        (Location, _open, Postgres) = (location, open, postgres);

    /// <summary>Where the store lives, for messages: the SQLite file or the PostgreSQL tables.</summary>
    public string Location { get; }

    /// <summary>The PostgreSQL data source; null on SQLite.</summary>
    public NpgsqlDataSource? Postgres { get; }

    /// <summary>The store on the journal's provider: <paramref name="sqliteFileName"/> in the data directory, or <paramref name="postgresTables"/>.</summary>
    public static NodeTables For(PersistenceOptions persistence, string sqliteFileName, string postgresTables)
    {
        if (persistence.Provider == PersistenceProvider.Postgres)
        {
            var source = NpgsqlDataSource.Create(persistence.PostgresConnectionString);
            return new NodeTables($"{postgresTables} (PostgreSQL)", async cancellation => await source.OpenConnectionAsync(cancellation), source);
        }
        var file = Path.GetFullPath(Path.Combine(persistence.DataDirectory, sqliteFileName));
        var connectionString = SqliteConnectionString(file);
        return new NodeTables(file, cancellation => OpenSqliteAsync(connectionString, cancellation), postgres: null);
    }

    public Task<DbConnection> OpenAsync(CancellationToken cancellation = default) => _open(cancellation);

    /// <summary>
    /// Opens a connection synchronously, for callers that cannot wait (Data Protection reads its keys synchronously);
    /// a SQLite open completes synchronously anyway.
    /// </summary>
    public DbConnection Open() => Postgres?.OpenConnection() ?? _open(CancellationToken.None).GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Postgres is not null)
            await Postgres.DisposeAsync();
    }
}
