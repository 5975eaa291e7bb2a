using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace CallCenter.Web.Tests;

/// <summary>Every browser test runs in this collection, one at a time: a headless Chromium and a node they share.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserNode>
{
    public const string Name = "browser";
}

/// <summary>
/// Headless Chromium (the machine's, <see cref="ChromiumPath"/>; Playwright cannot download one here) and a node
/// on a loopback port. Each test opens its own browser contexts (its own cookies) and uses its own agents and queue.
/// </summary>
public sealed class BrowserNode : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumFlags =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly string _data = Directory.CreateTempSubdirectory("callcenter-web-tests-").FullName;
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;

    public WebNode Node { get; private set; } = null!;

    /// <summary>Where the tests save what the pages looked like (test artifacts).</summary>
    public static string ScreenshotsFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(Desk.ShowsWithinMs);
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
        Node = await WebNode.StartAsync(WebNode.FreePort(), Path.Combine(_data, "journal"), TestDefinition.WriteTo(_data));
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumFlags });

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { /* a pooled handle still open: the OS temp cleaner gets it */ }
    }
}

/// <summary>What the tests do through the browser and, for their own setup, through the API with the key.</summary>
public static class Desk
{
    /// <summary>How long a page may take to show what the server pushed (queue views come at most once a second).</summary>
    public const float ShowsWithinMs = 10_000;

    /// <summary>A new browser context (its own cookies) with one page, signed in as the agent through the sign-in page.</summary>
    public static async Task<IPage> SignedInPageAsync(IBrowser browser, WebNode node, string agentId)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = node.Address.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        var page = await context.NewPageAsync();
        await SignInAsync(page, agentId);
        return page;
    }

    public static async Task SignInAsync(IPage page, string agentId)
    {
        await page.GotoAsync("/");
        await page.FillAsync("#agent-id", agentId);
        await page.FillAsync("#password", TestDefinition.PasswordOf(agentId));
        await page.ClickAsync("#sign-in-button");
        try
        {
            // Commit, not load: the page proves itself ready by going live (below), and a load event held back by a
            // slow subresource on a busy machine is not what this waits for.
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("(desktop|wallboard)\\.html"),
                new() { WaitUntil = WaitUntilState.Commit, Timeout = SignInWithinMs });
        }
        catch (TimeoutException e)
        {
            // Say what the sign-in page showed instead, and keep a picture of it.
            var shown = await page.Locator("#error").IsVisibleAsync() ? await page.Locator("#error").TextContentAsync() : "no error";
            await ScreenshotAsync(page, $"sign-in-{agentId}-failed.png");
            throw new TimeoutException($"signing in as {agentId} did not reach the desktop within {SignInWithinMs} ms; the page is {page.Url}, showing '{shown}'", e);
        }
        await WaitLiveAsync(page);
    }

    /// <summary>How long signing in may take to open the role's page (a busy machine runs other suites beside this one).</summary>
    public const float SignInWithinMs = 45_000;

    /// <summary>Waits until the page has read the state from the server over a connected hub.</summary>
    public static Task WaitLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\blive\\b"), new() { Timeout = ShowsWithinMs });

    public static Task ShowsStateAsync(IPage page, string label) =>
        Assertions.Expect(page.Locator("#state-label")).ToHaveTextAsync(label, new() { Timeout = ShowsWithinMs });

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserNode.ScreenshotsFolder, name), FullPage = true });

    public static async Task<JsonElement> SendAsync(this WebNode node, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await node.Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A virtual call into a queue; answers the call's id.</summary>
    public static async Task<string> CallAsync(this WebNode node, string from, string queue, Dictionary<string, string>? variables = null) =>
        (await node.SendAsync(HttpMethod.Post, "/api/calls", new { from, queue, variables = variables ?? [] })).GetProperty("id").GetString()!;

    public static Task SetStateAsync(this WebNode node, string agentId, string state, string? reason = null) =>
        node.SendAsync(HttpMethod.Post, $"/api/agents/{agentId}/state", reason is null ? new { state } : new { state, reason });
}
