namespace CallCenter.Node.Customers;

/// <summary>Customer records and their call history, in SQLite next to the journal or in the journal's PostgreSQL database.</summary>
public interface ICustomerStore
{
    /// <summary>Creates the tables if they are missing; safe to call again.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellation = default);

    /// <summary>The record for a normalised <paramref name="phone"/>, or null.</summary>
    Task<Customer?> FindAsync(string phone, CancellationToken cancellation = default);

    /// <summary>Inserts or replaces the record; true when it was new.</summary>
    Task<bool> UpsertAsync(Customer customer, CancellationToken cancellation = default);

    /// <summary>Inserts or replaces many records in one transaction; the number that were new.</summary>
    Task<int> UpsertAllAsync(IReadOnlyList<Customer> customers, CancellationToken cancellation = default);

    /// <summary>Records the interaction, or updates the one with the same call id (a disposition set after the end).</summary>
    Task RecordInteractionAsync(CustomerInteraction interaction, CancellationToken cancellation = default);

    /// <summary>The number's interactions, newest arrival first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<CustomerInteraction>> InteractionsAsync(string phone, int limit, CancellationToken cancellation = default);
}
