using System.Security.Claims;
using CallCenter.Node.Auth;
using CallCenter.Node.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallCenter.Node.Tests.Auth;

/// <summary>The shared sign-in state's store, the same specs on SQLite and on PostgreSQL.</summary>
public abstract class SignInStateStoreSpecs
{
    protected abstract SignInStateStore Store { get; }

    private static readonly DateTimeOffset At = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    private static string NewSession() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Signed_out_session_should_stay_ended_until_its_cookie_would_expire()
    {
        var session = NewSession();

        await Store.EndSessionAsync(session, expires: At.AddHours(12), now: At);

        Assert.True(await Store.HasEndedAsync(session, At.AddHours(12)));
        Assert.False(await Store.HasEndedAsync(session, At.AddHours(12).AddTicks(1)));
        Assert.False(await Store.HasEndedAsync(NewSession(), At));
    }

    [Fact]
    public async Task Next_sign_out_should_prune_the_expired_ones()
    {
        var expired = NewSession();
        await Store.EndSessionAsync(expired, expires: At.AddMinutes(1), now: At);

        await Store.EndSessionAsync(NewSession(), expires: At.AddHours(12), now: At.AddMinutes(2));

        // Asked as of a time it was still valid: gone from the table, not merely past its expiry.
        Assert.False(await Store.HasEndedAsync(expired, At));
    }

    [Fact]
    public void Key_should_be_stored_once_under_its_name_and_read_back_in_order()
    {
        Store.EnsureCreated();
        Store.AddKey("key-1", "<key id=\"1\" />", At);
        Store.AddKey("key-2", "<key id=\"2\" />", At.AddDays(1));
        Store.AddKey("key-1", "<key id=\"other\" />", At.AddDays(2));

        Assert.Equal(["<key id=\"1\" />", "<key id=\"2\" />"], Store.Keys());
    }
}

public sealed class SqliteSignInStateStoreSpecs : SignInStateStoreSpecs, IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public SqliteSignInStateStoreSpecs()
    {
        Store = SignInStateStore.For(new PersistenceOptions { DataDirectory = _data.Path });
        Store.EnsureCreated();
    }

    protected override SignInStateStore Store { get; }

    [Fact]
    public void Store_should_live_in_the_data_directory() =>
        Assert.Equal(_data.File(SignInStateStore.SqliteFileName), Store.Location);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        _data.Dispose();
    }
}

/// <summary>On a <see cref="ScratchSchema"/> of the PostgreSQL of <c>CALLCENTER_TEST_POSTGRES</c>: made-up keys stay out of the shared ring.</summary>
public sealed class PostgresSignInStateStoreSpecs : SignInStateStoreSpecs, IAsyncLifetime
{
    private ScratchSchema _schema = null!;
    private SignInStateStore? _store;

    protected override SignInStateStore Store => _store!;

    public async Task InitializeAsync()
    {
        _schema = await ScratchSchema.CreateAsync();
        _store = SignInStateStore.For(_schema.Persistence);
        _store.EnsureCreated();
    }

    [Fact]
    public void Creating_the_tables_again_should_be_harmless() => Store.EnsureCreated();

    [Fact]
    public async Task Unreachable_database_should_keep_sessions_signed_in_and_this_node_s_sign_outs_refused()
    {
        await using var away = SignInStateStore.For(new PersistenceOptions
        {
            Provider = PersistenceProvider.Postgres,
            // Nothing listens on port 1 of loopback: every connection is refused at once.
            ConnectionString = "Host=127.0.0.1;Port=1;Username=callcenter;Password=callcenter;Database=callcenter_test;Timeout=2",
        });
        var sessions = new SignedOutSessions(away, TimeProvider.System, NullLogger<SignedOutSessions>.Instance);
        var signedIn = Agent();
        var signedOut = Agent();

        await sessions.EndAsync(signedOut);

        Assert.False(await sessions.HasEndedAsync(signedIn));
        Assert.True(await sessions.HasEndedAsync(signedOut));
    }

    private static ClaimsPrincipal Agent() => new(new ClaimsIdentity([SignedOutSessions.NewSessionClaim()], AuthSchemes.Cookie));

    public async Task DisposeAsync()
    {
        if (_store is not null)
            await _store.DisposeAsync();
        await _schema.DisposeAsync();
    }
}
