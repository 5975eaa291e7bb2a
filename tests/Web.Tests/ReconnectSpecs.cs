using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Web.Tests;

/// <summary>Honest state: a desktop whose server restarted says so while it is down, and afterwards shows the server's state.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectSpecs(BrowserNode browser)
{
    [Fact]
    public async Task Desktop_should_reconnect_after_a_server_restart_and_show_the_state_set_meanwhile()
    {
        var data = Directory.CreateTempSubdirectory("callcenter-web-restart-").FullName;
        var definition = TestDefinition.WriteTo(data);
        var port = WebNode.FreePort();
        var node = await WebNode.StartAsync(port, Path.Combine(data, "journal"), definition);
        try
        {
            var page = await Desk.SignedInPageAsync(browser.Browser, node, "1004");
            await page.ClickAsync("#ready");
            await Desk.ShowsStateAsync(page, "Ready");

            await node.DisposeAsync();
            await Expect(page.Locator("#connection-banner")).ToBeVisibleAsync();
            await Expect(page.Locator("#connection-banner")).ToContainTextAsync("reconnecting", new() { IgnoreCase = true });
            await Desk.ShowsStateAsync(page, "Not connected");
            await Expect(page.Locator("#ready")).ToBeDisabledAsync();

            node = await WebNode.StartAsync(port, Path.Combine(data, "journal"), definition);
            await node.SetStateAsync("1004", "not-ready", "break");

            await Desk.ShowsStateAsync(page, "Not ready (break)");
            await Expect(page.Locator("#connection-banner")).ToBeHiddenAsync();
            await Expect(page.Locator("#ready")).ToBeEnabledAsync();
            await page.Context.CloseAsync();
        }
        finally
        {
            await node.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { /* a pooled handle still open: the OS temp cleaner gets it */ }
        }
    }
}
