using CallCenter.Node.Configuration;
using LinqToDB;

namespace CallCenter.Node.Persistence;

/// <summary>How the embedded SQLite database is driven (FACTS.md measured both).</summary>
public enum SqliteTuning
{
    /// <summary>WAL, synchronous=NORMAL, one writer, read-uncommitted reads: ~18,000 events/s.</summary>
    Tuned,
    /// <summary>The plugin's defaults: ~900 events/s. Only for comparison in bench/Persistence.</summary>
    Untuned,
}

/// <summary>What <see cref="SqlPersistenceHocon"/> needs: the linq2db provider, connection string and SQLite tuning.</summary>
public sealed record SqlPersistenceSettings(string ProviderName, string ConnectionString, SqliteTuning Tuning = SqliteTuning.Tuned)
{
    /// <summary>linq2db provider for Microsoft.Data.Sqlite.</summary>
    public const string SqliteProvider = LinqToDB.ProviderName.SQLiteMS;
    /// <summary>linq2db provider for Npgsql against PostgreSQL 15 or newer.</summary>
    public const string PostgresProvider = LinqToDB.ProviderName.PostgreSQL15;

    public bool IsSqlite => ProviderName == SqliteProvider;

    /// <summary>Whether the SQLite tuning applies (SQLite and not explicitly untuned).</summary>
    public bool IsTunedSqlite => IsSqlite && Tuning == SqliteTuning.Tuned;

    /// <summary>Settings for the configured provider: the SQLite file under the data directory, or PostgreSQL.</summary>
    public static SqlPersistenceSettings From(PersistenceOptions options) => options.Provider switch
    {
        PersistenceProvider.Postgres => Postgres(options.PostgresConnectionString),
        _ => Sqlite(options.SqliteFilePath),
    };

    public static SqlPersistenceSettings Sqlite(string databaseFile, SqliteTuning tuning = SqliteTuning.Tuned) =>
        new(SqliteProvider, SqliteDatabase.ConnectionString(databaseFile), tuning);

    public static SqlPersistenceSettings Postgres(string connectionString) => new(PostgresProvider, connectionString);
}
