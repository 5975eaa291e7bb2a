using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CallCenter.Node.Auth;
using CallCenter.Node.Persistence;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;
using CallCenter.Node.Tests.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Data.Sqlite;

namespace CallCenter.Node.Tests.Auth;

/// <summary>
/// A node in-process with the sample definition on the persistence it is given. Two of them share nothing in
/// memory: whatever sign-in state they agree on comes through the database or the data directory.
/// </summary>
public sealed class SignInNode(IReadOnlyDictionary<string, string> settings) : NodeFactory
{
    /// <summary>
    /// The web role alone on the PostgreSQL of <c>CALLCENTER_TEST_POSTGRES</c>: it hosts no entity, so two such nodes
    /// share the database as web pods do without writing the same journal as two clusters.
    /// </summary>
    public static SignInNode WebOnPostgres(string? connectionString = null) => new(new Dictionary<string, string>
    {
        ["CallCenter:Cluster:Roles:0"] = "web",
        ["CallCenter:Persistence:Provider"] = "postgres",
        ["CallCenter:Persistence:ConnectionString"] = connectionString ?? PostgresPersistenceSpecs.ConnectionString,
    });

    /// <summary>The embedded default (all roles, SQLite) on <paramref name="dataDirectory"/>.</summary>
    public static SignInNode OnSqlite(string dataDirectory) =>
        new(new Dictionary<string, string> { ["CallCenter:Persistence:DataDirectory"] = dataDirectory });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
    }

    /// <summary>
    /// Signs <paramref name="agentId"/> in as a browser would, and answers what the browser then holds: its
    /// <c>Cookie</c> header (session and antiforgery cookies) and the CSRF token of the answer's body.
    /// </summary>
    public async Task<BrowserSession> SignInAsync(string agentId)
    {
        using var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Remove(AuthSchemes.ApiKeyHeader);
        using var response = await client.PostAsync(SessionApi.Path, JsonContent.Create(new { agentId, password = Sessions.DeskPassword(agentId) }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Str("csrfToken");
        return new BrowserSession(string.Join("; ", cookies), token,
            cookies.Single(c => c.StartsWith(AuthSchemes.SessionCookie + "=", StringComparison.Ordinal))[(AuthSchemes.SessionCookie.Length + 1)..]);
    }

    /// <summary>A client of this node that sends <paramref name="session"/>'s cookies and CSRF token, and no API key.</summary>
    public HttpClient Browser(BrowserSession session)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Remove(AuthSchemes.ApiKeyHeader);
        client.DefaultRequestHeaders.Add("Cookie", session.Cookies);
        client.DefaultRequestHeaders.Add(AuthSchemes.CsrfHeader, session.CsrfToken);
        return client;
    }
}

/// <summary>What a signed-in browser holds; <see cref="SessionCookie"/> is the session cookie's value alone.</summary>
public sealed record BrowserSession(string Cookies, string CsrfToken, string SessionCookie)
{
    /// <summary>
    /// The Data Protection key that protected the session cookie, by the name the key ring stores it under
    /// (<c>key-{id}</c>): a protected payload starts with a 4-byte magic header, then the key's id.
    /// </summary>
    public string KeyName => $"key-{new Guid(WebEncoders.Base64UrlDecode(SessionCookie).AsSpan(4, 16))}";
}

/// <summary>Where a test looks for a key: the shared tables, read with plain SQL rather than through the node.</summary>
internal static class KeyRing
{
    public static Task<bool> HoldsOnPostgresAsync(string keyName) =>
        HoldsAsync(new Npgsql.NpgsqlConnection(PostgresPersistenceSpecs.ConnectionString), keyName);

    /// <summary>The names of the keys in <paramref name="connectionString"/>'s table.</summary>
    public static async Task<IReadOnlyList<string>> NamesOnPostgresAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = SqlCommands.Command(connection, "SELECT friendly_name FROM data_protection_keys ORDER BY friendly_name");
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
            names.Add(reader.GetString(0));
        return names;
    }

    public static Task<bool> HoldsOnSqliteAsync(string dataDirectory, string keyName) =>
        HoldsAsync(new SqliteConnection(SqlCommands.SqliteConnectionString(Path.Combine(dataDirectory, SignInStateStore.SqliteFileName))), keyName);

    private static async Task<bool> HoldsAsync(DbConnection connection, string keyName)
    {
        await using (connection)
        {
            await connection.OpenAsync();
            await using var command = SqlCommands.Command(connection, "SELECT xml FROM data_protection_keys WHERE friendly_name = @name", ("name", keyName));
            return await command.ExecuteScalarAsync() is string xml && xml.Contains("<key ", StringComparison.Ordinal);
        }
    }
}
