using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

/// <summary>Security settings need the password typed in the last five minutes. The app's clock is moved by the test.</summary>
public sealed partial class ReauthenticationTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private const string Reauthenticate = "/Identity/Account/Manage/Reauthenticate";

    [Theory]
    [InlineData("/Identity/Account/Manage/ChangePassword")]
    [InlineData("/Identity/Account/Manage/Email")]
    [InlineData("/Identity/Account/Manage/EnableAuthenticator")]
    public async Task Security_pages_open_just_after_signing_in_but_ask_for_the_password_again_after_five_minutes(string page)
    {
        var (client, _) = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(page, UriKind.Relative))).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await client.GetAsync(new Uri(page, UriKind.Relative));
        response.AssertRedirectTo(Reauthenticate);
        Assert.Contains($"returnUrl={Uri.EscapeDataString(page)}", response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Typing_the_password_again_opens_the_page_for_five_minutes()
    {
        var (client, user) = await app.SignedInClientAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var url = $"{Reauthenticate}?returnUrl=%2FIdentity%2FAccount%2FManage%2FChangePassword";

        var wrong = await client.SubmitFormAsync(url, [new("Input.Password", "not my password")]);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("That is not your password", await wrong.TextAsync(), StringComparison.Ordinal);
        var empty = await client.SubmitFormAsync(url, [new("Input.Password", "")]);
        Assert.Contains("Enter your password.", await empty.TextAsync(), StringComparison.Ordinal);

        var right = await client.SubmitFormAsync(url, [new("Input.Password", user.Password)]);

        right.AssertRedirectTo("/Identity/Account/Manage/ChangePassword");
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Identity/Account/Manage/ChangePassword", UriKind.Relative))).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        (await client.GetAsync(new Uri("/Identity/Account/Manage/ChangePassword", UriKind.Relative))).AssertRedirectTo(Reauthenticate);
    }

    [Fact]
    public async Task A_password_change_posted_after_the_window_is_refused()
    {
        var (client, user) = await app.SignedInClientAsync();
        var token = await client.FormTokenAsync("/Identity/Account/Manage/ChangePassword");
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await client.PostFormAsync("/Identity/Account/Manage/ChangePassword", token,
            [new("Input.OldPassword", user.Password), new("Input.NewPassword", "a brand new passphrase"), new("Input.ConfirmPassword", "a brand new passphrase")]);

        response.AssertRedirectTo(Reauthenticate);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(user.Id.ToString()))!, user.Password));
    }

    [Fact]
    public async Task Turning_two_factor_off_after_the_window_asks_for_the_password_first()
    {
        var (client, user) = await app.SignedInClientAsync();
        await client.EnableTwoFactorAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Identity/Account/Manage/TwoFactor", UriKind.Relative))).StatusCode);
        var token = await client.FormTokenAsync("/Identity/Account/Manage/TwoFactor");
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        // Viewing the status needs no password; changing it does.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Identity/Account/Manage/TwoFactor", UriKind.Relative))).StatusCode);
        var off = await client.PostFormAsync("/Identity/Account/Manage/TwoFactor?handler=Disable", token);

        off.AssertRedirectTo(Reauthenticate);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True(await users.GetTwoFactorEnabledAsync((await users.FindByIdAsync(user.Id.ToString()))!));
    }

    [Fact]
    public async Task Changing_the_email_sends_a_link_to_the_new_address_and_opening_it_makes_the_change()
    {
        var (client, user) = await app.SignedInClientAsync();
        var newEmail = $"new-{Guid.NewGuid():N}@example.test";

        var response = await client.SubmitFormAsync("/Identity/Account/Manage/Email", [new("Input.NewEmail", newEmail)]);

        response.AssertRedirectTo("/Identity/Account/Manage/Email");
        Assert.Contains($"We have sent a link to {newEmail}", await client.PageTextAsync("/Identity/Account/Manage/Email"), StringComparison.Ordinal);
        var mail = Assert.Single(app.MailTo(newEmail));
        var link = ConfirmLink().Match(mail.TextBody ?? string.Empty).Value;
        Assert.NotEmpty(link);
        Assert.DoesNotContain(user.Pseudonym, mail.TextBody, StringComparison.Ordinal);

        var stranger = app.CreateBrowserClient();
        var confirm = await stranger.GetAsync(new Uri(link));
        Assert.Contains("Your email address has changed", await confirm.TextAsync(), StringComparison.Ordinal);

        // The new address signs in; the old one no longer does; the link works once.
        (await app.CreateBrowserClient().SignInAsync(newEmail, user.Password)).AssertRedirectTo("/");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateBrowserClient().SignInAsync(user.Email, user.Password)).StatusCode);
        Assert.Contains("That link didn't work", await (await stranger.GetAsync(new Uri(link))).TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_that_already_has_an_account_gets_the_same_answer_and_no_email()
    {
        var (client, user) = await app.SignedInClientAsync();
        var other = await app.CreateUserAsync();

        var response = await client.SubmitFormAsync("/Identity/Account/Manage/Email", [new("Input.NewEmail", other.Email)]);

        response.AssertRedirectTo("/Identity/Account/Manage/Email");
        Assert.Contains($"We have sent a link to {other.Email}", await client.PageTextAsync("/Identity/Account/Manage/Email"), StringComparison.Ordinal);
        Assert.Empty(app.MailTo(other.Email));
        (await app.CreateBrowserClient().SignInAsync(user.Email, user.Password)).AssertRedirectTo("/");
    }

    [Theory]
    [InlineData("", "Enter your new email address.")]
    [InlineData("not an email", "Enter an email address like name@example.com.")]
    public async Task Bad_new_addresses_get_a_clear_message(string email, string expected)
    {
        var (client, _) = await app.SignedInClientAsync();

        var response = await client.SubmitFormAsync("/Identity/Account/Manage/Email", [new("Input.NewEmail", email)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mangled_email_change_link_says_it_did_not_work()
    {
        var response = await app.CreateBrowserClient().GetAsync(new Uri(
            $"/Identity/Account/ConfirmEmailChange?userId={Guid.NewGuid()}&email=x%40example.test&code=%%%", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That link didn't work", await response.TextAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+/Identity/Account/ConfirmEmailChange\S+")]
    private static partial Regex ConfirmLink();
}
