using static Microsoft.Playwright.Assertions;

namespace CallCenter.Web.Tests;

/// <summary>Call control from the desktop: hold, resume, blind transfer, and the agent's figures today.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CallControlSpecs(BrowserNode browser)
{
    private WebNode Node => browser.Node;

    [Fact]
    public async Task Agent_should_hold_resume_and_transfer_a_call_to_a_queue_from_the_desktop()
    {
        var page = await Desk.SignedInPageAsync(browser.Browser, Node, "1008");
        await page.ClickAsync("#ready");
        await Desk.ShowsStateAsync(page, "Ready");
        var callId = await Node.CallAsync("+441134960808", "transfers");
        await Desk.ShowsStateAsync(page, "Ringing");
        await page.ClickAsync("#answer");
        await Desk.ShowsStateAsync(page, "On call");

        await page.ClickAsync("#hold");
        await Desk.ShowsStateAsync(page, "On call (on hold)");
        await Expect(page.Locator("#call-heading")).ToHaveTextAsync("On hold");
        await page.ClickAsync("#resume");
        await Desk.ShowsStateAsync(page, "On call");

        await page.SelectOptionAsync("#transfer-kind", "queue");
        await page.FillAsync("#transfer-target", "parked");
        await page.ClickAsync("#transfer-button");

        await Desk.ShowsStateAsync(page, "Wrap-up");
        var call = await Node.SendAsync(HttpMethod.Get, $"/api/calls/{callId}");
        Assert.Equal("parked", call.Str("queueId"));
        await page.FillAsync("#disposition", "transferred");
        await page.ClickAsync("#wrap-up-done");
        await Desk.ShowsStateAsync(page, "Ready");
        await Expect(page.Locator("#calls-label")).ToHaveTextAsync("Calls today");
        await Expect(page.Locator("#calls-today")).ToHaveTextAsync("1");
        await Expect(page.Locator("#average-handle")).Not.ToHaveTextAsync("–");
        await Node.SendAsync(HttpMethod.Delete, $"/api/calls/{callId}");
        await page.Context.CloseAsync();
    }
}
