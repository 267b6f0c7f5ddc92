using System.Net;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Operations;

public sealed class HealthTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy_without_signing_in(string path)
    {
        var response = await app.CreateBrowserClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_reports_unhealthy_when_the_database_cannot_be_reached_while_live_stays_up()
    {
        using var broken = new PeerCircleAppFactory()
            .With("ConnectionStrings:Sqlite", "Data Source=/proc/peercircle-no-such-dir/app.db")
            .With("Database:MigrateOnStartup", "false");
        var client = broken.CreateBrowserClient();

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task When_the_database_is_down_a_page_shows_the_friendly_error_and_reveals_nothing()
    {
        using var broken = new PeerCircleAppFactory()
            .With("ConnectionStrings:Sqlite", "Data Source=/proc/peercircle-no-such-dir/app.db")
            .With("Database:MigrateOnStartup", "false");
        var client = broken.CreateBrowserClient();

        // The key ring that protects cookies and forms lives in the database too, so even the sign-in page
        // cannot be made: the friendly error page, with "Get help now", and nothing of the failure.
        var page = await client.GetAsync(new Uri("/Identity/Account/Login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        var pageHtml = await page.Content.ReadAsStringAsync();
        Assert.Contains("PeerCircle can&#x27;t reach its records right now", pageHtml, StringComparison.Ordinal);
        Assert.Contains("Get help now", pageHtml, StringComparison.Ordinal);

        // Someone posting their credentials anyway gets an error that repeats none of them.
        var response = await client.PostAsync(new Uri("/Identity/Account/Login", UriKind.Relative), new FormUrlEncodedContent(
            [new("Input.Email", "someone@example.test"), new("Input.Password", "a password of theirs"), new("__RequestVerificationToken", "CfDJ8" + new string('A', 100))]));
        Assert.True(response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        var html = await response.Content.ReadAsStringAsync();
        foreach (var secret in new[] { "Exception", "SqliteConnection", "at PeerCircle", "/proc/peercircle-no-such-dir", "someone@example.test", "a password of theirs" })
        {
            Assert.DoesNotContain(secret, pageHtml, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
    }
}
