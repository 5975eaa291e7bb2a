using Akka.Configuration;
using Akka.Persistence.Sql;

namespace CallCenter.Node.Persistence;

/// <summary>
/// The one place with HOCON: Akka.Persistence.Sql has no Akka.Hosting package here (FACTS.md), so the
/// journal, snapshot store and read journal are configured with HOCON built from
/// <see cref="SqlPersistenceSettings"/>. Serializers are not bound here: bind them in C# with
/// Akka.Hosting's <c>WithCustomSerializer</c> (see Program.cs).
/// </summary>
public static class SqlPersistenceHocon
{
    /// <summary>Our settings, with the plugin's reference configuration as fallback.</summary>
    public static Config Build(SqlPersistenceSettings settings) =>
        ConfigurationFactory.ParseString(Text(settings)).WithFallback(SqlPersistence.DefaultConfiguration);

    /// <summary>The HOCON text without the fallback (for logs and tests).</summary>
    public static string Text(SqlPersistenceSettings settings)
    {
        var connection = Quote(settings.ConnectionString);
        var provider = Quote(settings.ProviderName);
        // SQLite has one writer: more than one parallel write stream only contends for the lock.
        var parallelism = settings.IsTunedSqlite ? "parallelism = 1" : "";
        // Default isolation starts every transaction, reads included, with BEGIN IMMEDIATE (a write
        // lock); read-uncommitted gives reads a deferred BEGIN, so they never wait on a writer.
        var readIsolation = settings.IsTunedSqlite ? "read-isolation-level = read-uncommitted" : "";

        return $$"""
            akka.persistence {
              journal {
                plugin = "{{PersistencePlugins.JournalId}}"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = true
                  {{parallelism}}
                  {{readIsolation}}
                }
              }
              snapshot-store {
                plugin = "{{PersistencePlugins.SnapshotStoreId}}"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = true
                  {{readIsolation}}
                }
              }
              query.journal.sql {
                connection-string = {{connection}}
                provider-name = {{provider}}
                {{readIsolation}}
              }
            }
            """;
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
