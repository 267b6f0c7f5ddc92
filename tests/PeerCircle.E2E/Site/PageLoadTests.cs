using Microsoft.Playwright;
using PeerCircle.E2E.Infrastructure;
using PeerCircle.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace PeerCircle.E2E.Site;

[Collection(BrowserSuite.Name)]
public sealed class PageLoadTests(AppFixture app)
{
    public static TheoryData<string, string> PublicPages => new()
    {
        { "/", "Talk it through with people who get it" },
        { SignInPage.Path, "Sign in" },
        { JoinPage.Path, "Join PeerCircle" },
        { HelpPage.Path, "Get help now" },
    };

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task A_public_page_loads_without_console_errors_or_content_security_policy_violations(string path, string heading)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = BrowserProblems.Watch(page);

        var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
        Assert.Equal(200, response?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = heading })).ToBeVisibleAsync();
        // The stylesheets really applied (a blocked or missing site.css leaves the help button unstyled).
        await Expect(new SiteHeader(page).GetHelpNow).ToHaveCSSAsync("background-color", "rgb(138, 28, 28)");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(problems.All);
    }

    [Theory]
    [InlineData("/lib/bootstrap/css/bootstrap.min.css")]
    [InlineData("/css/site.css")]
    [InlineData("/lib/bootstrap/js/bootstrap.bundle.min.js")]
    public async Task A_stylesheet_or_script_reaches_an_anonymous_visitor(string asset)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var served = new List<(string Path, int Status)>();
        page.Response += (_, response) =>
        {
            lock (served)
            {
                served.Add((new Uri(response.Url).AbsolutePath, response.Status));
            }
        };

        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });

        // Pages link the fingerprinted name (site.f19ejlgg1g.css); the plain name must work as well.
        var extension = Path.GetExtension(asset);
        var stem = asset[..^extension.Length];
        lock (served)
        {
            var seen = string.Join(", ", served.Select(s => $"{s.Path} {s.Status}"));
            Assert.True(
                served.Any(s => s.Status == 200 && (s.Path == asset || (s.Path.StartsWith(stem + ".", StringComparison.Ordinal) && s.Path.EndsWith(extension, StringComparison.Ordinal)))),
                $"The home page did not load {asset} with 200. Responses: {seen}");
        }

        var direct = await page.GotoAsync(asset);
        Assert.Equal(200, direct?.Status);
    }

    /// <summary>
    /// Browsers ask every site for /favicon.ico. When that answered with a redirect to the sign-in page,
    /// the sign-in page's fresh antiforgery cookie raced the page being filled in, and submitting the
    /// join form failed with "Something in that request didn't look right".
    /// </summary>
    [Fact]
    public async Task The_browser_icon_is_served_to_an_anonymous_visitor_without_a_detour_to_sign_in()
    {
        await using var context = await app.NewContextAsync();

        var response = await context.APIRequest.GetAsync("/favicon.ico", new() { MaxRedirects = 0 });

        Assert.Equal(200, response.Status);
        Assert.StartsWith("image/", response.Headers["content-type"], StringComparison.Ordinal);
    }

    /// <summary>Proves the watch above can fail: an inline style is exactly what the policy forbids.</summary>
    [Fact]
    public async Task An_inline_style_is_reported_as_a_content_security_policy_violation()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = BrowserProblems.Watch(page);
        await page.GotoAsync("/");

        await page.EvaluateAsync("() => document.head.insertAdjacentHTML('beforeend', '<style>body { color: red; }</style>')");

        await Expect(page.Locator("body")).Not.ToHaveCSSAsync("color", "rgb(255, 0, 0)");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (problems.All.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains(problems.All, p => p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
