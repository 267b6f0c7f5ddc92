using Microsoft.Playwright;

namespace PeerCircle.E2E.Pages;

/// <summary>Where the link in the confirmation email leads.</summary>
public sealed class ConfirmEmailPage(IPage page)
{
    public ILocator Confirmed => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Your email is confirmed" });

    public ILocator SignIn => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "sign in", Exact = true });
}
