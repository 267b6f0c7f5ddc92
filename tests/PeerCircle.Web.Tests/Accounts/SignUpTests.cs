using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

public sealed partial class SignUpTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string RegisterUrl = "/Identity/Account/Register";

    private static KeyValuePair<string, string>[] Form(string email, string pseudonym, string password = "a long passphrase", string? confirm = null, bool age = true) =>
    [
        new("Input.Email", email),
        new("Input.Pseudonym", pseudonym),
        new("Input.Password", password),
        new("Input.ConfirmPassword", confirm ?? password),
        new("Input.ConfirmAge", age ? "true" : "false"),
    ];

    private static string NewEmail() => $"new-{Guid.NewGuid():N}@example.test";

    private static string NewPseudonym() => $"Owl {Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task Signing_up_creates_an_unconfirmed_member_and_emails_a_confirmation_link()
    {
        var client = app.CreateBrowserClient();
        var email = NewEmail();
        var pseudonym = NewPseudonym();

        var response = await client.SubmitFormAsync(RegisterUrl, Form(email, pseudonym));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Identity/Account/RegisterConfirmation", response.Headers.Location?.OriginalString);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.NotNull(user);
        Assert.False(user.EmailConfirmed);
        Assert.Equal(pseudonym, user.Pseudonym);
        Assert.True(await users.IsInRoleAsync(user, Roles.Member));
        Assert.Equal(18, user.AgeConfirmedMinimum);
        var mail = Assert.Single(app.ReadMail(), m => m.Contains(email, StringComparison.Ordinal));
        Assert.Contains("Confirm your PeerCircle account", mail, StringComparison.Ordinal);
        Assert.Matches("/Identity/Account/ConfirmEmail\\?userId=", mail);
    }

    [Fact]
    public async Task A_new_member_cannot_sign_in_until_they_confirm_their_email_and_then_can()
    {
        var client = app.CreateBrowserClient();
        var email = NewEmail();
        await client.SubmitFormAsync(RegisterUrl, Form(email, NewPseudonym(), "my first passphrase"));

        var stranger = await client.SignInAsync(email, "a guessed passphrase");
        Assert.Contains("don&#x27;t match an account", await stranger.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var early = await client.SignInAsync(email, "my first passphrase");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("Please confirm your email address first", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var mail = Assert.Single(app.ReadMail(), m => m.Contains(email, StringComparison.Ordinal));
        var link = ConfirmLink().Match(mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal));
        Assert.True(link.Success, "The email has a confirmation link");
        var confirm = await client.GetAsync(new Uri(link.Value, UriKind.Absolute).PathAndQuery);
        Assert.Contains("Your email is confirmed", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var signIn = await client.SignInAsync(email, "my first passphrase");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("Welcome back", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pseudonym_already_in_use_is_refused_whatever_its_case_and_no_account_is_created()
    {
        var existing = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();
        var email = NewEmail();

        var response = await client.SubmitFormAsync(RegisterUrl, Form(email, existing.Pseudonym.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That pseudonym is already taken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task The_database_refuses_a_duplicate_pseudonym_even_past_the_page_check()
    {
        var existing = await app.CreateUserAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        db.Users.Add(new ApplicationUser
        {
            UserName = NewEmail(),
            Pseudonym = existing.Pseudonym,
            NormalizedPseudonym = Pseudonym.Normalize(existing.Pseudonym),
        });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Signing_up_with_an_email_that_has_an_account_looks_the_same_and_tells_only_the_owner()
    {
        var existing = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();

        var response = await client.SubmitFormAsync(RegisterUrl, Form(existing.Email, NewPseudonym()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Identity/Account/RegisterConfirmation", response.Headers.Location?.OriginalString);
        var mail = Assert.Single(app.ReadMail(), m => m.Contains(existing.Email, StringComparison.Ordinal));
        Assert.Contains("already has an account", mail, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == existing.Email));
    }

    public static TheoryData<string, string, string, string, bool, string> BadInput => new()
    {
        // email, pseudonym, password, confirm, age, expected message
        { "", "", "", "", false, "Enter your email address." },
        { "", "", "", "", false, "Choose a pseudonym" },
        { "", "", "", "", false, "Choose a password." },
        { "", "", "", "", false, "Please confirm your age" },
        { "not-an-email", NewPseudonym(), "a long passphrase", "a long passphrase", true, "Enter an email address like name@example.com." },
        { new string('a', 300) + "@example.test", NewPseudonym(), "a long passphrase", "a long passphrase", true, "That email address is too long." },
        { NewEmail(), new string('x', 40), "a long passphrase", "a long passphrase", true, "between 3 and 32 characters" },
        { NewEmail(), new string('x', 5000), "a long passphrase", "a long passphrase", true, "between 3 and 32 characters" },
        { NewEmail(), NewPseudonym(), "short", "short", true, "at least 8" },
        { NewEmail(), NewPseudonym(), new string('p', 200), new string('p', 200), true, "at most 128" },
        { NewEmail(), NewPseudonym(), "a long passphrase", "a different one", true, "The two passwords don&#x27;t match." },
        { NewEmail(), "<script>alert(1)</script>", "a long passphrase", "a long passphrase", true, "must start with a letter or a number" },
        { NewEmail(), "Sam<img src=x onerror=alert(1)>", "a long passphrase", "a long passphrase", true, "letters, numbers, spaces" },
        { NewEmail(), "Sam \u202E ☠", "a long passphrase", "a long passphrase", true, "letters, numbers, spaces" },
        { "zoë@exämple.test", NewPseudonym(), "a long passphrase", "a long passphrase", true, "plain letters, numbers" },
        { NewEmail(), "Admin", "a long passphrase", "a long passphrase", true, "reserved" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_clear_message_on_the_form_never_a_500_and_no_account(
        string email, string pseudonym, string password, string confirm, bool age, string expected)
    {
        var client = app.CreateBrowserClient();

        var response = await client.SubmitFormAsync(RegisterUrl, Form(email, pseudonym, password, confirm, age));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task A_control_character_no_browser_would_send_is_refused_with_a_friendly_page_not_a_500()
    {
        var client = app.CreateBrowserClient();
        var email = NewEmail();

        var response = await client.SubmitFormAsync(RegisterUrl, Form(email, "Sam\u0000Owl"));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"status {(int)response.StatusCode}");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(html.Contains("letters, numbers, spaces", StringComparison.Ordinal) || html.Contains("didn&#x27;t look right", StringComparison.Ordinal), html);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task What_was_typed_is_kept_on_the_form_after_a_validation_error()
    {
        var client = app.CreateBrowserClient();
        var email = NewEmail();

        var response = await client.SubmitFormAsync(RegisterUrl, Form(email, "Night Owl", age: false));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"value=\"{email}\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Night Owl\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pseudonym_in_another_script_with_accents_is_welcome()
    {
        var client = app.CreateBrowserClient();
        var email = NewEmail();
        var pseudonym = $"Zoë Ян {Guid.NewGuid().ToString("N")[..4]}";

        var response = await client.SubmitFormAsync(RegisterUrl, Form(email, pseudonym));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        Assert.Equal(pseudonym, await db.Users.Where(u => u.Email == email).Select(u => u.Pseudonym).SingleAsync());
    }

    [GeneratedRegex("https?://[^\\s\"<>]+/Identity/Account/ConfirmEmail\\?[^\\s\"<>]+")]
    private static partial Regex ConfirmLink();
}
