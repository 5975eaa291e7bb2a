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

    /// <summary>
    /// Riding out a database restart. Every journal and snapshot call goes through a circuit breaker that opens after
    /// 10 failures; Akka's default keeps it open 30 s, so after a restart of the database every entity would stay
    /// refused that long: 2 s (<c>reset-timeout</c>) lets a call through soon after the database is back. An entity
    /// whose write failed is stopped by Akka; a remembered one (agents, queues) is started again by its shard after
    /// <c>entity-restart-backoff</c>, and a shard whose remembered entities could not be read after
    /// <c>shard-failure-backoff</c> (Akka's defaults 10 s each): 2 s each, so that routing resumes within seconds.
    /// </summary>
    private const string CircuitBreaker = """
        circuit-breaker {
          max-failures = 10
          call-timeout = 10s
          reset-timeout = 2s
        }
        """;

    /// <summary>
    /// How long an entity or shard coordinator waits for its snapshot, and then between replayed events, before its
    /// recovery fails and it is started again (Akka's default 30 s). A shard coordinator that began recovering as the
    /// database came back once waited the whole 30 s for a snapshot that never came (PostgresRestartSpecs: a queue routed
    /// nothing after the restart) while its region buffered every message; after 10 s it is started again (the
    /// coordinator after Akka's 5 s backoff, an entity after <c>entity-restart-backoff</c>) and reads the journal anew.
    /// </summary>
    private const string RecoveryTimeout = "recovery-event-timeout = 10s";

    /// <summary>See <see cref="CircuitBreaker"/>.</summary>
    private const string ShardRestarts = """
        akka.cluster.sharding.entity-restart-backoff = 2s
        akka.cluster.sharding.shard-failure-backoff = 2s
        """;

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
                  {{RecoveryTimeout}}
                  {{CircuitBreaker}}
                }
              }
              snapshot-store {
                plugin = "{{PersistencePlugins.SnapshotStoreId}}"
                sql {
                  connection-string = {{connection}}
                  provider-name = {{provider}}
                  auto-initialize = true
                  {{readIsolation}}
                  {{CircuitBreaker}}
                }
              }
              query.journal.sql {
                connection-string = {{connection}}
                provider-name = {{provider}}
                {{readIsolation}}
              }
            }
            {{ShardRestarts}}
            """;
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
