using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

public sealed class SignInTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_even_the_right_one_is_refused()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await client.SignInAsync(user.Email, "not my password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("don&#x27;t match an account", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var fifth = await client.SignInAsync(user.Email, "not my password");
        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.Equal("/Identity/Account/Lockout", fifth.Headers.Location?.OriginalString);

        var right = await client.SignInAsync(user.Email, user.Password);
        Assert.Equal("/Identity/Account/Lockout", right.Headers.Location?.OriginalString);
        var manage = await client.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, manage.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", manage.Headers.Location?.PathAndQuery ?? manage.Headers.Location?.OriginalString, StringComparison.Ordinal);

        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var stored = await users.FindByIdAsync(user.Id.ToString());
        Assert.True(await users.IsLockedOutAsync(stored!));
        Assert.True(stored!.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(14));
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_and_a_success_resets_the_count()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await client.SignInAsync(user.Email, "not my password");
        }

        var right = await client.SignInAsync(user.Email, user.Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location?.OriginalString);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.Equal(0, await users.GetAccessFailedCountAsync((await users.FindByIdAsync(user.Id.ToString()))!));
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_message_as_a_wrong_password()
    {
        var client = app.CreateBrowserClient();

        var response = await client.SignInAsync("nobody@example.test", "whatever password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That email and password don&#x27;t match an account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "", "Enter your email address.")]
    [InlineData("someone@example.test", "", "Enter your password.")]
    [InlineData("not an email", "password1", "Enter an email address like name@example.com.")]
    public async Task Bad_sign_in_input_gets_a_clear_message(string email, string password, string expected)
    {
        var client = app.CreateBrowserClient();

        var response = await client.SignInAsync(email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Facilitator)]
    [InlineData(Roles.SafeguardingLead)]
    [InlineData(Roles.Admin)]
    public async Task People_in_each_role_sign_in_through_the_real_page_and_see_their_profile(string role)
    {
        var (client, user) = await app.SignedInClientAsync(role);

        var profile = await client.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        var html = await profile.Content.ReadAsStringAsync();
        Assert.Contains(user.Email, html, StringComparison.Ordinal);
        Assert.Contains("Sign out", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_return_url_to_another_site_is_never_followed()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();

        var response = await client.SubmitFormAsync("/Identity/Account/Login?returnUrl=https%3A%2F%2Fevil.example%2F",
            [new("Input.Email", user.Email), new("Input.Password", user.Password)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var (client, _) = await app.SignedInClientAsync();

        var signOut = await client.SubmitFormAsync("/Identity/Account/Logout", []);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var manage = await client.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, manage.StatusCode);
        Assert.Contains("/Identity/Account/Login", manage.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }
}
