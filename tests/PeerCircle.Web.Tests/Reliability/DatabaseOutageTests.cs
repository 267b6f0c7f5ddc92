using System.Net;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PeerCircle.Web.Tests.Reliability;

/// <summary>
/// The database goes away while the app runs (real fault injection: every connection is refused) and
/// comes back: readiness says so, people get a friendly page that reveals nothing, nothing half-saved is
/// left behind, and the app serves again by itself once the database returns, without a restart.
/// </summary>
public sealed class DatabaseOutageTests(OutageAppFactory app, ITestOutputHelper output) : IClassFixture<OutageAppFactory>
{
    private static readonly string[] s_mustNotShow = ["Exception", "Sqlite", "SQLite", "unable to open", "at PeerCircle", "at Microsoft", "StackTrace", ".cs:line"];

    [Fact]
    public async Task While_the_database_is_down_pages_apologise_without_details_and_the_app_recovers_by_itself_when_it_returns()
    {
        var group = await app.CreateGroupAsync();
        var session = await app.CreateSessionAsync(group.Id);
        var (member, me) = await app.SignedInClientAsync();
        await app.AddMemberAsync(group.Id, me.Id);
        var anonymous = app.CreateBrowserClient();
        var details = $"/Sessions/Details/{session.Id}";
        string[] pages = ["/Groups", $"/Groups/Details/{group.Id}", details, "/Sessions/Mine", "/Notifications", "/Identity/Account/Manage"];
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(new Uri(page, UriKind.Relative))).StatusCode);
        }

        var token = await member.FormTokenAsync(details);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);

        app.Outage.Begin();
        try
        {
            var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);

            foreach (var page in pages)
            {
                await AssertFriendlyOutagePageAsync(await member.GetAsync(new Uri(page, UriKind.Relative)), page);
            }

            // Someone booking a seat during the outage is told so, and no booking is half-made.
            await AssertFriendlyOutagePageAsync(await member.PostFormAsync($"{details}?handler=Book", token), $"POST {details}");
            // Signing in needs the database too: the visitor is told, and what they typed is not repeated.
            var signIn = await anonymous.PostAsync(new Uri("/Identity/Account/Login", UriKind.Relative), new FormUrlEncodedContent(
                [new("Input.Email", me.Email), new("Input.Password", me.Password)]));
            var signInHtml = await signIn.Content.ReadAsStringAsync();
            Assert.DoesNotContain(me.Email, signInHtml, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(me.Password, signInHtml, StringComparison.Ordinal);
            Assert.True((int)signIn.StatusCode is 400 or 503, $"sign-in during the outage answered {(int)signIn.StatusCode}");
        }
        finally
        {
            app.Outage.End();
        }

        output.WriteLine($"{app.Outage.Refused} connections refused during the outage");
        Assert.True(app.Outage.Refused >= pages.Length + 2, $"only {app.Outage.Refused} connections were refused: the fault was not injected");

        // Back without a restart: ready again, the same signed-in person sees their pages and can book.
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        foreach (var page in pages)
        {
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(new Uri(page, UriKind.Relative))).StatusCode);
        }

        Assert.Empty((await app.SessionAsync(session.Id)).Bookings);
        (await member.PostFormAsync($"{details}?handler=Book", await member.FormTokenAsync(details))).AssertRedirectTo(details);
        Assert.Equal(BookingStatus.Going, Assert.Single((await app.SessionAsync(session.Id)).Bookings).Status);
    }

    [Fact]
    public async Task The_outage_page_points_to_help_and_says_nothing_was_lost()
    {
        var (member, _) = await app.SignedInClientAsync();
        app.Outage.Begin();
        try
        {
            var response = await member.GetAsync(new Uri("/Groups", UriKind.Relative));
            var html = await response.TextAsync();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("PeerCircle can't reach its records right now", html, StringComparison.Ordinal);
            Assert.Contains("Get help now", html, StringComparison.Ordinal);
            Assert.Contains("href=\"/Help\"", html, StringComparison.Ordinal);
            Assert.True(response.Headers.RetryAfter is not null, "503 without Retry-After");
        }
        finally
        {
            app.Outage.End();
        }
    }

    private static async Task AssertFriendlyOutagePageAsync(HttpResponseMessage response, string what)
    {
        var html = await response.TextAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what} answered {(int)response.StatusCode} during the outage");
        Assert.Contains("PeerCircle can't reach its records right now", html, StringComparison.Ordinal);
        foreach (var secret in s_mustNotShow)
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
    }
}
