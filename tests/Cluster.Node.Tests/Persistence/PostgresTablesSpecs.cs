using CallCenter.Node.Persistence;
using Npgsql;

namespace CallCenter.Node.Tests.Persistence;

/// <summary>
/// The node's tables on an empty PostgreSQL schema, created by several nodes at once (each its own connection), as
/// a gateway Deployment and the routing StatefulSet do when they start together.
/// </summary>
public sealed class PostgresTablesSpecs : IAsyncLifetime
{
    private const int Nodes = 8;
    private readonly string _schema = $"tables_{Guid.NewGuid():N}";

    private string Connection => new NpgsqlConnectionStringBuilder(PostgresPersistenceSpecs.ConnectionString)
    {
        SearchPath = _schema, Pooling = false,
    }.ConnectionString;

    [Fact]
    public async Task PostgresTables_must_be_created_once_by_nodes_starting_side_by_side_on_an_empty_schema()
    {
        using var start = new ManualResetEventSlim();
        var nodes = Enumerable.Range(0, Nodes).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            await PostgresTables.EnsureCreatedAsync(Connection);
        })).ToList();
        start.Set();
        await Task.WhenAll(nodes).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["customer_interactions", "customers", "data_protection_keys", "definition_changes", "journal", "signed_out_sessions", "snapshot", "tags"], await TablesAsync());
    }

    [Fact]
    public async Task PostgresTables_must_leave_existing_tables_and_their_rows_alone()
    {
        await PostgresTables.EnsureCreatedAsync(Connection);
        await ExecuteAsync("INSERT INTO definition_changes (kind, key, yaml, changed_at) VALUES ('Skill', 'kept', 'name: kept', 'now')");

        await PostgresTables.EnsureCreatedAsync(Connection);

        Assert.Equal(1L, await ExecuteAsync("SELECT count(*) FROM definition_changes WHERE key = 'kept'"));
    }

    private async Task<List<string>> TablesAsync()
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = @schema ORDER BY table_name", connection);
        command.Parameters.AddWithValue("schema", _schema);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));
        return tables;
    }

    private async Task<object?> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task InitializeAsync() => await ExecuteAsync($"CREATE SCHEMA {_schema}");

    public async Task DisposeAsync() => await ExecuteAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
}
