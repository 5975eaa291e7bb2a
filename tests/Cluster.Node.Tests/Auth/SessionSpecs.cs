using System.Net;
using CallCenter.Node.Auth;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CallCenter.Node.Tests.Auth;

/// <summary>Signing in, staying signed in, signing out: <c>/api/session</c> with the sample agents' web passwords.</summary>
public sealed class SessionSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    private async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> SignInAsync(string agentId, string password)
    {
        var client = await node.ReadyClientAsync();
        client.DefaultRequestHeaders.Remove(AuthSchemes.ApiKeyHeader);
        return await client.PostAsync(SessionApi.Path, new { agentId, password });
    }

    [Fact]
    public async Task Sign_in_should_answer_the_agent_its_role_queues_and_a_csrf_token()
    {
        var (status, body) = await SignInAsync("1003", "desk-1003");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("1003", "Carol White", "agent", "london"), (body.Str("agentId"), body.Str("name"), body.Str("role"), body.Str("site")));
        Assert.Equal(["sales", "general"], body.GetProperty("queues").EnumerateArray().Select(q => q.GetString()!).ToList());
        Assert.False(string.IsNullOrEmpty(body.Str("csrfToken")));
    }

    [Fact]
    public async Task Sign_in_should_set_an_http_only_same_site_strict_session_cookie()
    {
        await node.ReadyClientAsync();
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Remove(AuthSchemes.ApiKeyHeader);

        using var response = await client.PostAsync(SessionApi.Path, System.Net.Http.Json.JsonContent.Create(new { agentId = "1003", password = "desk-1003" }));

        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(AuthSchemes.SessionCookie + "="));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_agent_should_get_the_same_401_problem()
    {
        var wrong = await SignInAsync("1005", "desk-1004");
        var unknown = await SignInAsync("7777", "desk-7777");
        var phonePassword = await SignInAsync("1005", "emma-secret");

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal((wrong.Status, wrong.Body.Str("title"), wrong.Body.Str("detail")), (unknown.Status, unknown.Body.Str("title"), unknown.Body.Str("detail")));
        Assert.Equal(HttpStatusCode.Unauthorized, phonePassword.Status);
        Assert.Equal("Unknown agent or wrong password.", wrong.Body.Str("detail"));
    }

    [Fact]
    public async Task Sign_in_without_a_password_should_be_a_400_naming_the_field()
    {
        var client = node.CreateAnonymousClient();
        await node.ReadyClientAsync();

        var (status, body) = await client.PostAsync(SessionApi.Path, new { agentId = "1001" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Fact]
    public async Task Cookie_should_authenticate_later_requests_and_get_session_should_answer_who()
    {
        var alice = await node.SignInAsync("1001");

        var (agentStatus, agent) = await alice.Client.GetJsonAsync("/api/agents/1001");
        var (sessionStatus, session) = await alice.Client.GetJsonAsync(SessionApi.Path);

        Assert.Equal(HttpStatusCode.OK, agentStatus);
        Assert.Equal("1001", agent.Str("agentId"));
        Assert.Equal(HttpStatusCode.OK, sessionStatus);
        Assert.Equal(("1001", "agent"), (session.Str("agentId"), session.Str("role")));
        Assert.False(string.IsNullOrEmpty(session.Str("csrfToken")));
    }

    [Fact]
    public async Task Get_session_should_be_401_when_not_signed_in()
    {
        await node.ReadyClientAsync();

        var (status, body) = await node.CreateAnonymousClient().GetJsonAsync(SessionApi.Path);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(401, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Sign_out_should_end_the_session()
    {
        var bob = await node.SignInAsync("1002");

        var (status, _) = await bob.Client.SendAsync(HttpMethod.Delete, SessionApi.Path);

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bob.Client.GetJsonAsync(SessionApi.Path)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bob.Client.GetJsonAsync("/api/agents/1002")).Status);
    }

    [Fact]
    public async Task Copy_of_the_cookie_taken_before_sign_out_should_be_refused_after_it()
    {
        await node.ReadyClientAsync();
        using var browser = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        browser.DefaultRequestHeaders.Remove(AuthSchemes.ApiKeyHeader);
        using var signIn = await browser.PostAsync(SessionApi.Path, System.Net.Http.Json.JsonContent.Create(new { agentId = "1006", password = "desk-1006" }));
        var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = System.Text.Json.JsonDocument.Parse(await signIn.Content.ReadAsStringAsync()).RootElement.Str("csrfToken");
        browser.DefaultRequestHeaders.Add("Cookie", cookies);
        browser.DefaultRequestHeaders.Add(AuthSchemes.CsrfHeader, token);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetJsonAsync("/api/agents/1006")).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(HttpMethod.Delete, SessionApi.Path)).Status);

        // The browser would drop the cookie; a copy of it (still sent here) must not work either.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetJsonAsync("/api/agents/1006")).Status);
        var again = await node.SignInAsync("1006");
        Assert.Equal(HttpStatusCode.OK, (await again.Client.GetJsonAsync("/api/agents/1006")).Status);
    }

    [Fact]
    public async Task Key_should_be_an_admin_named_api_key()
    {
        var client = await node.ReadyClientAsync();

        var (status, session) = await client.GetJsonAsync(SessionApi.Path);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("api-key", "admin", ""), (session.Str("name"), session.Str("role"), session.Str("agentId")));
    }

    [Fact]
    public async Task Five_wrong_passwords_should_hold_the_agent_off_with_429()
    {
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync("2004", "guess-" + i)).Status);

        var (status, body) = await SignInAsync("2004", "desk-2004");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(429, body.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync("2003", "desk-2003")).Status);
    }
}
