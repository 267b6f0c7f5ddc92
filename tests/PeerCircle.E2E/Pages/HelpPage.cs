using Microsoft.Playwright;

namespace PeerCircle.E2E.Pages;

/// <summary>"Get help now": urgent options for the visitor's region.</summary>
public sealed class HelpPage(IPage page)
{
    public const string Path = "/Help";

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Get help now" });

    public ILocator Call(string number) =>
        page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = $"Call {number}", Exact = true });
}
