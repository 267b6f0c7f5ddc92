using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

/// <summary>
/// When a session's cookie is checked against the account's security stamp: once it is older than the
/// interval (a minute), never before. The check within the interval is skipped before Identity's validator
/// is even built, which it would otherwise be on every request (issue 9).
/// </summary>
public sealed class SecurityStampCheckTests(SecurityStampCheckTests.CountingAppFactory app) : IClassFixture<SecurityStampCheckTests.CountingAppFactory>
{
    private const string Profile = "/Identity/Account/Manage";

    [Fact]
    public async Task A_cookie_younger_than_a_minute_is_not_re_checked_and_an_older_one_is()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();
        (await client.SignInAsync(user.Email, user.Password)).AssertRedirectTo("/");
        var before = app.Checks;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(Profile, UriKind.Relative))).StatusCode);
            app.Clock.Advance(TimeSpan.FromSeconds(15));
        }

        Assert.Equal(before, app.Checks);

        app.Clock.Advance(TimeSpan.FromSeconds(30)); // 75 s after the cookie was issued
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(Profile, UriKind.Relative))).StatusCode);
        Assert.Equal(before + 1, app.Checks);

        // The check renewed the cookie: the next requests within the minute are not checked again.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(Profile, UriKind.Relative))).StatusCode);
        Assert.Equal(before + 1, app.Checks);
    }

    /// <summary>The app with a clock the test moves and Identity's validator counting the cookies it is given.</summary>
    public sealed class CountingAppFactory : PeerCircleAppFactory
    {
        private int _checks;

        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        public int Checks => Volatile.Read(ref _checks);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.AddScoped<ISecurityStampValidator>(provider => new CountingValidator(
                    provider.GetRequiredService<IOptions<SecurityStampValidatorOptions>>(),
                    provider.GetRequiredService<SignInManager<ApplicationUser>>(),
                    provider.GetRequiredService<ILoggerFactory>(),
                    () => Interlocked.Increment(ref _checks)));
            });
        }
    }

    private sealed class CountingValidator(
        IOptions<SecurityStampValidatorOptions> options, SignInManager<ApplicationUser> signInManager, ILoggerFactory logger, Action counted)
        : SecurityStampValidator<ApplicationUser>(options, signInManager, logger)
    {
        public override Task ValidateAsync(CookieValidatePrincipalContext context)
        {
            counted();
            return base.ValidateAsync(context);
        }
    }
}
