using Microsoft.Playwright;

namespace PeerCircle.E2E.Pages;

public sealed class HomePage(IPage page)
{
    public SiteHeader Header { get; } = new(page);

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Talk it through with people who get it" });

    public ILocator WelcomeBack => page.GetByRole(AriaRole.Main).GetByText("Welcome back", new() { Exact = false });

    public static async Task<HomePage> OpenAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/");
        return new HomePage(page);
    }
}
