using System.Net;
using CallCenter.Node.Auth;
using CallCenter.Node.Tests.Api;
using CallCenter.Node.Tests.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CallCenter.Node.Tests.Auth;

/// <summary>An agent signed in through <c>POST /api/session</c>, as a browser would be.</summary>
internal sealed record SignedIn(HttpClient Client, string CsrfToken, string SessionCookie);

internal static class Sessions
{
    /// <summary>The sample definition's web passwords.</summary>
    public static string DeskPassword(string agentId) => $"desk-{agentId}";

    /// <summary>
    /// Signs <paramref name="agentId"/> in on a cookie-keeping client; with <paramref name="csrfHeader"/> the
    /// client sends the session's token with every request, as the pages do.
    /// </summary>
    public static async Task<SignedIn> SignInAsync(this NodeFactory node, string agentId, bool csrfHeader = true)
    {
        await node.ReadyClientAsync();
        var client = node.CreateAnonymousClient();
        var (status, body) = await client.PostAsync(SessionApi.Path, new { agentId, password = DeskPassword(agentId) });
        Assert.Equal(HttpStatusCode.OK, status);
        var token = body.Str("csrfToken");
        if (csrfHeader)
            client.DefaultRequestHeaders.Add(AuthSchemes.CsrfHeader, token);
        return new SignedIn(client, token, await SessionCookieAsync(node, agentId));
    }

    /// <summary>The <c>Cookie</c> header value a browser signed in as <paramref name="agentId"/> sends (for the hub).</summary>
    public static async Task<string> SessionCookieAsync(this NodeFactory node, string agentId)
    {
        using var client = node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Remove(AuthSchemes.ApiKeyHeader);
        using var response = await client.PostAsync(SessionApi.Path, System.Net.Http.Json.JsonContent.Create(new { agentId, password = DeskPassword(agentId) }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]);
        return string.Join("; ", cookies);
    }
}
