using PeerCircle.E2E.Infrastructure;
using PeerCircle.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Help;

[Collection(BrowserSuite.Name)]
public sealed class GetHelpNowTests(AppFixture app)
{
    [Fact]
    public async Task Get_help_now_is_one_click_away_without_signing_in_and_works_without_javascript()
    {
        await using var desktop = await app.NewContextAsync(new() { JavaScriptEnabled = false, Locale = "en-GB" });
        var page = await desktop.NewPageAsync();

        var home = await HomePage.OpenAsync(page);
        await home.Header.GetHelpNow.ClickAsync();

        var help = new HelpPage(page);
        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, HelpPage.Path).ToString());
        await Expect(help.Heading).ToBeVisibleAsync();
        var samaritans = help.Call("116 123");
        await Expect(samaritans).ToBeVisibleAsync();
        await Expect(samaritans).ToHaveAttributeAsync("href", "tel:116123");
        await page.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("get-help-now.png"), FullPage = true });

        await using var phone = await app.NewContextAsync(new()
        {
            JavaScriptEnabled = false,
            Locale = "en-GB",
            ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var phonePage = await phone.NewPageAsync();
        var phoneHome = await HomePage.OpenAsync(phonePage);

        // The menu is collapsed at this width (its toggle shows, its links do not) ...
        await Expect(phoneHome.Header.ShowMenu).ToBeVisibleAsync();
        await Expect(phoneHome.Header.SignIn).ToBeHiddenAsync();
        // ... yet "Get help now" is right there in the header, on screen.
        await Expect(phoneHome.Header.GetHelpNow).ToBeVisibleAsync();
        await Expect(phoneHome.Header.GetHelpNow).ToBeInViewportAsync(new() { Ratio = 1 });
        await phonePage.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("home-phone.png") });

        await phoneHome.Header.GetHelpNow.TapAsync();
        await Expect(new HelpPage(phonePage).Heading).ToBeVisibleAsync();
    }
}
