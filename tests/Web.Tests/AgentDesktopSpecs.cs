using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Web.Tests;

/// <summary>The agent desktop in headless Chromium against a real node: screen pop, call control, wrap-up, tabs, encoding.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AgentDesktopSpecs(BrowserNode browser)
{
    private WebNode Node => browser.Node;

    [Fact]
    public async Task Agent_should_see_the_screen_pop_answer_hang_up_and_wrap_up_into_the_customers_history()
    {
        const string caller = "+441134960001";
        await Node.SendAsync(HttpMethod.Put, $"/api/customers/{caller}", new { name = "Jane Customer", account = "ACC-42", notes = "Prefers e-mail." });
        var page = await Desk.SignedInPageAsync(browser.Browser, Node, "1001");
        await Desk.ShowsStateAsync(page, "Logged out");

        await page.ClickAsync("#ready");
        await Desk.ShowsStateAsync(page, "Ready");
        var callId = await Node.CallAsync(caller, "billing", new() { ["account"] = "77001234" });

        await Expect(page.Locator("#call-heading")).ToHaveTextAsync("Incoming call");
        await Expect(page.Locator("#caller-number")).ToHaveTextAsync(caller);
        await Expect(page.Locator("#customer-name")).ToHaveTextAsync("Jane Customer");
        await Expect(page.Locator("#customer-account")).ToHaveTextAsync("ACC-42");
        await Expect(page.Locator("#call-variables")).ToContainTextAsync("account");
        await Expect(page.Locator("#call-variables")).ToContainTextAsync("77001234");
        await Expect(page.Locator("#call-queue")).ToHaveTextAsync("billing");

        await page.ClickAsync("#answer");
        await Desk.ShowsStateAsync(page, "On call");
        await Desk.ScreenshotAsync(page, "agent-desktop-on-call.png");
        await page.ClickAsync("#hangup");
        await Desk.ShowsStateAsync(page, "Wrap-up");
        await page.FillAsync("#disposition", "resolved");
        await page.FillAsync("#wrap-up-notes", "Refund issued");
        await Desk.ScreenshotAsync(page, "agent-desktop-wrap-up.png");
        await page.ClickAsync("#wrap-up-done");
        await Desk.ShowsStateAsync(page, "Ready");
        await Expect(page.Locator("#call-panel")).ToBeHiddenAsync();

        var interaction = await InteractionAsync(caller, callId, i => i.Str("disposition") == "resolved");
        Assert.Equal("Refund issued", interaction.Str("notes"));
        Assert.Equal("1001", interaction.Str("agentId"));

        // The next call from the number pops the history with that interaction in it.
        var next = await Node.CallAsync(caller, "billing", new() { ["account"] = "77001234" });
        await Expect(page.Locator("#history tbody")).ToContainTextAsync("resolved");
        await Expect(page.Locator("#history tbody")).ToContainTextAsync("Refund issued");
        await Expect(page.Locator("#history tbody")).ToContainTextAsync("1001");
        await Desk.ScreenshotAsync(page, "agent-desktop-screen-pop.png");
        await Node.SendAsync(HttpMethod.Delete, $"/api/calls/{next}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_tabs_of_one_agent_should_show_the_same_state_after_a_change_in_one()
    {
        var first = await Desk.SignedInPageAsync(browser.Browser, Node, "1002");
        var second = await first.Context.NewPageAsync();
        var consoleErrors = new List<string>(); // a script or connection the CSP refused shows up here
        second.Console += (_, message) => { if (message.Type == "error") consoleErrors.Add(message.Text); };
        await second.GotoAsync("/desktop.html");
        await Desk.WaitLiveAsync(second);
        await Desk.ShowsStateAsync(first, "Logged out");
        await Desk.ShowsStateAsync(second, "Logged out");
        await Expect(second.Locator("#reason option")).ToHaveTextAsync(["break", "lunch"]); // the definition's, not the platform's

        await first.ClickAsync("#ready");
        await Desk.ShowsStateAsync(first, "Ready");
        await Desk.ShowsStateAsync(second, "Ready");

        await second.SelectOptionAsync("#reason", "lunch");
        await second.ClickAsync("#not-ready");
        await Desk.ShowsStateAsync(second, "Not ready (lunch)");
        await Desk.ShowsStateAsync(first, "Not ready (lunch)");
        Assert.Empty(consoleErrors);
        await first.Context.CloseAsync();
    }

    [Fact]
    public async Task Desktop_should_say_it_is_offline_and_show_the_servers_state_when_the_network_is_back()
    {
        var page = await Desk.SignedInPageAsync(browser.Browser, Node, "1009");
        await page.ClickAsync("#ready");
        await Desk.ShowsStateAsync(page, "Ready");

        await page.Context.SetOfflineAsync(true);
        await Expect(page.Locator("#connection-banner")).ToBeVisibleAsync();
        await Desk.ShowsStateAsync(page, "Not connected");
        await Node.SetStateAsync("1009", "not-ready", "lunch");
        await page.Context.SetOfflineAsync(false);

        await Desk.ShowsStateAsync(page, "Not ready (lunch)");
        await Expect(page.Locator("#connection-banner")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Markup_in_a_callers_name_or_an_IVR_value_should_show_as_text()
    {
        const string caller = "+441134960666";
        const string name = "<img src=x onerror=\"window.injected=1\">Mallory";
        const string value = "<script>window.injected=2</script><b>bold</b>";
        await Node.SendAsync(HttpMethod.Put, $"/api/customers/{caller}", new { name, notes = "<img src=y onerror=\"window.injected=3\">" });
        var page = await Desk.SignedInPageAsync(browser.Browser, Node, "1003");
        await page.ClickAsync("#ready");
        await Desk.ShowsStateAsync(page, "Ready");

        var callId = await Node.CallAsync(caller, "support", new() { ["account"] = value });

        await Expect(page.Locator("#customer-name")).ToHaveTextAsync(name);
        await Expect(page.Locator("#call-variables dd")).ToHaveTextAsync(value);
        Assert.Equal(0, await page.Locator("#screen-pop img, #screen-pop script, #screen-pop b").CountAsync());
        Assert.Null(await page.EvaluateAsync<int?>("() => window.injected ?? null"));
        await Node.SendAsync(HttpMethod.Delete, $"/api/calls/{callId}");
        await page.Context.CloseAsync();
    }

    /// <summary>The customer's interaction for the call once it satisfies <paramref name="done"/> (it is recorded asynchronously).</summary>
    private async Task<JsonElement> InteractionAsync(string phone, string callId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var history = await Node.SendAsync(HttpMethod.Get, $"/api/customers/{Uri.EscapeDataString(phone)}/interactions");
            var found = history.EnumerateArray().FirstOrDefault(i => i.Str("callId") == callId);
            if (found.ValueKind == JsonValueKind.Object && done(found))
                return found;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"no finished interaction for call {callId} within 10 s: {history}");
            await Task.Delay(200);
        }
    }
}

internal static class JsonElementExtensions
{
    public static string? Str(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
