using Microsoft.Playwright;

namespace PeerCircle.E2E.Pages;

public sealed class SignInPage(IPage page)
{
    public const string Path = "/Identity/Account/Login";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Sign in" });

    public ILocator Email => page.GetByLabel("Email", new() { Exact = true });

    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });

    public ILocator SignIn => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });

    public async Task SignInAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await SignIn.ClickAsync();
    }
}
