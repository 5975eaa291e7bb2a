using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CallCenter.Node.Persistence;

/// <summary>Plain ADO.NET shared by the node's own tables (customers, administration changes), on SQLite or PostgreSQL.</summary>
public static class SqlCommands
{
    /// <summary>A command with named parameters (<c>@name</c>); a null value is SQL NULL.</summary>
    public static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>
    /// Instants stored as text (SQLite, and the text-only tables that serve both databases): UTC with seven fixed
    /// fractional digits, so that the text sorts as the instants do.
    /// </summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string TimestampText(DateTimeOffset at) => at.UtcDateTime.ToString(TimestampFormat, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A pooled connection string for a SQLite file (its folder is created when first opened).</summary>
    public static string SqliteConnectionString(string databaseFile) =>
        new SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(databaseFile), Pooling = true }.ToString();

    /// <summary>Opens a SQLite file, creating its folder; several writers wait for each other inside SQLite rather than fail.</summary>
    public static async Task<DbConnection> OpenSqliteAsync(string connectionString, CancellationToken cancellation)
    {
        var directory = Path.GetDirectoryName(new SqliteConnectionStringBuilder(connectionString).DataSource);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=5000;";
        await command.ExecuteNonQueryAsync(cancellation);
        return connection;
    }
}
