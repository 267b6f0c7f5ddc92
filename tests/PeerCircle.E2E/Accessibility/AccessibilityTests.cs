using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PeerCircle.E2E.Infrastructure;

namespace PeerCircle.E2E.Accessibility;

/// <summary>axe-core finds no WCAG 2 A/AA violation on the public pages, at desktop and phone widths.</summary>
[Collection(BrowserSuite.Name)]
public sealed class AccessibilityTests(AppFixture app)
{
    public static TheoryData<string, int> Pages => new()
    {
        { "/", 1280 }, { "/", 390 },
        { "/Help", 1280 }, { "/Help", 390 },
        { "/Help/Support", 1280 }, { "/Help/Support", 390 },
        { "/Identity/Account/Login", 1280 }, { "/Identity/Account/Login", 390 },
        { "/Identity/Account/Register", 1280 }, { "/Identity/Account/Register", 390 },
        { "/Identity/Account/ForgotPassword", 1280 },
        { "/no/such/page", 1280 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Public_pages_have_no_wcag_a_or_aa_violations(string path, int width)
    {
        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });

        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    [Fact]
    public async Task A_form_with_errors_stays_accessible()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Identity/Account/Register");
        await page.GetByRole(AriaRole.Button, new() { Name = "Join", Exact = true }).ClickAsync();
        await page.GetByText("Enter your email address.").WaitForAsync();

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help}")));
    }
}
