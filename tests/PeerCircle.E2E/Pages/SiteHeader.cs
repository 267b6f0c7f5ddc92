using Microsoft.Playwright;

namespace PeerCircle.E2E.Pages;

/// <summary>The header on every page (the "banner" landmark).</summary>
public sealed class SiteHeader(IPage page)
{
    private readonly ILocator _banner = page.GetByRole(AriaRole.Banner);

    public ILocator GetHelpNow => _banner.GetByRole(AriaRole.Link, new() { Name = "Get help now", Exact = true });

    public ILocator ShowMenu => _banner.GetByRole(AriaRole.Button, new() { Name = "Show menu", Exact = true });

    public ILocator SignIn => _banner.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true });

    public ILocator Join => _banner.GetByRole(AriaRole.Link, new() { Name = "Join", Exact = true });

    public ILocator MyProfile => _banner.GetByRole(AriaRole.Link, new() { Name = "My profile", Exact = true });

    public ILocator SignOut => _banner.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });
}
