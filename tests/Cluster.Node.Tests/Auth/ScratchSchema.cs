using CallCenter.Node.Configuration;
using CallCenter.Node.Persistence;
using CallCenter.Node.Tests.Persistence;
using Npgsql;

namespace CallCenter.Node.Tests.Auth;

/// <summary>
/// A schema of its own in the test PostgreSQL database (first on the search path of <see cref="ConnectionString"/>),
/// dropped with everything in it on dispose: keys a test makes up, or an empty key table, never reach the shared ring.
/// </summary>
internal sealed class ScratchSchema : IAsyncDisposable
{
    private readonly string _name = $"keyring_{Guid.NewGuid():N}";

    private ScratchSchema() { }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresPersistenceSpecs.ConnectionString) { SearchPath = _name }.ToString();

    public PersistenceOptions Persistence => new() { Provider = PersistenceProvider.Postgres, ConnectionString = ConnectionString };

    public static async Task<ScratchSchema> CreateAsync()
    {
        var schema = new ScratchSchema();
        await ExecuteAsync($"CREATE SCHEMA {schema._name}");
        return schema;
    }

    public ValueTask DisposeAsync() => new(ExecuteAsync($"DROP SCHEMA {_name} CASCADE"));

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresPersistenceSpecs.ConnectionString);
        await connection.OpenAsync();
        await using var command = SqlCommands.Command(connection, sql);
        await command.ExecuteNonQueryAsync();
    }
}
