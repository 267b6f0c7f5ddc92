using PeerCircle.E2E.Infrastructure;
using PeerCircle.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Accounts;

[Collection(BrowserSuite.Name)]
public sealed class SignUpTests(AppFixture app)
{
    [Fact]
    public async Task A_new_member_signs_up_confirms_their_email_and_signs_in()
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var email = $"member-{id}@example.com";
        var pseudonym = $"Quiet Fox {id}";
        const string password = "correct horse battery staple";

        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();

        var home = await HomePage.OpenAsync(page);
        await Expect(home.Heading).ToBeVisibleAsync();
        if (RepositoryPaths.UpdateDocsImages)
        {
            Directory.CreateDirectory(RepositoryPaths.DocsImages);
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.DocsImages, "home.png"), FullPage = true });
        }

        await home.Header.Join.ClickAsync();
        var join = new JoinPage(page);
        await Expect(join.Heading).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("sign-up.png"), FullPage = true });

        await join.JoinAsync(email, pseudonym, password);
        await Expect(new CheckYourEmailPage(page).Heading).ToBeVisibleAsync();

        var confirmation = await app.Mailbox.NewestToAsync(email);
        Assert.Equal("Confirm your PeerCircle account", confirmation.Subject);
        var link = Mailbox.ConfirmEmailLink(confirmation);
        Assert.Equal(app.BaseAddress.Authority, link.Authority);

        await page.GotoAsync(link.ToString());
        var confirmed = new ConfirmEmailPage(page);
        await Expect(confirmed.Confirmed).ToBeVisibleAsync();

        await confirmed.SignIn.ClickAsync();
        var signIn = new SignInPage(page);
        await Expect(signIn.Heading).ToBeVisibleAsync();
        await signIn.SignInAsync(email, password);

        await Expect(page).ToHaveURLAsync(new Uri(app.BaseAddress, "/").ToString());
        await Expect(home.WelcomeBack).ToBeVisibleAsync();
        await Expect(home.Header.MyProfile).ToBeVisibleAsync();
        await Expect(home.Header.SignOut).ToBeVisibleAsync();
        await Expect(home.Header.SignIn).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = RepositoryPaths.Screenshot("signed-in-home.png"), FullPage = true });
    }
}
