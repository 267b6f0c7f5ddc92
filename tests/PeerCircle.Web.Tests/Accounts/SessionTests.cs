using System.Net;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

/// <summary>How long a session lasts, and ending every session at once. The app's clock is moved by the test.</summary>
public sealed class SessionTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private const string Profile = "/Identity/Account/Manage";

    private static Task<HttpResponseMessage> ProfileAsync(HttpClient client) => client.GetAsync(new Uri(Profile, UriKind.Relative));

    [Fact]
    public async Task The_sign_in_cookie_is_host_only_secure_http_only_and_lax()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();

        var response = await client.SignInAsync(user.Email, user.Password);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-PeerCircle=", StringComparison.Ordinal));
        Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_session_left_idle_for_an_hour_ends_but_activity_keeps_it_going()
    {
        var (client, _) = await app.SignedInClientAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(HttpStatusCode.OK, (await ProfileAsync(client)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(HttpStatusCode.OK, (await ProfileAsync(client)).StatusCode); // 80 minutes in, but active

        app.Clock.Advance(TimeSpan.FromMinutes(61));

        (await ProfileAsync(client)).AssertRedirectTo("/Identity/Account/Login");
    }

    [Fact]
    public async Task An_active_session_still_ends_twelve_hours_after_signing_in()
    {
        var (client, _) = await app.SignedInClientAsync();

        // 15 requests, 45 minutes apart: 11 h 15 min, never idle for an hour.
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromHours(11); elapsed += TimeSpan.FromMinutes(45))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(45));
            Assert.Equal(HttpStatusCode.OK, (await ProfileAsync(client)).StatusCode);
        }

        // Saving the profile refreshes the cookie; that must not restart the twelve hours.
        var save = await client.SubmitFormAsync(Profile, [new("Input.Pseudonym", $"Still here {Guid.NewGuid().ToString("N")[..6]}"),
            new("Input.TimeZoneId", "Europe/London"), new("Input.Region", "GB")]);
        save.AssertRedirectTo(Profile);

        app.Clock.Advance(TimeSpan.FromMinutes(50)); // 12 h 5 min after signing in, 50 min after the last request

        (await ProfileAsync(client)).AssertRedirectTo("/Identity/Account/Login");
    }

    [Fact]
    public async Task Sign_out_everywhere_ends_the_other_sessions_at_their_next_request()
    {
        var user = await app.CreateUserAsync();
        var laptop = app.CreateBrowserClient();
        var phone = app.CreateBrowserClient();
        (await laptop.SignInAsync(user.Email, user.Password)).AssertRedirectTo("/");
        (await phone.SignInAsync(user.Email, user.Password)).AssertRedirectTo("/");
        var bystander = await app.SignedInClientAsync();

        var response = await laptop.SubmitFormAsync(Profile, [], $"{Profile}?handler=SignOutEverywhere");

        response.AssertRedirectTo("/Identity/Account/Login");
        (await ProfileAsync(laptop)).AssertRedirectTo("/Identity/Account/Login");
        // The other session's cookie is checked against the security stamp at least once a minute.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        (await ProfileAsync(phone)).AssertRedirectTo("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.OK, (await ProfileAsync(bystander.Client)).StatusCode);
        // Signing in again works.
        (await phone.SignInAsync(user.Email, user.Password)).AssertRedirectTo("/");
        Assert.Equal(HttpStatusCode.OK, (await ProfileAsync(phone)).StatusCode);
    }

    [Fact]
    public async Task Opening_the_two_factor_set_up_page_does_not_end_the_session()
    {
        // Making the authenticator key changes the security stamp; this session's cookie must follow it.
        var (client, _) = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(TwoFactorSteps.EnablePage, UriKind.Relative))).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.OK, (await ProfileAsync(client)).StatusCode);
    }
}
