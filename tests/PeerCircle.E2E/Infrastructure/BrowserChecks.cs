using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PeerCircle.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Infrastructure;

/// <summary>What the flow tests do on the way: open a signed-in page, and check a page against WCAG with axe-core.</summary>
public static class BrowserChecks
{
    /// <summary>A new page in <paramref name="context"/>, signed in through the real form as <paramref name="email"/> (by default with the suite's password).</summary>
    public static async Task<IPage> SignedInPageAsync(IBrowserContext context, string email, string password = AppFixture.Password)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(SignInPage.Path);
        await new SignInPage(page).SignInAsync(email, password);
        await Expect(new HomePage(page).Header.SignOut).ToBeVisibleAsync();
        return page;
    }

    /// <summary>No violation of the WCAG 2.x A and AA rules on the page as it is now; a failure lists each rule and where.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        Assert.True(result.Violations.Length == 0, page.Url + "\n" + string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target) + ": " + string.Join("; ", n.Any.Select(c => c.Message))))}")));
    }
}
