using Microsoft.Playwright;

namespace PeerCircle.E2E.Pages;

/// <summary>Shown after joining, until the person opens the link in the confirmation email.</summary>
public sealed class CheckYourEmailPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Check your email" });
}
