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

        // Without JavaScript the phone menu cannot collapse behind its toggle, so it stays open:
        // every header link is reachable ...
        await Expect(phoneHome.Header.ShowMenu).ToBeHiddenAsync();
        await Expect(phoneHome.Header.SignIn).ToBeVisibleAsync();
        // ... and "Get help now" is right there in the header, on screen.
        await Expect(phoneHome.Header.GetHelpNow).ToBeVisibleAsync();
        await Expect(phoneHome.Header.GetHelpNow).ToBeInViewportAsync(new() { Ratio = 1 });
        await phonePage.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("home-phone-no-script.png") });

        await phoneHome.Header.GetHelpNow.TapAsync();
        await Expect(new HelpPage(phonePage).Heading).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_a_phone_the_menu_collapses_but_get_help_now_stays_in_the_header()
    {
        await using var phone = await app.NewContextAsync(new()
        {
            Locale = "en-GB",
            ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await phone.NewPageAsync();
        var home = await HomePage.OpenAsync(page);

        await Expect(home.Header.ShowMenu).ToBeVisibleAsync();
        await Expect(home.Header.SignIn).ToBeHiddenAsync();
        await Expect(home.Header.GetHelpNow).ToBeInViewportAsync(new() { Ratio = 1 });
        await page.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("home-phone.png") });

        await home.Header.ShowMenu.TapAsync();
        await Expect(home.Header.SignIn).ToBeVisibleAsync();
    }
}
