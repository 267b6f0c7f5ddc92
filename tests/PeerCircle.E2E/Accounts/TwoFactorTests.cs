using Microsoft.Playwright;
using PeerCircle.E2E.Infrastructure;
using PeerCircle.Web.Tests.Infrastructure;
using PeerCircle.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Accounts;

[Collection(BrowserSuite.Name)]
public sealed class TwoFactorTests(AppFixture app)
{
    [Fact]
    public async Task A_member_sets_up_an_authenticator_app_and_signs_in_with_its_code()
    {
        var (email, _) = await app.CreatePersonAsync("Owl");
        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var problems = BrowserProblems.Watch(page);

        await page.GotoAsync(SignInPage.Path);
        await new SignInPage(page).SignInAsync(email, AppFixture.Password);
        // The Secure __Host- cookie is kept by Chromium over http on 127.0.0.1 (a secure context).
        await Expect(new SiteHeader(page).MyProfile).ToBeVisibleAsync();
        Assert.Contains((await context.CookiesAsync()), c => c.Name == "__Host-PeerCircle" && c.Secure && c.HttpOnly);

        await new SiteHeader(page).MyProfile.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Two-factor sign-in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up an authenticator app", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Set up an authenticator app" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code to add PeerCircle to your authenticator app" })).ToBeVisibleAsync();
        await BrowserChecks.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("two-factor-set-up.png"), FullPage = true });
        var key = await page.Locator("#shared-key").InnerTextAsync();

        await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Your recovery codes" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await BrowserChecks.AssertAccessibleAsync(page);

        await new SiteHeader(page).SignOut.ClickAsync();
        await new SignInPage(page).SignInAsync(email, AppFixture.Password);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Two-factor sign-in" })).ToBeVisibleAsync();
        await BrowserChecks.AssertAccessibleAsync(page);
        await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/").ToString());
        await Expect(new SiteHeader(page).MyProfile).ToBeVisibleAsync();
        Assert.Empty(problems.All);
    }
}
