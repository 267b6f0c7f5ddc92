using System.Net;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

/// <summary>The app with Accounts:RequireTwoFactorForStaff turned on.</summary>
public sealed class StaffTwoFactorAppFactory : PeerCircleAppFactory
{
    public StaffTwoFactorAppFactory() => With("Accounts:RequireTwoFactorForStaff", "true");
}

public sealed class StaffTwoFactorTests(StaffTwoFactorAppFactory app) : IClassFixture<StaffTwoFactorAppFactory>
{
    [Theory]
    [InlineData(Roles.Facilitator)]
    [InlineData(Roles.SafeguardingLead)]
    [InlineData(Roles.Admin)]
    public async Task Staff_without_two_factor_are_sent_to_set_it_up_from_any_other_page(string role)
    {
        var (client, _) = await app.SignedInClientAsync(role);

        foreach (var page in (string[])["/", "/Groups", "/Identity/Account/Manage", "/Identity/Account/Manage/ChangePassword"])
        {
            (await client.GetAsync(new Uri(page, UriKind.Relative))).AssertRedirectTo(TwoFactorSteps.EnablePage);
        }

        // Form posts too.
        var token = await client.FormTokenAsync(TwoFactorSteps.EnablePage);
        (await client.PostFormAsync("/Identity/Account/Manage", token, [new("Input.Pseudonym", "Sneaky")])).AssertRedirectTo(TwoFactorSteps.EnablePage);

        Assert.Contains("Your role at PeerCircle requires two-factor sign-in", await client.PageTextAsync(TwoFactorSteps.EnablePage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Help", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/css/site.css", UriKind.Relative))).StatusCode);
        (await client.SubmitFormAsync("/Identity/Account/Logout", [])).AssertRedirectTo("/Identity/Account/Login");
    }

    [Fact]
    public async Task Once_two_factor_is_on_staff_reach_their_pages_and_cannot_turn_it_off()
    {
        var (client, user) = await app.SignedInClientAsync(Roles.Admin);

        var (key, _) = await client.EnableTwoFactorAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Admin", UriKind.Relative))).StatusCode);
        var off = await client.SubmitFormAsync("/Identity/Account/Manage/TwoFactor", [], "/Identity/Account/Manage/TwoFactor?handler=Disable");
        off.AssertRedirectTo("/Identity/Account/Manage/TwoFactor");
        Assert.Contains("required for your role", await client.PageTextAsync("/Identity/Account/Manage/TwoFactor"), StringComparison.Ordinal);

        var browser = app.CreateBrowserClient();
        (await browser.SignInAsync(user.Email, user.Password)).AssertRedirectTo("/Identity/Account/LoginWith2fa");
        (await browser.SubmitTwoFactorCodeAsync(Totp.Code(key, DateTimeOffset.UtcNow))).AssertRedirectTo("/");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/Admin", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Members_are_not_asked_for_two_factor()
    {
        var (client, _) = await app.SignedInClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Groups", UriKind.Relative))).StatusCode);
    }
}

public sealed class StaffTwoFactorOffTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Theory]
    [InlineData(Roles.Facilitator)]
    [InlineData(Roles.Admin)]
    public async Task By_default_staff_without_two_factor_use_the_site_as_usual(string role)
    {
        var (client, _) = await app.SignedInClientAsync(role);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Groups", UriKind.Relative))).StatusCode);
    }
}
