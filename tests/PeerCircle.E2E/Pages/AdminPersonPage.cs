using Microsoft.Playwright;

namespace PeerCircle.E2E.Pages;

/// <summary>Admin → People: the search and one person's page (roles, groups, account).</summary>
public sealed class AdminPersonPage(IPage page)
{
    public const string SearchPath = "/Admin/Users";

    public ILocator SearchBox => page.GetByLabel("Email or pseudonym");

    public ILocator SearchButton => page.GetByRole(AriaRole.Button, new() { Name = "Search" });

    public ILocator RoleToGive => page.GetByLabel("Give a role");

    public ILocator GiveRole => page.GetByRole(AriaRole.Button, new() { Name = "Give role" });

    public ILocator Status => page.GetByRole(AriaRole.Status);

    public ILocator Heading(string pseudonym) => page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = pseudonym });

    public ILocator RemoveRole(string role) => page.GetByRole(AriaRole.Button, new() { Name = $"Remove the {role} role" });

    /// <summary>Searches for a pseudonym and opens that person's page.</summary>
    public async Task OpenAsync(string pseudonym)
    {
        await SearchBox.FillAsync(pseudonym);
        await SearchButton.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = pseudonym, Exact = true }).ClickAsync();
    }

    public async Task GiveRoleAsync(string role)
    {
        await RoleToGive.SelectOptionAsync(role);
        await GiveRole.ClickAsync();
    }
}
