using CallCenter.Node.Persistence;
using LinqToDB.Data;
using Microsoft.Data.Sqlite;

namespace CallCenter.Node.Tests.Persistence;

/// <summary>The embedded SQLite journal runs with the tuning FACTS.md measured.</summary>
public sealed class SqliteTuningSpecs : IDisposable
{
    private const int SynchronousNormal = 1;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string ConnectionString(string file = "tuned.db") => SqliteDatabase.ConnectionString(_directory.File(file));

    private static string Pragma(string connectionString, string pragma)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return Convert.ToString(command.ExecuteScalar())!;
    }

    [Fact]
    public void Prepare_should_put_a_tuned_database_file_in_wal_mode()
    {
        SqliteDatabase.Prepare(ConnectionString(), SqliteTuning.Tuned);

        Assert.Equal("wal", Pragma(ConnectionString(), "journal_mode"));
    }

    [Fact]
    public void Prepare_should_create_the_data_directory()
    {
        var connectionString = SqliteDatabase.ConnectionString(Path.Combine(_directory.Path, "data", "callcenter.db"));

        SqliteDatabase.Prepare(connectionString, SqliteTuning.Tuned);

        Assert.True(Directory.Exists(Path.Combine(_directory.Path, "data")));
    }

    [Fact]
    public void Prepare_should_leave_an_untuned_database_in_rollback_journal_mode()
    {
        SqliteDatabase.Prepare(ConnectionString("untuned.db"), SqliteTuning.Untuned);

        Assert.Equal("delete", Pragma(ConnectionString("untuned.db"), "journal_mode"));
    }

    [Fact]
    public void Tuned_connections_should_run_synchronous_normal_when_opened_synchronously()
    {
        using var db = new DataConnection(SqliteDatabase.TunedDataOptions(ConnectionString()));

        Assert.Equal(SynchronousNormal, db.Execute<int>("PRAGMA synchronous;"));
    }

    [Fact]
    public async Task Tuned_connections_should_run_synchronous_normal_when_opened_asynchronously()
    {
        await using var db = new DataConnection(SqliteDatabase.TunedDataOptions(ConnectionString()));

        Assert.Equal(SynchronousNormal, await db.ExecuteAsync<int>("PRAGMA synchronous;"));
    }

    [Fact]
    public void Plain_connections_should_still_be_synchronous_full()
    {
        const int synchronousFull = 2;

        Assert.Equal(synchronousFull.ToString(), Pragma(ConnectionString(), "synchronous"));
    }
}
