using System.Diagnostics;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using PeerCircle.Domain.Accounts;
using PeerCircle.E2E.Infrastructure;
using PeerCircle.E2E.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Accessibility;

/// <summary>
/// axe-core on every page of the app (the list comes from the app's own endpoints), signed in as each
/// role and anonymous, at a desktop and a phone width: no WCAG 2.0/2.1/2.2 A or AA violation, and no
/// server error on the way. One browser context per role, reused for every page; a page a role may not
/// open lands on the sign-in or access-denied page, which is scanned once.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class EveryPageAccessibilityTests(AppFixture app, ITestOutputHelper output)
{
    public const string Anonymous = "Anonymous";
    private const int Desktop = 1280;
    private const int Phone = 390;

    private static readonly AxeRunOptions s_wcagAandAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        // Only violations come back: collecting and serialising every passing node is most of axe's time.
        ResultTypes = [ResultType.Violations],
    };

    public static TheoryData<string> AllRoles => new() { Anonymous, Roles.Member, Roles.Facilitator, Roles.SafeguardingLead, Roles.Admin };

    [Fact]
    public void Every_page_of_the_app_has_an_address_in_the_sweep()
    {
        var pages = PageSweep.PageKeys(app.Services);
        var visited = PageSweep.Visits.Select(v => v.Page).ToHashSet(StringComparer.Ordinal);

        Assert.True(pages.Count >= 60, $"only {pages.Count} pages found among the app's endpoints");
        Assert.True(pages.Order(StringComparer.Ordinal).All(visited.Contains),
            "pages with no address in PageSweep.Visits: " + string.Join(", ", pages.Where(p => !visited.Contains(p))));
        Assert.True(visited.All(pages.Contains), "addresses for pages the app no longer has: " + string.Join(", ", visited.Where(p => !pages.Contains(p))));
        Assert.Equal(visited.Count, PageSweep.Visits.Count);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Every_page_has_no_wcag_a_or_aa_violation_at_desktop_and_phone_widths(string role)
    {
        var world = await PageSweep.SeedAsync(app);
        try
        {
            await SweepAsync(role, world);
        }
        finally
        {
            await PageSweep.RemoveConcernsAsync(app, world);
        }
    }

    private async Task SweepAsync(string role, SweepWorld world)
    {
        await using var context = await app.NewContextAsync(new() { ViewportSize = new() { Width = Desktop, Height = 900 } });
        var page = await context.NewPageAsync();
        if (world.People[role] is { } email)
        {
            await page.GotoAsync(SignInPage.Path);
            await new SignInPage(page).SignInAsync(email, AppFixture.Password);
            await Expect(new SiteHeader(page).MyProfile).ToBeVisibleAsync();
        }

        var clock = Stopwatch.StartNew();
        var scanned = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var scans = 0;
        var axeTime = TimeSpan.Zero;
        foreach (var (name, address) in PageSweep.Visits)
        {
            var url = address(world);
            var response = await page.GotoAsync(url);
            if (response is null)
            {
                problems.Add($"{url}: no response");
                continue;
            }

            if (response.Status >= 500 && name != "/Error")
            {
                problems.Add($"{url}: answered {response.Status}");
            }

            // A page this role may not open lands on sign-in, access denied or "not found": each is scanned once per role.
            var landing = response.Status is >= 200 and < 300 ? PageSweep.Landing(new Uri(page.Url)) : $"status {response.Status}";
            if (!PageSweep.IsHtml(await response.HeaderValueAsync("content-type")) || !scanned.Add(landing))
            {
                continue;
            }

            foreach (var width in new[] { Desktop, Phone })
            {
                await page.SetViewportSizeAsync(width, width == Desktop ? 900 : 844);
                var started = clock.Elapsed;
                var result = await page.RunAxe(s_wcagAandAA);
                axeTime += clock.Elapsed - started;
                scans++;
                problems.AddRange(result.Violations.Select(v =>
                    $"{width}px {url} (at {new Uri(page.Url).PathAndQuery}): {v.Id} ({v.Impact}) {v.Help} — " +
                    string.Join(" | ", v.Nodes.Take(5).Select(n => string.Join(" ", n.Target)))));
            }

            await page.SetViewportSizeAsync(Desktop, 900);
        }

        output.WriteLine($"{role}: {PageSweep.Visits.Count} addresses, {scanned.Count} distinct pages, {scans} axe scans in {clock.Elapsed.TotalSeconds:F1} s (axe itself {axeTime.TotalSeconds:F1} s)");
        Assert.True(problems.Count == 0, $"{role}: {problems.Count} problems\n" + string.Join("\n", problems));
    }
}
