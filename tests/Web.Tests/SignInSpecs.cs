using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CallCenter.Web.Tests;

/// <summary>The sign-in page: real sessions (cookie), each role to its page, nobody past it without a session.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInSpecs(BrowserNode browser)
{
    private async Task<IPage> AnonymousPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.Node.Address.ToString() });
        return await context.NewPageAsync();
    }

    [Fact]
    public async Task Desktop_without_a_session_should_send_to_sign_in_and_back_after_it()
    {
        var page = await AnonymousPageAsync();

        await page.GotoAsync("/desktop.html");
        await page.WaitForURLAsync("**/?next=%2Fdesktop.html");
        await page.FillAsync("#agent-id", "1001");
        await page.FillAsync("#password", TestDefinition.PasswordOf("1001"));
        await page.PressAsync("#password", "Enter");

        await page.WaitForURLAsync("**/desktop.html");
        await Desk.WaitLiveAsync(page);
        await Expect(page.Locator("#agent-name")).ToHaveTextAsync("Alice Smith (1001)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Wrong_password_should_say_so_and_stay_on_sign_in()
    {
        var page = await AnonymousPageAsync();
        await page.GotoAsync("/");

        await page.FillAsync("#agent-id", "1002");
        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#sign-in-button");

        await Expect(page.Locator("#error")).ToHaveTextAsync("Wrong agent id or password.");
        await Desk.ScreenshotAsync(page, "sign-in-refused.png");
        Assert.DoesNotContain("desktop", page.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_out_should_end_the_session()
    {
        var page = await Desk.SignedInPageAsync(browser.Browser, browser.Node, "1003");

        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync(browser.Node.Address.ToString());
        await page.GotoAsync("/desktop.html");

        await page.WaitForURLAsync("**/?next=%2Fdesktop.html");
        await page.Context.CloseAsync();
    }
}
