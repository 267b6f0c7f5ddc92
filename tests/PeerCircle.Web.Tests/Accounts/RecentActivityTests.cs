using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Accounts;

/// <summary>"Recent activity" on the profile: security events on the account, for its owner, without secrets.</summary>
public sealed class RecentActivityTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    private const string Profile = "/Identity/Account/Manage";

    private Task<List<AccountActivity>> ActivityAsync(Guid userId) =>
        app.WithDbAsync(db => db.AccountActivities.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.AtUtc).ToListAsync());

    private static List<string> Shown(string html)
    {
        var start = html.IndexOf("id=\"recent-activity\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "The profile shows no recent activity list.");
        var list = html[start..html.IndexOf("</ul>", start, StringComparison.Ordinal)];
        return System.Text.RegularExpressions.Regex.Matches(list, @"</time>: ([^<]+)</li>").Select(m => m.Groups[1].Value.Trim()).ToList();
    }

    [Fact]
    public async Task Sign_ins_and_failed_sign_ins_are_shown_newest_first_and_never_hold_the_password()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();
        var wrong = "not my password " + Guid.NewGuid().ToString("N")[..6];

        Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync(user.Email, wrong)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(user.Email, user.Password)).StatusCode);

        Assert.Equal(["Signed in", "A sign-in failed (wrong password)"], Shown(await client.PageTextAsync(Profile)));
        var rows = await ActivityAsync(user.Id);
        Assert.Equal([AccountActivityKind.SignInFailed, AccountActivityKind.SignedIn], rows.Select(r => r.Kind));
        var logs = await app.ReadLogsWhenAsync($"\"ActivityKind\":\"SignedIn\"");
        Assert.Contains("\"EventId\":{\"Id\":1120,\"Name\":\"AccountActivity\"}", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, logs, StringComparison.Ordinal);
        Assert.False(await app.DatabaseFileContainsAsync(wrong));
    }

    [Fact]
    public async Task A_lockout_after_repeated_failures_is_recorded()
    {
        var user = await app.CreateUserAsync();
        var client = app.CreateBrowserClient();

        for (var i = 0; i < IdentitySetup.MaxFailedAccessAttempts; i++)
        {
            await client.SignInAsync(user.Email, "wrong password " + i);
        }

        var kinds = (await ActivityAsync(user.Id)).Select(a => a.Kind).ToList();
        Assert.Equal(IdentitySetup.MaxFailedAccessAttempts - 1, kinds.Count(k => k == AccountActivityKind.SignInFailed));
        Assert.Equal(AccountActivityKind.LockedOut, kinds[^1]);
    }

    [Fact]
    public async Task Password_and_two_factor_changes_are_recorded()
    {
        var (client, user) = await app.SignedInClientAsync();

        await client.EnableTwoFactorAsync();
        var changed = await client.SubmitFormAsync("/Identity/Account/Manage/ChangePassword",
            [new("Input.OldPassword", user.Password), new("Input.NewPassword", "a brand new passphrase"), new("Input.ConfirmPassword", "a brand new passphrase")]);
        changed.AssertRedirectTo(Profile);

        var shown = Shown(await client.PageTextAsync(Profile));
        Assert.Equal("Password changed", shown[0]);
        Assert.Contains("Two-factor sign-in turned on", shown);
        Assert.DoesNotContain("a brand new passphrase", string.Concat(shown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_last_30_days_are_shown_in_the_viewers_time_zone_and_the_purge_removes_what_is_older_than_90()
    {
        var (client, user) = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(Profile,
            [new("Input.Pseudonym", user.Pseudonym), new("Input.TimeZoneId", "America/New_York"), new("Input.Region", "US"), new("Input.ReplyNotices", "true")])).StatusCode);
        // 03:30 UTC is the evening before in New York.
        var at = DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(-2).AddHours(3.5), DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            db.AccountActivities.AddRange(
                new AccountActivity(user.Id, AccountActivityKind.PasswordReset, null, at),
                new AccountActivity(user.Id, AccountActivityKind.EmailChanged, null, DateTime.UtcNow.AddDays(-40)),
                new AccountActivity(user.Id, AccountActivityKind.TwoFactorDisabled, null, DateTime.UtcNow.AddDays(-100)));
            await db.SaveChangesAsync();
        });

        var html = await client.PageTextAsync(Profile);

        Assert.Contains("Password reset by email link", Shown(html));
        Assert.DoesNotContain("Email address changed", Shown(html));
        Assert.Contains($"{LocalTimes.Format(at, "America/New_York", "short")}</time>: Password reset by email link", html, StringComparison.Ordinal);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<AccountHousekeeping>().PurgeAsync() >= 1);
        }

        var kinds = (await ActivityAsync(user.Id)).Select(a => a.Kind).ToList();
        Assert.DoesNotContain(AccountActivityKind.TwoFactorDisabled, kinds);
        Assert.Contains(AccountActivityKind.EmailChanged, kinds);
    }

    [Fact]
    public async Task Nobody_sees_anyone_elses_activity()
    {
        var (alice, aliceUser) = await app.SignedInClientAsync();
        var (bob, _) = await app.SignedInClientAsync();
        await app.WithDbAsync(async db =>
        {
            db.AccountActivities.Add(new AccountActivity(aliceUser.Id, AccountActivityKind.PasswordReset, null, DateTime.UtcNow));
            await db.SaveChangesAsync();
        });

        Assert.Contains("Password reset by email link", Shown(await alice.PageTextAsync(Profile)));
        Assert.DoesNotContain("Password reset by email link", Shown(await bob.PageTextAsync(Profile)));
    }
}
