using System.Net;
using CallCenter.Node.Auth;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;

namespace CallCenter.Node.Tests.Auth;

/// <summary>Cookie-authenticated POST, PUT and DELETE carry the session's X-CSRF-Token; key-authenticated ones need none.</summary>
public sealed class CsrfSpecs(NodeFactory node) : IClassFixture<NodeFactory>
{
    [Fact]
    public async Task Cookie_post_without_the_token_should_be_a_403_problem()
    {
        var alice = await node.SignInAsync("1001", csrfHeader: false);

        var (status, body) = await alice.Client.PostAsync("/api/agents/1001/state", new { state = "ready" });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains(AuthSchemes.CsrfHeader, body.Str("detail"));
    }

    [Fact]
    public async Task Cookie_post_with_the_token_should_be_accepted()
    {
        var alice = await node.SignInAsync("1001", csrfHeader: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/agents/1001/state")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { state = "ready" }),
        };
        request.Headers.Add(AuthSchemes.CsrfHeader, alice.CsrfToken);

        using var response = await alice.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_of_another_agents_session_should_be_refused()
    {
        var alice = await node.SignInAsync("1001", csrfHeader: false);
        var bob = await node.SignInAsync("1002");
        alice.Client.DefaultRequestHeaders.Add(AuthSchemes.CsrfHeader, bob.CsrfToken);

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.PostAsync("/api/agents/1001/state", new { state = "ready" })).Status);
    }

    [Fact]
    public async Task Token_of_get_session_should_be_accepted_too()
    {
        var alice = await node.SignInAsync("1001", csrfHeader: false);
        var token = (await alice.Client.GetJsonAsync(SessionApi.Path)).Body.Str("csrfToken");
        alice.Client.DefaultRequestHeaders.Add(AuthSchemes.CsrfHeader, token);

        Assert.Equal(HttpStatusCode.OK, (await alice.Client.PostAsync("/api/agents/1001/state", new { state = "ready" })).Status);
    }

    [Fact]
    public async Task Cookie_sign_out_without_the_token_should_be_a_403()
    {
        var alice = await node.SignInAsync("1001", csrfHeader: false);

        Assert.Equal(HttpStatusCode.Forbidden, (await alice.Client.SendAsync(HttpMethod.Delete, SessionApi.Path)).Status);
        Assert.Equal(HttpStatusCode.OK, (await alice.Client.GetJsonAsync(SessionApi.Path)).Status);
    }

    [Fact]
    public async Task Key_post_without_a_token_should_be_accepted()
    {
        var key = await node.ReadyClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await key.PostAsync("/api/agents/1003/state", new { state = "ready" })).Status);
    }
}
