using static Microsoft.Playwright.Assertions;

namespace CallCenter.Web.Tests;

/// <summary>The supervisor wallboard in headless Chromium: figures and agents' states live from the hub.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WallboardSpecs(BrowserNode browser)
{
    private WebNode Node => browser.Node;

    [Fact]
    public async Task Waiting_count_should_go_up_and_down_live_without_reloading()
    {
        var page = await Desk.SignedInPageAsync(browser.Browser, Node, "9001");
        Assert.EndsWith("/wallboard.html", page.Url);
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        var waiting = page.Locator("#queues tr[data-queue='sales'] td.waiting");
        await Expect(waiting).ToHaveTextAsync("0");

        var first = await Node.CallAsync("+441134960101", "sales");
        var second = await Node.CallAsync("+441134960102", "sales");
        await Expect(waiting).ToHaveTextAsync("2");
        await Node.SetStateAsync("1006", "not-ready", "break");
        await Desk.ScreenshotAsync(page, "wallboard-two-waiting.png");

        await Node.SetStateAsync("1005", "ready");
        await Expect(page.Locator("#agents tr[data-agent='1005']")).ToContainTextAsync("Ringing");
        await Node.SendAsync(HttpMethod.Post, "/api/agents/1005/answer");
        await Expect(waiting).ToHaveTextAsync("1");
        await Expect(page.Locator("#queues tr[data-queue='sales'] td.count-on-call")).ToHaveTextAsync("1");
        await Expect(page.Locator("#agents tr[data-agent='1005'] td.current-call")).ToHaveTextAsync("+441134960101 · sales");
        await Desk.ScreenshotAsync(page, "wallboard.png");

        await Node.SendAsync(HttpMethod.Delete, $"/api/calls/{second}");
        await Expect(waiting).ToHaveTextAsync("0");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await Node.SendAsync(HttpMethod.Delete, $"/api/calls/{first}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Supervisor_should_force_an_agent_not_ready_from_the_wallboard()
    {
        await Node.SetStateAsync("1007", "ready");
        var page = await Desk.SignedInPageAsync(browser.Browser, Node, "9001");
        var row = page.Locator("#agents tr[data-agent='1007']");
        await Expect(row).ToContainTextAsync("Ready");

        await row.Locator("button[data-action='not-ready']").ClickAsync();

        await Expect(row).ToContainTextAsync("Not ready (supervisor)");
        var view = await Node.SendAsync(HttpMethod.Get, "/api/agents/1007");
        Assert.Equal("supervisor", view.Str("reason"));
        await page.Context.CloseAsync();
    }
}
