namespace CallCenter.Node.Persistence;

/// <summary>
/// Plugin ids of Akka.Persistence.Sql's journal, snapshot store and read journal, the defaults
/// every persistent entity uses (set them on <c>ShardOptions</c> when a region names its plugins).
/// </summary>
public static class PersistencePlugins
{
    public const string JournalId = "akka.persistence.journal.sql";
    public const string SnapshotStoreId = "akka.persistence.snapshot-store.sql";
    public const string ReadJournalId = "akka.persistence.query.journal.sql";
}
