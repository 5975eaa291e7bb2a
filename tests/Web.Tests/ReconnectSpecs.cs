using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Web.Tests;

/// <summary>
/// Honest state: a desktop whose server restarted says so while it is down, shows nothing it cannot vouch for,
/// and after reconnecting shows the server's state, including what changed while it was away.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectSpecs(BrowserNode browser) : IAsyncLifetime
{
    private const string Agent = "1004";
    private readonly string _data = Directory.CreateTempSubdirectory("callcenter-web-restart-").FullName;
    private readonly int _port = WebNode.FreePort();
    private string _definition = "";
    private WebNode _node = null!;

    public async Task InitializeAsync()
    {
        _definition = TestDefinition.WriteTo(_data);
        _node = await StartNodeAsync();
    }

    private Task<WebNode> StartNodeAsync() => WebNode.StartAsync(_port, Path.Combine(_data, "journal"), _definition);

    [Fact]
    public async Task Desktop_should_reconnect_after_a_server_restart_and_show_the_state_set_meanwhile()
    {
        var page = await ReadyDesktopAsync();

        await RestartWhileThePageCannotReconnectAsync(page, () => _node.SetStateAsync(Agent, "not-ready", "break"));

        await Desk.ShowsStateAsync(page, "Not ready (break)");
        await Expect(page.Locator("#connection-banner")).ToBeHiddenAsync();
        await Expect(page.Locator("#ready")).ToBeEnabledAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Call_offered_while_the_desktop_was_disconnected_should_pop_once_it_is_back()
    {
        var page = await ReadyDesktopAsync();

        await RestartWhileThePageCannotReconnectAsync(page, () => _node.CallAsync("+441134960404", "restart", new() { ["account"] = "404" }));

        await Desk.ShowsStateAsync(page, "Ringing");
        await Expect(page.Locator("#caller-number")).ToHaveTextAsync("+441134960404");
        await Expect(page.Locator("#call-variables")).ToContainTextAsync("404");
        await page.ClickAsync("#answer");
        await Desk.ShowsStateAsync(page, "On call");
        await page.Context.CloseAsync();
    }

    private async Task<IPage> ReadyDesktopAsync()
    {
        var page = await Desk.SignedInPageAsync(browser.Browser, _node, Agent);
        await page.ClickAsync("#ready");
        await Desk.ShowsStateAsync(page, "Ready");
        return page;
    }

    /// <summary>
    /// Stops the node (the page must say it is down), starts it again on the same port and data, and does
    /// <paramref name="meanwhile"/> while the page's hub reconnection is held back, so that the change surely
    /// happens while the page is away; then lets the page reconnect.
    /// </summary>
    private async Task RestartWhileThePageCannotReconnectAsync(IPage page, Func<Task> meanwhile)
    {
        await page.RouteAsync("**/hubs/agents/negotiate**", route => route.AbortAsync());
        await _node.DisposeAsync();
        await Expect(page.Locator("#connection-banner")).ToContainTextAsync("reconnecting", new() { IgnoreCase = true });
        await Desk.ShowsStateAsync(page, "Not connected");
        await Expect(page.Locator("#ready")).ToBeDisabledAsync();

        _node = await StartNodeAsync();
        await meanwhile();
        await Desk.ShowsStateAsync(page, "Not connected");
        await page.UnrouteAsync("**/hubs/agents/negotiate**");
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { /* a pooled handle still open: the OS temp cleaner gets it */ }
    }
}
