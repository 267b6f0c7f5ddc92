using System.Net;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Security;

/// <summary>Every cookie is a __Host- cookie outside Development; sign-in, sign-up, posting and reporting are rate-limited.</summary>
public sealed class CookieAndLimitTests : IDisposable
{
    private readonly PeerCircleAppFactory _app = new PeerCircleAppFactory()
        .With("RateLimits:PostsPerMinute", "3")
        .With("RateLimits:ReportsPerMinute", "2");

    public void Dispose() => _app.Dispose();

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static void AssertHostCookie(string setCookie)
    {
        var name = setCookie[..setCookie.IndexOf('=', StringComparison.Ordinal)];
        Assert.True(name.StartsWith("__Host-", StringComparison.Ordinal), $"cookie {name} is not a __Host- cookie");
        Assert.Contains("; secure", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_cookie_the_app_sets_is_a_secure_host_only_cookie()
    {
        var people = await _app.CreateBoardGroupAsync();
        var client = _app.CreateBrowserClient();
        var seen = new List<string>();

        seen.AddRange(SetCookies(await client.GetAsync(new Uri("/Identity/Account/Login", UriKind.Relative))));  // antiforgery
        var user = await _app.CreateUserAsync();
        seen.AddRange(SetCookies(await client.SignInAsync(user.Email, user.Password)));                           // sign-in
        seen.AddRange(SetCookies(await people.Alice.Client.SubmitFormAsync(SharingTestData.NewThread(people.Group.Id),
        [
            new("Input.Title", "Cookies"), new("Input.Text", "A post that leaves a message for the next page."), new("Input.Audience", "Group"),
            new("Input.Byline", "Pseudonym"), new("Input.AsPrompt", "false"),
        ])));                                                                                                      // the next page's message (TempData)
        var (twoFactor, staff) = await _app.SignedInClientAsync();
        await twoFactor.EnableTwoFactorAsync();
        var fresh = _app.CreateBrowserClient();
        seen.AddRange(SetCookies(await fresh.SignInWithPasswordAsync(staff)));                                     // between the two steps

        var names = seen.Select(c => c[..c.IndexOf('=', StringComparison.Ordinal)]).Distinct().ToList();
        Assert.Contains("__Host-PeerCircle", names);
        Assert.Contains("__Host-PeerCircle.Af", names);
        Assert.Contains("__Host-PeerCircle.Msg", names);
        Assert.Contains("__Host-PeerCircle.2fa", names);
        Assert.All(seen, AssertHostCookie);
    }

    [Fact]
    public async Task Too_many_worries_or_board_reports_from_one_person_get_a_429()
    {
        var people = await _app.CreateBoardGroupAsync();
        var worried = $"/Concerns/Worried/{people.Group.Id}";
        for (var i = 0; i < 2; i++)
        {
            var allowed = await people.Alice.Client.SubmitFormAsync(worried, [new("Input.Description", $"Bob seems very low ({i}).")]);
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }

        var limited = await people.Alice.Client.SubmitFormAsync(worried, [new("Input.Description", "Bob seems very low (3).")]);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Please wait a minute, then try again.", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await _app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Concerns)));
        Assert.Equal(HttpStatusCode.OK, await people.Alice.StatusAsync(worried)); // reading is never limited

        // Reporting a post on the board counts against the posting limit (3 here): three reports, then 429.
        var thread = await people.Bob.Client.StartThreadAsync(people.Group.Id, "Reports", "Something to report.");
        foreach (var reason in new[] { "one", "two", "three" })
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await people.Alice.Client.ReportPostAsync(thread, thread, reason)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await people.Alice.Client.ReportPostAsync(thread, thread, "four")).StatusCode);
    }
}
