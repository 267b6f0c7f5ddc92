using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

public sealed partial class PasswordAndProfileTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_emailed_link()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();

        var ask = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", [new("Input.Email", user.Email)]);
        Assert.Equal("/Identity/Account/ForgotPasswordConfirmation", ask.Headers.Location?.OriginalString);

        var mail = Assert.Single(app.ReadMail(), m => m.Contains(user.Email, StringComparison.Ordinal));
        var link = ResetLink().Match(mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal));
        Assert.True(link.Success);
        var resetPage = new Uri(link.Value).PathAndQuery;
        var reset = await client.SubmitFormAsync(resetPage,
        [
            new("Input.Email", user.Email), new("Input.Password", "a brand new passphrase"),
            new("Input.ConfirmPassword", "a brand new passphrase"), new("Input.Code", HttpUtilityQuery(resetPage, "code")),
        ]);
        Assert.Equal("/Identity/Account/ResetPasswordConfirmation", reset.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(user.Email, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email, "a brand new passphrase")).StatusCode);
    }

    [Fact]
    public async Task Asking_to_reset_an_unknown_address_looks_the_same_and_sends_nothing()
    {
        var client = app.CreateBrowserClient();
        var before = app.ReadMail().Count;

        var ask = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", [new("Input.Email", "nobody-here@example.test")]);

        Assert.Equal("/Identity/Account/ForgotPasswordConfirmation", ask.Headers.Location?.OriginalString);
        Assert.Equal(before, app.ReadMail().Count);
    }

    [Fact]
    public async Task A_reset_for_an_address_without_an_account_gets_the_same_answer_as_a_bad_link()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();
        var code = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode("not-a-real-token"u8.ToArray());

        async Task<string> ResetAsync(string email) => await (await client.SubmitFormAsync($"/Identity/Account/ResetPassword?code={code}",
        [
            new("Input.Email", email), new("Input.Password", "a brand new passphrase"),
            new("Input.ConfirmPassword", "a brand new passphrase"), new("Input.Code", code),
        ])).Content.ReadAsStringAsync();

        var known = await ResetAsync(user.Email);
        var unknown = await ResetAsync("nobody-at-all@example.test");

        const string message = "This reset link has expired, was already used, or is for another email address.";
        Assert.Contains(message, known, StringComparison.Ordinal);
        Assert.Contains(message, unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_changes_their_pseudonym_time_zone_region_and_discreet_mode()
    {
        var (client, user) = await app.SignedInClientAsync();
        var pseudonym = $"Kind Otter {Guid.NewGuid().ToString("N")[..5]}";

        var save = await client.SubmitFormAsync("/Identity/Account/Manage",
        [
            new("Input.Pseudonym", pseudonym), new("Input.TimeZoneId", "America/Toronto"),
            new("Input.Region", "CA"), new("Input.DiscreetMode", "false"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var page = await client.GetStringAsync(new Uri("/Identity/Account/Manage", UriKind.Relative));
        Assert.Contains("Your profile has been saved.", page, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var stored = await db.Users.SingleAsync(u => u.Id == user.Id);
        Assert.Equal((pseudonym, "America/Toronto", "CA", false), (stored.Pseudonym, stored.TimeZoneId, stored.Region, stored.DiscreetMode));
    }

    [Theory]
    [InlineData("Ok Name", "Mars/Olympus_Mons", "GB", "Choose a time zone from the list.")]
    [InlineData("Ok Name", "Europe/London", "XX", "Choose a region from the list.")]
    [InlineData("<b>bold</b>", "Europe/London", "GB", "must start with a letter or a number")]
    public async Task Bad_profile_input_gets_a_message_and_changes_nothing(string pseudonym, string zone, string region, string expected)
    {
        var (client, user) = await app.SignedInClientAsync();

        var save = await client.SubmitFormAsync("/Identity/Account/Manage",
            [new("Input.Pseudonym", pseudonym), new("Input.TimeZoneId", zone), new("Input.Region", region), new("Input.DiscreetMode", "true")]);

        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        Assert.Contains(expected, await save.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        Assert.Equal(user.Pseudonym, await db.Users.Where(u => u.Id == user.Id).Select(u => u.Pseudonym).SingleAsync());
    }

    [Fact]
    public async Task Taking_someone_elses_pseudonym_in_the_profile_is_refused()
    {
        var other = await app.CreateUserAsync();
        var (client, _) = await app.SignedInClientAsync();

        var save = await client.SubmitFormAsync("/Identity/Account/Manage",
            [new("Input.Pseudonym", other.Pseudonym.ToLowerInvariant()), new("Input.TimeZoneId", "Europe/London"), new("Input.Region", "GB"), new("Input.DiscreetMode", "true")]);

        Assert.Equal(HttpStatusCode.OK, save.StatusCode);
        Assert.Contains("That pseudonym is already taken", await save.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one()
    {
        var (client, user) = await app.SignedInClientAsync();

        var wrong = await client.SubmitFormAsync("/Identity/Account/Manage/ChangePassword",
            [new("Input.OldPassword", "not it at all"), new("Input.NewPassword", "another passphrase"), new("Input.ConfirmPassword", "another passphrase")]);
        Assert.Contains("That is not your current password.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await client.SubmitFormAsync("/Identity/Account/Manage/ChangePassword",
            [new("Input.OldPassword", user.Password), new("Input.NewPassword", "another passphrase"), new("Input.ConfirmPassword", "another passphrase")]);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateBrowserClient().SignInAsync(user.Email, "another passphrase")).StatusCode);
    }

    private static string HttpUtilityQuery(string pathAndQuery, string key) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + pathAndQuery).Query)[key].ToString();

    [GeneratedRegex("https?://[^\\s\"<>]+/Identity/Account/ResetPassword\\?[^\\s\"<>]+")]
    private static partial Regex ResetLink();
}
