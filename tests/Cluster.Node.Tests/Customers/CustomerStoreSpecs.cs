using CallCenter.Node.Customers;
using CallCenter.Node.Tests.Persistence;

namespace CallCenter.Node.Tests.Customers;

/// <summary>The same specifications of the directory's store on each database it runs on.</summary>
public abstract class CustomerStoreSpecs
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A number no other spec (or earlier run on a shared database) uses.</summary>
    private readonly string _phone = "+1555" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);

    protected abstract ICustomerStore Store { get; }

    private static CustomerInteraction Interaction(string callId, string phone, DateTimeOffset at, string? disposition = null) =>
        new(callId, phone, at, at.AddMinutes(3), "completed", "sales", "1001", disposition, null);

    [Fact]
    public async Task Store_should_insert_then_update_a_customer_by_phone()
    {
        await Store.EnsureCreatedAsync();

        var created = await Store.UpsertAsync(new Customer(_phone, "Ada Example", "A-1", null, T0));
        var updated = await Store.UpsertAsync(new Customer(_phone, "Ada Example-Lovelace", "A-2", "prefers email", T0.AddDays(1)));

        Assert.Equal((true, false), (created, updated));
        Assert.Equal(new Customer(_phone, "Ada Example-Lovelace", "A-2", "prefers email", T0.AddDays(1)), await Store.FindAsync(_phone));
    }

    [Fact]
    public async Task Store_should_find_nothing_for_an_unknown_number()
    {
        await Store.EnsureCreatedAsync();

        Assert.Null(await Store.FindAsync(_phone));
    }

    [Fact]
    public async Task Store_should_count_new_records_of_a_batch_once_even_when_a_number_repeats()
    {
        await Store.EnsureCreatedAsync();
        var other = _phone + "1";

        var inserted = await Store.UpsertAllAsync(
            [new Customer(_phone, "First", null, null, T0), new Customer(other, "Second", null, null, T0), new Customer(_phone, "First again", null, null, T0)]);

        Assert.Equal(2, inserted);
        Assert.Equal("First again", (await Store.FindAsync(_phone))!.Name);
    }

    [Fact]
    public async Task Store_should_list_interactions_newest_first_up_to_the_limit()
    {
        await Store.EnsureCreatedAsync();
        var id = Guid.NewGuid().ToString("N");
        await Store.RecordInteractionAsync(Interaction($"{id}-1", _phone, T0));
        await Store.RecordInteractionAsync(Interaction($"{id}-3", _phone, T0.AddHours(2)));
        await Store.RecordInteractionAsync(Interaction($"{id}-2", _phone, T0.AddHours(1)));

        var history = await Store.InteractionsAsync(_phone, 2);

        Assert.Equal([$"{id}-3", $"{id}-2"], history.Select(i => i.CallId));
        Assert.Equal(Interaction($"{id}-3", _phone, T0.AddHours(2)), history[0]);
    }

    [Fact]
    public async Task Store_should_keep_one_interaction_per_call_and_take_a_later_disposition()
    {
        await Store.EnsureCreatedAsync();
        var call = Guid.NewGuid().ToString("N");
        await Store.RecordInteractionAsync(Interaction(call, _phone, T0));
        await Store.RecordInteractionAsync(Interaction(call, _phone, T0, disposition: "sold") with { Notes = "two licences" });

        var only = Assert.Single(await Store.InteractionsAsync(_phone, 10));

        Assert.Equal(("sold", "two licences", "1001"), (only.Disposition, only.Notes, only.AgentId));
    }
}

public sealed class SqliteCustomerStoreSpecs : CustomerStoreSpecs, IDisposable
{
    private readonly TempDirectory _directory = new();

    public SqliteCustomerStoreSpecs() => Store = new SqliteCustomerStore(_directory.File(SqliteCustomerStore.FileName));

    protected override ICustomerStore Store { get; }

    public void Dispose() => _directory.Dispose();
}

/// <summary>On the PostgreSQL of <c>CALLCENTER_TEST_POSTGRES</c> (unset is a failure, as for the journal's specs).</summary>
public sealed class PostgresCustomerStoreSpecs : CustomerStoreSpecs, IDisposable
{
    private readonly PostgresCustomerStore _store = new(PostgresPersistenceSpecs.ConnectionString);

    protected override ICustomerStore Store => _store;

    public void Dispose() => _store.Dispose();
}
