using Npgsql;

namespace CallCenter.Integration.Tests.Cluster;

/// <summary>
/// Who wrote each entity's events, read from the run's journal table. Akka.Persistence.Sql stamps each row with its
/// journal's writer id (<c>writer_uuid</c>: one per node, not per incarnation) and its node's clock (<c>created</c>, UTC
/// ticks). An entity handed from node A to B and back shows as A, B, A, which is no fault; an entity alive on two nodes
/// at once shows as a duplicate-key write failure (each incarnation writes the sequence number after its own last),
/// which the specs read in the logs.
/// </summary>
public static class JournalWriters
{
    /// <summary>One node's run of consecutive events of one entity.</summary>
    public sealed record Incarnation(string PersistenceId, string Writer, long FirstSequenceNr, DateTimeOffset FirstAt, DateTimeOffset LastAt);

    /// <summary>Every entity's incarnations in sequence order (consecutive events of one writer are one incarnation).</summary>
    public static async Task<IReadOnlyList<Incarnation>> ReadAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ClusterOnPostgres.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT persistence_id, sequence_number, writer_uuid, created FROM {schema}.journal ORDER BY persistence_id, sequence_number",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var incarnations = new List<Incarnation>();
        while (await reader.ReadAsync())
        {
            var (id, sequenceNr, writer) = (reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? "" : reader.GetString(2));
            var at = new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero);
            if (incarnations is [.., var last] && last.PersistenceId == id && last.Writer == writer)
                incarnations[^1] = last with { LastAt = at };
            else
                incarnations.Add(new Incarnation(id, writer, sequenceNr, at, at));
        }
        return incarnations;
    }

    /// <summary>
    /// One node's part of the journal: its writers (those <paramref name="wroteOnNode"/> recognises), its last write, and
    /// the entities another node's writer took over from it after <paramref name="after"/>.
    /// </summary>
    public static Handover HandoverFrom(IReadOnlyList<Incarnation> incarnations, Func<string, bool> wroteOnNode, DateTimeOffset after)
    {
        var writers = incarnations.Select(i => i.Writer).Distinct().Where(wroteOnNode).ToHashSet();
        return new Handover(writers,
            incarnations.Where(i => writers.Contains(i.Writer)).Select(i => i.LastAt).DefaultIfEmpty().Max(),
            [.. TakeOvers(incarnations, after).Where(t => writers.Contains(t.Before.Writer) && !writers.Contains(t.After.Writer))]);
    }

    /// <summary>See <see cref="HandoverFrom"/>.</summary>
    public sealed record Handover(IReadOnlySet<string> Writers, DateTimeOffset LastWrite, IReadOnlyList<(Incarnation Before, Incarnation After)> TakenOver)
    {
        /// <summary>When another node first wrote one of the node's entities (<see cref="DateTimeOffset.MaxValue"/>: never).</summary>
        public DateTimeOffset FirstTakeOver => TakenOver.Select(t => t.After.FirstAt).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
    }

    /// <summary>Incarnations that took an entity over from an earlier writer and first wrote after <paramref name="after"/>.</summary>
    public static IEnumerable<(Incarnation Before, Incarnation After)> TakeOvers(IReadOnlyList<Incarnation> incarnations, DateTimeOffset after) =>
        incarnations.GroupBy(i => i.PersistenceId)
            .SelectMany(entity => entity.Zip(entity.Skip(1), (before, next) => (Before: before, After: next)))
            .Where(pair => pair.After.FirstAt > after);
}
