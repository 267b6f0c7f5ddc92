using Microsoft.Playwright;

namespace PeerCircle.E2E.Pages;

/// <summary>Sign-up ("Join PeerCircle").</summary>
public sealed class JoinPage(IPage page)
{
    public const string Path = "/Identity/Account/Register";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Join PeerCircle" });

    public ILocator Email => page.GetByLabel("Email", new() { Exact = true });

    public ILocator Pseudonym => page.GetByLabel("Pseudonym", new() { Exact = true });

    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });

    public ILocator ConfirmPassword => page.GetByLabel("Confirm password", new() { Exact = true });

    public ILocator OldEnough => page.GetByRole(AriaRole.Checkbox, new() { Name = "I am 18 or older", Exact = true });

    public ILocator Join => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true });

    public async Task JoinAsync(string email, string pseudonym, string password)
    {
        await Email.FillAsync(email);
        await Pseudonym.FillAsync(pseudonym);
        await Password.FillAsync(password);
        await ConfirmPassword.FillAsync(password);
        await OldEnough.CheckAsync();
        await Join.ClickAsync();
    }
}
