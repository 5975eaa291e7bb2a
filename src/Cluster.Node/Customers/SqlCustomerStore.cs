using System.Data.Common;
using static CallCenter.Node.Persistence.SqlCommands;

namespace CallCenter.Node.Customers;

/// <summary>
/// The directory in plain ADO.NET with parameterised SQL that SQLite and PostgreSQL both speak
/// (<c>ON CONFLICT ... DO UPDATE</c>); each subclass opens connections and says how it keeps timestamps.
/// </summary>
public abstract class SqlCustomerStore : ICustomerStore
{
    private const string CustomerColumns = "phone, name, account, notes, updated_at";
    private const string InteractionColumns = "call_id, phone, at, ended_at, outcome, queue, agent_id, disposition, notes";

    /// <summary>The DDL that creates both tables and the history index if missing.</summary>
    protected abstract string Schema { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellation);

    /// <summary>A timestamp as the database keeps it.</summary>
    protected abstract object ToDb(DateTimeOffset at);

    protected abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    public async Task EnsureCreatedAsync(CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = Command(connection, Schema);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<Customer?> FindAsync(string phone, CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = Command(connection, $"SELECT {CustomerColumns} FROM customers WHERE phone = @phone", ("phone", phone));
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        if (!await reader.ReadAsync(cancellation))
            return null;
        return new Customer(reader.GetString(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), ReadTimestamp(reader, 4));
    }

    public async Task<bool> UpsertAsync(Customer customer, CancellationToken cancellation = default) =>
        await UpsertAllAsync([customer], cancellation) == 1;

    public async Task<int> UpsertAllAsync(IReadOnlyList<Customer> customers, CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var inserted = 0;
        foreach (var customer in customers)
        {
            await using var exists = Command(connection, "SELECT 1 FROM customers WHERE phone = @phone", ("phone", customer.Phone));
            exists.Transaction = transaction;
            if (await exists.ExecuteScalarAsync(cancellation) is null)
                inserted++;
            await using var upsert = Command(connection, $"""
                INSERT INTO customers ({CustomerColumns}) VALUES (@phone, @name, @account, @notes, @updated_at)
                ON CONFLICT (phone) DO UPDATE SET name = excluded.name, account = excluded.account,
                  notes = excluded.notes, updated_at = excluded.updated_at
                """,
                ("phone", customer.Phone), ("name", customer.Name), ("account", customer.Account), ("notes", customer.Notes),
                ("updated_at", ToDb(customer.UpdatedAt)));
            upsert.Transaction = transaction;
            await upsert.ExecuteNonQueryAsync(cancellation);
        }
        await transaction.CommitAsync(cancellation);
        return inserted;
    }

    public async Task RecordInteractionAsync(CustomerInteraction interaction, CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = Command(connection, $"""
            INSERT INTO customer_interactions ({InteractionColumns})
            VALUES (@call_id, @phone, @at, @ended_at, @outcome, @queue, @agent_id, @disposition, @notes)
            ON CONFLICT (call_id) DO UPDATE SET ended_at = excluded.ended_at, outcome = excluded.outcome,
              queue = excluded.queue, agent_id = excluded.agent_id, disposition = excluded.disposition, notes = excluded.notes
            """,
            ("call_id", interaction.CallId), ("phone", interaction.Phone), ("at", ToDb(interaction.At)),
            ("ended_at", interaction.EndedAt is { } ended ? ToDb(ended) : null), ("outcome", interaction.Outcome),
            ("queue", interaction.Queue), ("agent_id", interaction.AgentId), ("disposition", interaction.Disposition),
            ("notes", interaction.Notes));
        await command.ExecuteNonQueryAsync(cancellation);
    }

    public async Task<IReadOnlyList<CustomerInteraction>> InteractionsAsync(string phone, int limit, CancellationToken cancellation = default)
    {
        await using var connection = await OpenAsync(cancellation);
        await using var command = Command(connection,
            $"SELECT {InteractionColumns} FROM customer_interactions WHERE phone = @phone ORDER BY at DESC, call_id DESC LIMIT @limit",
            ("phone", phone), ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var interactions = new List<CustomerInteraction>();
        while (await reader.ReadAsync(cancellation))
            interactions.Add(new CustomerInteraction(reader.GetString(0), reader.GetString(1), ReadTimestamp(reader, 2),
                reader.IsDBNull(3) ? null : ReadTimestamp(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6),
                Text(reader, 7), Text(reader, 8)));
        return interactions;
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
