using System.Net;
using CallCenter.Node.Web;

namespace CallCenter.Web.Tests;

/// <summary>The pages are static files anyone may load; their headers keep scripts to our own and caches honest.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PagesSpecs(BrowserNode browser)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/desktop.html")]
    [InlineData("/wallboard.html")]
    public async Task Page_should_be_served_without_sign_in_with_a_content_security_policy(string path)
    {
        using var anonymous = new HttpClient { BaseAddress = browser.Node.Address };

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(WebClientSetup.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task SignalR_browser_client_should_be_served_from_lib()
    {
        using var anonymous = new HttpClient { BaseAddress = browser.Node.Address };

        var script = await anonymous.GetStringAsync("/lib/signalr.min.js");

        Assert.Contains("HubConnectionBuilder", script);
    }
}
