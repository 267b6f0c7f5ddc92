using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

/// <summary>
/// The sign-in cookie's format remembers the cookies it has just read (issue 9): the same answers as reading
/// them again, a copy for every request, nothing remembered for a cookie that does not read, and nothing used
/// for longer than a minute.
/// </summary>
public sealed class RecentTicketFormatTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public void A_cookie_read_again_within_the_minute_is_answered_from_memory_with_a_copy_of_its_ticket()
    {
        var (format, inner, _) = Format();

        var first = format.Unprotect("cookie-a");
        var second = format.Unprotect("cookie-a");

        Assert.Equal(1, inner.Reads);
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotSame(first, second);
        Assert.NotSame(first.Principal, second.Principal);
        Assert.Equal("cookie-a", second.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(first.Properties.ExpiresUtc, second.Properties.ExpiresUtc);

        // What one request does to its ticket (a renewal, a new claim) never reaches the next one.
        second.Properties.ExpiresUtc = DateTimeOffset.MaxValue;
        ((ClaimsIdentity)second.Principal.Identity!).AddClaim(new Claim("changed", "yes"));
        var third = format.Unprotect("cookie-a");
        Assert.NotNull(third);
        Assert.Equal(first.Properties.ExpiresUtc, third.Properties.ExpiresUtc);
        Assert.Null(third.Principal.FindFirst("changed"));
        Assert.Equal(1, inner.Reads);
    }

    [Fact]
    public void After_a_minute_the_cookie_is_read_again()
    {
        var (format, inner, clock) = Format();
        format.Unprotect("cookie-a");

        clock.Advance(RecentTicketFormat.Lifetime - TimeSpan.FromSeconds(1));
        format.Unprotect("cookie-a");
        Assert.Equal(1, inner.Reads);

        clock.Advance(TimeSpan.FromSeconds(1));
        format.Unprotect("cookie-a");
        Assert.Equal(2, inner.Reads);
    }

    [Fact]
    public void A_cookie_that_does_not_read_is_refused_every_time_and_never_remembered()
    {
        var (format, inner, _) = Format();

        Assert.Null(format.Unprotect("tampered"));
        Assert.Null(format.Unprotect("tampered"));

        Assert.Equal(2, inner.Reads);
        Assert.Equal(0, format.Count);
        Assert.Null(format.Unprotect(null));
        Assert.Null(format.Unprotect(string.Empty));
    }

    [Fact]
    public void Another_purpose_is_read_again_and_the_memory_is_bounded()
    {
        var (format, inner, _) = Format();
        format.Unprotect("cookie-a", null);
        format.Unprotect("cookie-a", "binding");
        Assert.Equal(2, inner.Reads);

        for (var i = 0; i < RecentTicketFormat.Capacity + 10; i++)
        {
            format.Unprotect($"cookie-{i}");
        }

        Assert.InRange(format.Count, 1, RecentTicketFormat.Capacity);
    }

    [Fact]
    public void Protecting_is_the_inner_formats()
    {
        var (format, inner, _) = Format();
        var ticket = inner.Unprotect("someone")!;

        Assert.Equal("protected:someone", format.Protect(ticket));
        Assert.Equal("protected:someone", format.Protect(ticket, "binding"));
    }

    [Fact]
    public async Task The_app_reads_its_sign_in_cookie_through_it_and_a_changed_cookie_is_still_refused()
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var format = Assert.IsType<RecentTicketFormat>(options.TicketDataFormat);
        var user = await app.CreateUserAsync();
        var signIn = await app.CreateBrowserClient().SignInAsync(user.Email, user.Password);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-PeerCircle=", StringComparison.Ordinal))
            .Split(';')[0]["__Host-PeerCircle=".Length..];

        // The same cookie three times: a page each time, the first read remembered.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await MineWithAsync(cookie)).StatusCode);
        }

        Assert.True(format.Count >= 1);

        // The same session with one character of its cookie changed: not a cookie the app has read, so refused.
        var changed = cookie[..^2] + (cookie[^2] == 'A' ? 'B' : 'A') + cookie[^1];
        (await MineWithAsync(changed)).AssertRedirectTo("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.OK, (await MineWithAsync(cookie)).StatusCode);
    }

    private async Task<HttpResponseMessage> MineWithAsync(string cookie)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost"),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Sessions/Mine");
        request.Headers.Add("Cookie", $"__Host-PeerCircle={cookie}");
        return await client.SendAsync(request);
    }

    private static (RecentTicketFormat Format, CountingFormat Inner, FakeTimeProvider Clock) Format()
    {
        var inner = new CountingFormat();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return (new RecentTicketFormat(inner, clock), inner, clock);
    }

    /// <summary>Reads "tampered" as nothing and any other text as a ticket for that name, counting the reads.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Reads { get; private set; }

        public string Protect(AuthenticationTicket data) => $"protected:{data.Principal.FindFirstValue(ClaimTypes.NameIdentifier)}";

        public string Protect(AuthenticationTicket data, string? purpose) => Protect(data);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Reads++;
            if (string.IsNullOrEmpty(protectedText) || protectedText == "tampered")
            {
                return null;
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, protectedText)], IdentityConstants.ApplicationScheme);
            return new AuthenticationTicket(new ClaimsPrincipal(identity),
                new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UnixEpoch.AddDays(1) }, IdentityConstants.ApplicationScheme);
        }
    }
}
