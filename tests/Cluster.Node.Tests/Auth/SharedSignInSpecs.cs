using System.Net;
using System.Text;
using CallCenter.Node.Auth;
using CallCenter.Node.Persistence;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Persistence;

namespace CallCenter.Node.Tests.Auth;

/// <summary>Two web nodes on one PostgreSQL, as the web Deployment's pods are; a customer row the specs import is removed after.</summary>
public sealed class TwoWebNodes : IAsyncLifetime
{
    /// <summary>A number no other test uses.</summary>
    public const string Phone = "+15550197331";

    public SignInNode A { get; } = SignInNode.WebOnPostgres();
    public SignInNode B { get; } = SignInNode.WebOnPostgres();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await using var connection = new Npgsql.NpgsqlConnection(PostgresPersistenceSpecs.ConnectionString);
        await connection.OpenAsync();
        await using var delete = SqlCommands.Command(connection, "DELETE FROM customers WHERE phone = @phone", ("phone", Phone));
        await delete.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A browser signed in on one web node is signed in on the other, and signed out on both. Each test also finds the
/// key that protected the cookie in the shared table, so a key ring both nodes happened to share another way (the
/// user's <c>~/.aspnet</c> folder) cannot make it pass.
/// </summary>
public sealed class SharedSignInSpecs(TwoWebNodes nodes) : IClassFixture<TwoWebNodes>
{
    private SignInNode A => nodes.A;
    private SignInNode B => nodes.B;

    [Fact]
    public async Task Cookie_and_csrf_token_issued_by_one_web_node_should_be_accepted_by_another()
    {
        var admin = await A.SignInAsync("9901");
        using var onB = B.Browser(admin);

        var (sessionStatus, session) = await onB.GetJsonAsync(SessionApi.Path);
        using var import = await onB.PostAsync("/api/customers/import",
            new StringContent($"phone,name,account,notes\n{TwoWebNodes.Phone},Shared Keyring,,\n", Encoding.UTF8, "text/csv"));

        Assert.Equal((HttpStatusCode.OK, "9901"), (sessionStatus, session.Str("agentId")));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.True(await KeyRing.HoldsOnPostgresAsync(admin.KeyName), $"{admin.KeyName} protected the cookie but is not in data_protection_keys");
    }

    [Fact]
    public async Task Session_signed_out_on_one_web_node_should_be_refused_by_another()
    {
        var agent = await A.SignInAsync("1004");
        using var onA = A.Browser(agent);
        using var onB = B.Browser(agent);
        Assert.Equal(HttpStatusCode.OK, (await onA.GetJsonAsync(SessionApi.Path)).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await onB.SendAsync(HttpMethod.Delete, SessionApi.Path)).Status);

        // A may trust its answer of a moment ago for one cache window; after it, the copy is refused.
        var deadline = DateTime.UtcNow + SignedOutSessions.CacheWindow + TimeSpan.FromSeconds(3);
        var status = HttpStatusCode.OK;
        while (DateTime.UtcNow < deadline && (status = (await onA.GetJsonAsync(SessionApi.Path)).Status) == HttpStatusCode.OK)
            await Task.Delay(100);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(await KeyRing.HoldsOnPostgresAsync(agent.KeyName), $"{agent.KeyName} protected the cookie but is not in data_protection_keys");
    }
}

/// <summary>The embedded single node: a restart on the same data directory keeps its agents signed in, and signed out.</summary>
public sealed class SignInAcrossRestartSpecs : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Node_restarted_on_the_same_data_directory_should_accept_a_cookie_issued_before_the_restart()
    {
        BrowserSession agent;
        await using (var before = SignInNode.OnSqlite(_data.Path))
            agent = await before.SignInAsync("1002");

        await using var after = SignInNode.OnSqlite(_data.Path);
        using var browser = after.Browser(agent);
        var (status, session) = await browser.GetJsonAsync(SessionApi.Path);

        Assert.Equal((HttpStatusCode.OK, "1002"), (status, session.Str("agentId")));
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(HttpMethod.Delete, SessionApi.Path)).Status);
        Assert.True(await KeyRing.HoldsOnSqliteAsync(_data.Path, agent.KeyName), $"{agent.KeyName} protected the cookie but is not in {SignInStateStore.SqliteFileName}");
    }

    [Fact]
    public async Task Session_signed_out_before_a_restart_should_stay_refused_after_it()
    {
        BrowserSession agent;
        await using (var before = SignInNode.OnSqlite(_data.Path))
        {
            agent = await before.SignInAsync("1003");
            using var browser = before.Browser(agent);
            Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(HttpMethod.Delete, SessionApi.Path)).Status);
        }

        await using var after = SignInNode.OnSqlite(_data.Path);
        using var copy = after.Browser(agent);
        var other = await after.SignInAsync("1003");
        using var signedInAgain = after.Browser(other);

        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetJsonAsync(SessionApi.Path)).Status);
        Assert.Equal(HttpStatusCode.OK, (await signedInAgain.GetJsonAsync(SessionApi.Path)).Status);
    }

    public void Dispose() => _data.Dispose();
}
