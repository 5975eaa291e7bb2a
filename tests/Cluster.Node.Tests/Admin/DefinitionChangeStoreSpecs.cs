using CallCenter.Node.Admin;
using CallCenter.Node.Configuration;
using CallCenter.Node.Definition;
using CallCenter.Node.Persistence;
using CallCenter.Node.Tests.Persistence;

namespace CallCenter.Node.Tests.Admin;

/// <summary>The administration changes' store, the same specs on SQLite and on PostgreSQL.</summary>
public abstract class DefinitionChangeStoreSpecs
{
    protected abstract DefinitionChangeStore Store { get; }

    /// <summary>A key no other run shares (the PostgreSQL database is shared).</summary>
    protected readonly string Key = "q-" + Guid.NewGuid().ToString("N")[..12];

    private static readonly DateTimeOffset At = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Store_should_keep_a_change_and_replace_it_by_kind_and_key()
    {
        await Store.EnsureCreatedAsync();
        await Store.SaveAsync(new DefinitionChange(DefinitionChangeKind.Queue, Key, $"{{name: {Key}, ringTimeoutSeconds: 5}}"), At);
        await Store.SaveAsync(new DefinitionChange(DefinitionChangeKind.Queue, Key, $"{{name: {Key}, ringTimeoutSeconds: 9}}"), At.AddSeconds(1));
        await Store.SaveAsync(DefinitionChange.Name(DefinitionChangeKind.Skill, Key), At.AddSeconds(2));

        var mine = (await Store.LoadAsync()).Where(c => c.Key == Key).ToList();

        Assert.Equal([DefinitionChangeKind.Queue, DefinitionChangeKind.Skill], mine.Select(c => c.Kind));
        Assert.Contains("ringTimeoutSeconds: 9", mine[0].Yaml);
    }
}

public sealed class SqliteDefinitionChangeStoreSpecs : DefinitionChangeStoreSpecs, IDisposable
{
    private readonly TempDirectory _data = new();

    public SqliteDefinitionChangeStoreSpecs() =>
        Store = DefinitionChangeStore.For(new PersistenceOptions { DataDirectory = _data.Path });

    protected override DefinitionChangeStore Store { get; }

    [Fact]
    public void Store_should_live_in_the_data_directory() =>
        Assert.Equal(_data.File(DefinitionChangeStore.SqliteFileName), Store.Location);

    public void Dispose() => _data.Dispose();
}

/// <summary>On the PostgreSQL of <c>CALLCENTER_TEST_POSTGRES</c> (unset is a failure, as for the journal's specs).</summary>
public sealed class PostgresDefinitionChangeStoreSpecs : DefinitionChangeStoreSpecs, IAsyncLifetime
{
    protected override DefinitionChangeStore Store { get; } = DefinitionChangeStore.For(
        new PersistenceOptions { Provider = PersistenceProvider.Postgres, ConnectionString = PostgresPersistenceSpecs.ConnectionString });

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Leaves the shared database as it was: a node on it would layer these rows over its definition.</summary>
    public async Task DisposeAsync()
    {
        await using (var connection = new Npgsql.NpgsqlConnection(PostgresPersistenceSpecs.ConnectionString))
        {
            await connection.OpenAsync();
            await using var delete = SqlCommands.Command(connection, "DELETE FROM definition_changes WHERE key = @key", ("key", Key));
            await delete.ExecuteNonQueryAsync();
        }
        await Store.DisposeAsync();
    }
}
