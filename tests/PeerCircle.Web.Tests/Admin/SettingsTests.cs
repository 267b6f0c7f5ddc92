using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Administration;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Administration;
using PeerCircle.Web.Sessions;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Admin;

/// <summary>The settings page: stored in the database, audited, and read by the parts of the app they govern.</summary>
public sealed class SettingsTests : IDisposable
{
    // A fresh app per test: settings are global, so no test sees another's.
    private readonly PeerCircleAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Changing_the_minimum_age_changes_what_sign_up_asks_and_records()
    {
        var (admin, _) = await _app.SignedInClientAsync(Roles.Admin);
        Assert.Contains("I am 18 or older", await _app.CreateBrowserClient().PageTextAsync(AdminTestData.RegisterPage), StringComparison.Ordinal);

        (await admin.SaveSettingsAsync(("MinimumAge", "21"))).AssertRedirectTo(AdminTestData.SettingsPage);

        var visitor = _app.CreateBrowserClient();
        Assert.Contains("I am 21 or older", await visitor.PageTextAsync(AdminTestData.RegisterPage), StringComparison.Ordinal);
        var email = AdminTestData.NewEmail();
        (await visitor.SubmitFormAsync(AdminTestData.RegisterPage, AdminTestData.SignUpForm(email, AdminTestData.NewPseudonym())))
            .AssertRedirectTo("/Identity/Account/RegisterConfirmation");
        Assert.Equal(21, await _app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.AgeConfirmedMinimum).SingleAsync()));
    }

    [Fact]
    public async Task Each_changed_setting_is_audited_with_its_old_and_new_value_and_the_page_shows_it()
    {
        var (admin, me) = await _app.SignedInClientAsync(Roles.Admin);

        (await admin.SaveSettingsAsync(("MinimumAge", "20"), ("BoardRetentionDays", "60"))).AssertRedirectTo(AdminTestData.SettingsPage);

        var audit = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.SettingChanged).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(me.Id, a.ActorId));
        Assert.Contains(audit, a => a.Reason == "MinimumAge: 18 → 20");
        Assert.Contains(audit, a => a.Reason == "BoardRetentionDays: 30 → 60");
        var page = await admin.PageTextAsync(AdminTestData.SettingsPage);
        Assert.Contains("value=\"20\"", page, StringComparison.Ordinal);

        // Saving the same values again changes nothing and writes nothing.
        (await admin.SaveSettingsAsync(("MinimumAge", "20"), ("BoardRetentionDays", "60"))).AssertRedirectTo(AdminTestData.SettingsPage);
        Assert.Equal(2, await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SettingChanged)));
    }

    [Theory]
    [InlineData("IdleTimeoutMinutes", "2", "Enter a number of minutes from 5 to 1440.")]
    [InlineData("IdleTimeoutMinutes", "1000", "The idle timeout can't be longer than a session's longest life.")]
    [InlineData("MinimumAge", "12", "The minimum age must be between 16 and 25.")]
    [InlineData("MinimumAge", "lots", "The value 'lots' is not valid")]
    [InlineData("ShortReminderMinutes", "120", "The late reminder must go out after the early one.")]
    public async Task A_value_out_of_range_gets_a_message_on_the_form_and_nothing_is_saved(string field, string value, string message)
    {
        var (admin, _) = await _app.SignedInClientAsync(Roles.Admin);
        var changes = field switch
        {
            "ShortReminderMinutes" => new[] { (field, value), ("DayBeforeReminderHours", "2") },
            "IdleTimeoutMinutes" when value == "1000" => new[] { (field, value), ("AbsoluteLifetimeHours", "12") },
            _ => new[] { (field, value) },
        };

        var response = await admin.SaveSettingsAsync(changes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Settings.CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task A_save_made_from_a_page_opened_before_another_admins_change_is_refused_and_undoes_nothing()
    {
        var (first, _) = await _app.SignedInClientAsync(Roles.Admin);
        var (second, _) = await _app.SignedInClientAsync(Roles.Admin);
        var staleVersion = Version(await second.PageTextAsync(AdminTestData.SettingsPage));
        var token = await second.FormTokenAsync(AdminTestData.SettingsPage);

        (await first.SaveSettingsAsync(("MinimumAge", "20"))).AssertRedirectTo(AdminTestData.SettingsPage);
        var stale = await second.PostFormAsync(AdminTestData.SettingsPage, token,
            AdminTestData.SettingsForm(new ServiceSettings(), ("BoardRetentionDays", "60"), ("Version", staleVersion)));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await stale.TextAsync();
        Assert.Contains(SettingsEditor.ConflictMessage, html, StringComparison.Ordinal);
        Assert.Equal((20, 30), ((await _app.SettingsAsync()).MinimumAge, (await _app.SettingsAsync()).BoardRetentionDays));

        // Saved again from the page as it now is, it goes through.
        var fresh = await second.PostFormAsync(AdminTestData.SettingsPage, token,
            AdminTestData.SettingsForm(new ServiceSettings { MinimumAge = 20 }, ("BoardRetentionDays", "60"), ("Version", Version(html))));
        fresh.AssertRedirectTo(AdminTestData.SettingsPage);
        Assert.Equal((20, 60), ((await _app.SettingsAsync()).MinimumAge, (await _app.SettingsAsync()).BoardRetentionDays));
    }

    private static string Version(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"Input.Version\" value=\"([0-9A-F]+)\"").Groups[1].Value is { Length: > 0 } v
            ? v
            : throw new InvalidOperationException("The settings page has no version.");

    [Fact]
    public async Task A_new_group_keeps_its_board_for_the_retention_period_in_settings()
    {
        var (admin, _) = await _app.SignedInClientAsync(Roles.Admin);
        (await admin.SaveSettingsAsync(("BoardRetentionDays", "90"))).AssertRedirectTo(AdminTestData.SettingsPage);
        var name = $"Circle {Guid.NewGuid().ToString("N")[..8]}";

        var response = await admin.SubmitFormAsync("/Admin/Groups/Edit",
        [
            new("Input.Name", name), new("Input.Description", "A calm space."), new("Input.Format", "Online"),
            new("Input.Location", "PeerCircle live room"), new("Input.TimeZoneId", "Europe/London"), new("Input.Capacity", "8"),
            new("Input.JoinPolicy", "Open"), new("Input.Listed", "true"), new("Input.RequiresCoFacilitation", "false"),
            new("Input.Topics", "Anxiety"), new("Input.Agreement", "Be kind."),
        ]);

        response.AssertRedirectTo("/Admin/Groups");
        Assert.Equal(90, await _app.WithDbAsync(db => db.Groups.Where(g => g.Name == name).Select(g => g.RetentionDays).SingleAsync()));
    }

    [Fact]
    public async Task The_reminder_times_in_settings_decide_which_reminder_goes_out()
    {
        var sam = await _app.CreateUserAsync();
        var sessionId = await _app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var group = new Group(StaffTestData.Details(), "Be kind.", now);
            var session = new Session(group, now.AddMinutes(45), 60, "Sleep and shifts", 10, now);
            db.Groups.Add(group);
            db.Sessions.Add(session);
            var membership = Membership.Join(group, sam.Id, group.CurrentAgreementVersion, now);
            db.Memberships.Add(membership);
            session.Reserve(group, membership, now);
            await db.SaveChangesAsync();
            return session.Id;
        });
        // The late reminder goes out 30 minutes before: at 45 minutes it is the early one that is due.
        await _app.SetSettingsAsync(s => s with { ShortReminderMinutes = 30 });

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendDueAsync());
        }

        var kinds = await _app.WithDbAsync(db => db.ReminderDispatches.Where(r => r.SessionId == sessionId).Select(r => r.Kind).ToListAsync());
        Assert.Equal([ReminderKind.DayBefore], kinds);

        // At 25 minutes the late one is due, and says how long it is.
        await _app.WithDbAsync(db => db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.StartUtc, DateTime.UtcNow.AddMinutes(25))));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendDueAsync());
        }

        Assert.Contains(_app.MailTo(sam.Email), m => (m.Subject ?? string.Empty).EndsWith("is in 30 minutes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_row_each_setting_is_the_configured_value_and_a_stored_row_wins()
    {
        using var configured = new PeerCircleAppFactory().With("Accounts:MinimumAge", "20").With("Reminders:ShortMinutes", "45");

        var defaults = await configured.SettingsAsync();
        Assert.Equal(20, defaults.MinimumAge);
        Assert.Equal(45, defaults.ShortReminderMinutes);
        Assert.Contains("I am 20 or older", await configured.CreateBrowserClient().PageTextAsync(AdminTestData.RegisterPage), StringComparison.Ordinal);

        await configured.SetSettingsAsync(s => s with { MinimumAge = 23 });

        Assert.Equal(23, (await configured.SettingsAsync()).MinimumAge);
        Assert.Equal(45, (await configured.SettingsAsync()).ShortReminderMinutes);
        Assert.Equal("23", await configured.WithDbAsync(db => db.Settings.Where(s => s.Key == "MinimumAge").Select(s => s.Value).SingleAsync()));
        Assert.Equal(1, await configured.WithDbAsync(db => db.Settings.CountAsync()));
    }

    [Fact]
    public async Task A_stored_value_that_no_longer_makes_sense_is_ignored_rather_than_breaking_the_service()
    {
        await _app.WithDbAsync(async db =>
        {
            db.Settings.Add(new Setting("MinimumAge", "99", Guid.NewGuid(), DateTime.UtcNow));
            await db.SaveChangesAsync();
        });
        _app.Services.GetRequiredService<ServiceSettingsProvider>().Invalidate();

        Assert.Equal(18, (await _app.SettingsAsync()).MinimumAge);
        Assert.Contains("I am 18 or older", await _app.CreateBrowserClient().PageTextAsync(AdminTestData.RegisterPage), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requiring_two_factor_for_staff_in_settings_sends_staff_to_set_it_up_and_members_are_not_asked()
    {
        var (facilitator, _) = await _app.SignedInClientAsync(Roles.Facilitator);
        var (member, _) = await _app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await facilitator.GetAsync(new Uri("/Groups", UriKind.Relative))).StatusCode);
        var (admin, _) = await _app.SignedInClientAsync(Roles.Admin);

        (await admin.SaveSettingsAsync(("RequireTwoFactorForStaff", "true"))).AssertRedirectTo(AdminTestData.SettingsPage);

        (await facilitator.GetAsync(new Uri("/Groups", UriKind.Relative))).AssertRedirectTo(TwoFactorSteps.EnablePage);
        (await admin.GetAsync(new Uri("/Admin", UriKind.Relative))).AssertRedirectTo(TwoFactorSteps.EnablePage);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(new Uri("/Groups", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Facilitator)]
    [InlineData(Roles.SafeguardingLead)]
    public async Task Only_admins_can_change_settings(string role)
    {
        var (client, _) = await _app.SignedInClientAsync(role);
        var (admin, _) = await _app.SignedInClientAsync(Roles.Admin);
        var token = await admin.FormTokenAsync(AdminTestData.SettingsPage);

        (await client.GetAsync(new Uri(AdminTestData.SettingsPage, UriKind.Relative))).AssertRedirectTo("/Identity/Account/AccessDenied");
        var post = await client.PostFormAsync(AdminTestData.SettingsPage, token, AdminTestData.SettingsForm(new ServiceSettings(), ("MinimumAge", "25")));

        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Settings.CountAsync()));
        Assert.Equal(18, (await _app.SettingsAsync()).MinimumAge);
    }
}

