using System.Net;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Operations;

public sealed class HelpPageTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private async Task<string> GetHelpAsync(string? acceptLanguage, string query = "", HttpClient? client = null)
    {
        client ??= app.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/Help" + query, UriKind.Relative));
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [InlineData("en-GB,en;q=0.8", "tel:999", "tel:116123")]
    [InlineData("en-IE", "tel:112", "sms:50808")]
    [InlineData("en-US,en;q=0.9", "tel:911", "tel:988")]
    [InlineData("fr-CA", "tel:911", "sms:988")]
    [InlineData("en-AU", "tel:000", "tel:131114")]
    public async Task Anonymous_visitors_see_the_urgent_options_of_their_browsers_region_first(string language, string emergency, string crisis)
    {
        var html = await GetHelpAsync(language);

        Assert.Contains($"href=\"{emergency}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{crisis}\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf(emergency, StringComparison.Ordinal) < html.IndexOf("Somewhere else?", StringComparison.Ordinal));
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.True(System.Text.RegularExpressions.Regex.Count(html, "class=\"urgent-option") <= 3);
    }

    [Fact]
    public async Task The_region_switcher_overrides_the_browser_language()
    {
        var html = await GetHelpAsync("en-GB", "?region=AU");

        Assert.Contains("Help in Australia", html, StringComparison.Ordinal);
        Assert.Contains("href=\"tel:000\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_known_region_the_page_still_points_to_local_emergency_help()
    {
        var html = await GetHelpAsync("de-DE", "?region=<script>");

        Assert.Contains("Your local emergency number", html, StringComparison.Ordinal);
        Assert.Contains("findahelpline.com", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_members_profile_region_comes_before_the_browser_language()
    {
        var (client, _) = await app.SignedInClientAsync();
        await client.SubmitFormAsync("/Identity/Account/Manage",
            [new("Input.Pseudonym", $"Calm Fox {Guid.NewGuid().ToString("N")[..5]}"), new("Input.TimeZoneId", "Europe/Dublin"), new("Input.Region", "IE"), new("Input.DiscreetMode", "true")]);

        var html = await GetHelpAsync("en-US", client: client);

        Assert.Contains("Help in Ireland", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_page_has_the_get_help_now_link_in_its_header()
    {
        var client = app.CreateBrowserClient();
        foreach (var path in new[] { "/", "/Identity/Account/Login", "/Identity/Account/Register", "/no/such/page" })
        {
            var html = await (await client.GetAsync(new Uri(path, UriKind.Relative))).Content.ReadAsStringAsync();
            var header = html[html.IndexOf("<header", StringComparison.Ordinal)..html.IndexOf("</header>", StringComparison.Ordinal)];
            Assert.Contains("href=\"/Help\"", header, StringComparison.Ordinal);
            Assert.Contains("Get help now", header, StringComparison.Ordinal);
        }
    }
}
