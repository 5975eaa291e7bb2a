using Akka.Hosting;
using Akka.Persistence.Sql.Config;
using CallCenter.Node.Configuration;

namespace CallCenter.Node.Persistence;

/// <summary>Akka.Persistence.Sql for the node's actor system: journal and snapshot store.</summary>
public static class PersistenceHostingExtensions
{
    /// <summary>Journal and snapshot store on the configured provider (SQLite file by default, or PostgreSQL).</summary>
    public static AkkaConfigurationBuilder WithCallCenterPersistence(this AkkaConfigurationBuilder builder, PersistenceOptions options) =>
        builder.WithSqlPersistence(SqlPersistenceSettings.From(options));

    /// <summary>Journal and snapshot store from explicit settings (benchmarks, tests).</summary>
    public static AkkaConfigurationBuilder WithSqlPersistence(this AkkaConfigurationBuilder builder, SqlPersistenceSettings settings)
    {
        if (settings.IsSqlite)
            SqliteDatabase.Prepare(settings.ConnectionString, settings.Tuning);
        if (settings.IsTunedSqlite)
            builder.AddSetup(new DataOptionsSetup(SqliteDatabase.TunedDataOptions(settings.ConnectionString)));
        return builder.AddHocon(SqlPersistenceHocon.Build(settings), HoconAddMode.Prepend);
    }
}