/// <summary>The idle timeout and absolute lifetime from settings, with a clock the test moves.</summary>
public sealed class SessionLimitSettingsTests : IDisposable
{
    private readonly FakeClockAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static Task<HttpResponseMessage> ProfileAsync(HttpClient client) => client.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative));

    [Fact]
    public async Task A_shorter_idle_timeout_in_settings_ends_sessions_that_begin_after_the_change()
    {
        await _app.SetSettingsAsync(s => s with { IdleTimeoutMinutes = 10 });
        var (client, _) = await _app.SignedInClientAsync();

        _app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await ProfileAsync(client)).StatusCode);
        _app.Clock.Advance(TimeSpan.FromMinutes(11));

        (await ProfileAsync(client)).AssertRedirectTo("/Identity/Account/Login");
    }

    [Fact]
    public async Task A_shorter_absolute_lifetime_in_settings_applies_at_once_to_every_session()
    {
        var (client, _) = await _app.SignedInClientAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(HttpStatusCode.OK, (await ProfileAsync(client)).StatusCode);
        _app.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await ProfileAsync(client)).StatusCode);

        await _app.SetSettingsAsync(s => s with { AbsoluteLifetimeHours = 1, IdleTimeoutMinutes = 30 });

        (await ProfileAsync(client)).AssertRedirectTo("/Identity/Account/Login");
    }
}
