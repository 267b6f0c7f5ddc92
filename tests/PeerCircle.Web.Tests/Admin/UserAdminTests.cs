using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Auditing;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Admin;

/// <summary>People in the admin pages: search, roles, locking and the confirmation email, with a clock the test moves.</summary>
public sealed class UserAdminTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private const string Search = "/Admin/Users";

    private static Task<HttpResponseMessage> ActAsync(HttpClient admin, Guid userId, string handler, string? role = null, string? reason = null) =>
        admin.SubmitFormAsync(AdminTestData.Person(userId), [new("role", role ?? ""), new("Reason", reason ?? "")], $"{AdminTestData.Person(userId)}?handler={handler}");

    private async Task<bool> IsInRoleAsync(Guid userId, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.IsInRoleAsync((await users.FindByIdAsync(userId.ToString()))!, role);
    }

    [Fact]
    public async Task Admins_find_people_by_part_of_their_email_or_pseudonym_and_see_their_roles_and_status()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var facilitator = await app.CreateUserAsync(Roles.Facilitator);
        var member = await app.CreateUserAsync();

        var byEmail = await admin.PageTextAsync($"{Search}?q={Uri.EscapeDataString(facilitator.Email[..14].ToUpperInvariant())}");
        var byPseudonym = await admin.PageTextAsync($"{Search}?q={Uri.EscapeDataString(member.Pseudonym[^6..].ToLowerInvariant())}");
        var byRole = await admin.PageTextAsync($"{Search}?role={Roles.Facilitator}");

        Assert.Contains(facilitator.Pseudonym, byEmail, StringComparison.Ordinal);
        Assert.Contains("Facilitator", byEmail, StringComparison.Ordinal);
        Assert.DoesNotContain(member.Pseudonym, byEmail, StringComparison.Ordinal);
        Assert.Contains(member.Pseudonym, byPseudonym, StringComparison.Ordinal);
        Assert.DoesNotContain(facilitator.Pseudonym, byPseudonym, StringComparison.Ordinal);
        Assert.Contains(facilitator.Pseudonym, byRole, StringComparison.Ordinal);
        Assert.DoesNotContain(member.Pseudonym, byRole, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_shows_one_page_at_a_time()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var tag = Guid.NewGuid().ToString("N")[..6];
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 27; i++)
            {
                var pseudonym = $"Paged {tag} {i:00}";
                db.Users.Add(new ApplicationUser
                {
                    Id = Guid.NewGuid(), UserName = $"paged{tag}{i}@example.test", NormalizedUserName = $"PAGED{tag}{i}@EXAMPLE.TEST".ToUpperInvariant(),
                    Email = $"paged{tag}{i}@example.test", NormalizedEmail = $"PAGED{tag}{i}@EXAMPLE.TEST".ToUpperInvariant(),
                    Pseudonym = pseudonym, NormalizedPseudonym = Pseudonym.Normalize(pseudonym), SecurityStamp = Guid.NewGuid().ToString(),
                });
            }

            await db.SaveChangesAsync();
        });

        var first = await admin.PageTextAsync($"{Search}?q=Paged+{tag}");
        var second = await admin.PageTextAsync($"{Search}?q=Paged+{tag}&p=2");

        Assert.Contains($"Paged {tag} 00", first, StringComparison.Ordinal);
        Assert.Contains($"Paged {tag} 24", first, StringComparison.Ordinal);
        Assert.DoesNotContain($"Paged {tag} 25", first, StringComparison.Ordinal);
        Assert.Contains(">Next<", first, StringComparison.Ordinal);
        Assert.Contains($"Paged {tag} 26", second, StringComparison.Ordinal);
        Assert.DoesNotContain(">Next<", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_page_shows_their_groups_and_status()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var member = await app.CreateUserAsync();
        var group = await app.CreateGroupAsync();
        await app.AddMemberAsync(group.Id, member.Id);

        var page = await admin.PageTextAsync(AdminTestData.Person(member.Id));

        Assert.Contains(member.Pseudonym, page, StringComparison.Ordinal);
        Assert.Contains(member.Email, page, StringComparison.Ordinal);
        Assert.Contains($"{group.Name}: active", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri(AdminTestData.Person(Guid.NewGuid()), UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Granting_a_role_is_audited_shown_in_their_activity_and_applies_after_they_sign_in_again_within_a_minute()
    {
        var (admin, me) = await app.SignedInClientAsync(Roles.Admin);
        var (client, person) = await app.SignedInClientAsync();
        (await client.GetAsync(new Uri("/Facilitate", UriKind.Relative))).AssertRedirectTo("/Identity/Account/AccessDenied");

        (await ActAsync(admin, person.Id, "Grant", role: Roles.Facilitator)).AssertRedirectTo(AdminTestData.Person(person.Id));

        Assert.True(await IsInRoleAsync(person.Id, Roles.Facilitator));
        var audit = Assert.Single(await app.AuditAsync(person.Id));
        Assert.Equal((AuditActions.RoleGranted, me.Id, "Facilitator"), (audit.Action, audit.ActorId, audit.Reason));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        (await client.GetAsync(new Uri("/Facilitate", UriKind.Relative))).AssertRedirectTo("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(person.Email, person.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Facilitate", UriKind.Relative))).StatusCode);
        Assert.Contains("Given the Facilitator role by an admin", await client.PageTextAsync("/Identity/Account/Manage"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_role_takes_it_away_within_a_minute()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var (client, person) = await app.SignedInClientAsync(Roles.Facilitator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Facilitate", UriKind.Relative))).StatusCode);

        (await ActAsync(admin, person.Id, "Remove", role: Roles.Facilitator)).AssertRedirectTo(AdminTestData.Person(person.Id));
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.False(await IsInRoleAsync(person.Id, Roles.Facilitator));
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Facilitate", UriKind.Relative))).StatusCode);
        Assert.Contains(await app.AuditAsync(person.Id), a => a.Action == AuditActions.RoleRemoved && a.Reason == "Facilitator");
    }

    [Fact]
    public async Task A_role_that_is_not_on_the_list_is_refused()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var person = await app.CreateUserAsync();

        var response = await ActAsync(admin, person.Id, "Grant", role: "Superuser");

        response.AssertRedirectTo(AdminTestData.Person(person.Id));
        Assert.Contains("Error: choose a role from the list.", await admin.PageTextAsync(AdminTestData.Person(person.Id)), StringComparison.Ordinal);
        Assert.Empty(await app.AuditAsync(person.Id));
    }

    [Fact]
    public async Task Locking_an_account_signs_them_out_and_keeps_them_out_until_an_admin_unlocks_it()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var (client, person) = await app.SignedInClientAsync();

        (await ActAsync(admin, person.Id, "Lock", reason: "Asked us to pause their account")).AssertRedirectTo(AdminTestData.Person(person.Id));
        app.Clock.Advance(TimeSpan.FromMinutes(2));

        (await client.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative))).AssertRedirectTo("/Identity/Account/Login");
        (await app.CreateBrowserClient().SignInAsync(person.Email, person.Password)).AssertRedirectTo("/Identity/Account/Lockout");
        Assert.Contains("Locked by an admin", await admin.PageTextAsync(AdminTestData.Person(person.Id)), StringComparison.Ordinal);
        Assert.Contains(await app.AuditAsync(person.Id), a => a.Action == AuditActions.UserLocked && a.Reason == "Asked us to pause their account");

        (await ActAsync(admin, person.Id, "Unlock")).AssertRedirectTo(AdminTestData.Person(person.Id));

        Assert.Equal(HttpStatusCode.Redirect, (await client.SignInAsync(person.Email, person.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Identity/Account/Manage", UriKind.Relative))).StatusCode);
        Assert.Contains(await app.AuditAsync(person.Id), a => a.Action == AuditActions.UserUnlocked);
        var activity = await client.PageTextAsync("/Identity/Account/Manage");
        Assert.Contains("Account locked by an admin", activity, StringComparison.Ordinal);
        Assert.Contains("Account unlocked by an admin", activity, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_cannot_lock_their_own_account()
    {
        var (admin, me) = await app.SignedInClientAsync(Roles.Admin);

        (await ActAsync(admin, me.Id, "Lock")).AssertRedirectTo(AdminTestData.Person(me.Id));

        Assert.Contains("you can't lock your own account", await admin.PageTextAsync(AdminTestData.Person(me.Id)), StringComparison.Ordinal);
        Assert.Empty(await app.AuditAsync(me.Id));
    }

    [Fact]
    public async Task The_confirmation_email_can_be_sent_again_to_someone_who_has_not_confirmed()
    {
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var person = await app.CreateUserAsync();
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false)));

        (await ActAsync(admin, person.Id, "Resend")).AssertRedirectTo(AdminTestData.Person(person.Id));

        var mail = Assert.Single(app.MailTo(person.Email));
        Assert.Contains("/Identity/Account/ConfirmEmail?", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(await app.AuditAsync(person.Id), a => a.Action == AuditActions.ConfirmationResent);
    }

    [Theory]
    [InlineData(Roles.Member)]
    [InlineData(Roles.Facilitator)]
    [InlineData(Roles.SafeguardingLead)]
    public async Task People_without_the_admin_role_can_do_none_of_it(string role)
    {
        var (client, me) = await app.SignedInClientAsync(role);
        var other = await app.CreateUserAsync();
        var (admin, _) = await app.SignedInClientAsync(Roles.Admin);
        var token = await admin.FormTokenAsync(AdminTestData.Person(other.Id));

        (await client.GetAsync(new Uri(Search, UriKind.Relative))).AssertRedirectTo("/Identity/Account/AccessDenied");
        foreach (var (handler, target, field) in new[] { ("Grant", me.Id, Roles.Admin), ("Lock", other.Id, ""), ("Remove", other.Id, Roles.Facilitator), ("Resend", other.Id, "") })
        {
            var response = await client.PostFormAsync($"{AdminTestData.Person(target)}?handler={handler}", token, [new("role", field)]);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location!.OriginalString.Contains("AccessDenied", StringComparison.Ordinal), handler);
        }

        Assert.False(await IsInRoleAsync(me.Id, Roles.Admin));
        Assert.Empty(await app.AuditAsync(other.Id));
        Assert.Empty(await app.AuditAsync(me.Id));
    }
}

/// <summary>The service always keeps an admin. A fresh app, so the test's admin is the only one.</summary>
public sealed class LastAdminTests : IDisposable
{
    private readonly PeerCircleAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_last_admin_cannot_remove_their_own_admin_role_but_can_once_there_is_another()
    {
        var (admin, me) = await _app.SignedInClientAsync(Roles.Admin);
        var remove = () => admin.SubmitFormAsync(AdminTestData.Person(me.Id), [new("role", Roles.Admin)], $"{AdminTestData.Person(me.Id)}?handler=Remove");

        (await remove()).AssertRedirectTo(AdminTestData.Person(me.Id));

        Assert.Contains("This is the last admin: make someone else an admin first.", await admin.PageTextAsync(AdminTestData.Person(me.Id)), StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin))));
        Assert.Empty(await _app.AuditAsync(me.Id));

        await _app.CreateUserAsync(Roles.Admin);
        (await remove()).AssertRedirectTo(AdminTestData.Person(me.Id));

        Assert.Equal(1, await _app.WithDbAsync(db => db.UserRoles.CountAsync(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin))));
        Assert.Contains(await _app.AuditAsync(me.Id), a => a.Action == AuditActions.RoleRemoved && a.ActorId == me.Id);
    }
}
