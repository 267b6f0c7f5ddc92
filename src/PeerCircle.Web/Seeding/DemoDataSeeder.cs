using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Sessions;

namespace PeerCircle.Web.Seeding;

/// <summary>
/// Demo people for a local run (Seed:DemoData, on in Development). Idempotent: an account that
/// already exists is left as it is. All share the demo password, documented in the README.
/// </summary>
internal sealed class DemoDataSeeder(UserManager<ApplicationUser> users, PeerCircleDbContext db, TimeProvider time, ILogger<DemoDataSeeder> logger)
{
    public const string DemoPassword = "PeerCircle-demo-1";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin@peercircle.test", "Ash", [Roles.Admin]),
        new("lead@peercircle.test", "Lee", [Roles.SafeguardingLead]),
        new("facilitator@peercircle.test", "Frankie", [Roles.Facilitator]),
        new("facilitator2@peercircle.test", "Robin", [Roles.Facilitator]),
        new("member@peercircle.test", "Sam", []),
        new("member2@peercircle.test", "Alex", []),
        new("member3@peercircle.test", "Jordan", []),
    ];

    public async Task SeedAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var account in Accounts)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }

            var user = new ApplicationUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                Pseudonym = account.Pseudonym,
                CreatedUtc = now,
                AgeConfirmedUtc = now,
                AgeConfirmedMinimum = AgeRequirement.Default,
                Region = "GB",
            };
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not create demo account: {string.Join("; ", result.Errors.Select(e => e.Code))}");
            }

            await users.AddToRolesAsync(user, [Roles.Member, .. account.Roles]);
        }

        await SeedGroupsAsync(now);
        await SeedSupporterAsync(now);
        logger.LogInformation(new EventId(1901, "DemoDataSeeded"), "Demo accounts and groups are ready");
    }

    public const string DemoAgreement =
        """
        1. Listen actively: let people finish, and don't rush to fix things.
        2. Be empathetic and avoid judgment.
        3. Share your story, but leave room for everyone.
        4. What is shared here stays here, unless someone's safety is at immediate risk.
        5. Use your pseudonym; don't share other people's names or contact details.
        """;

    /// <summary>Three groups with trained facilitators and a few weeks of sessions, once.</summary>
    private async Task SeedGroupsAsync(DateTime now)
    {
        if (await db.Groups.AnyAsync())
        {
            return;
        }

        var ids = await db.Users.Where(u => u.Email!.EndsWith("@peercircle.test"))
            .ToDictionaryAsync(u => u.Email!, u => u.Id);
        var admin = ids["admin@peercircle.test"];
        var frankie = ids["facilitator@peercircle.test"];
        var robin = ids["facilitator2@peercircle.test"];
        foreach (var facilitator in new[] { frankie, robin })
        {
            var training = new TrainingRecord(facilitator, "Peer support facilitation", "Mind", DateOnly.FromDateTime(now).AddMonths(-2), DateOnly.FromDateTime(now).AddMonths(22), now);
            training.Verify(admin, now);
            db.TrainingRecords.Add(training);
        }

        var groups = new[]
        {
            (new GroupDetails("After-hours work stress", "For anyone whose job follows them home: long shifts, pressure, and switching off.",
                [Topic.WorkStress, Topic.Burnout], GroupFormat.Online, "PeerCircle live room", "Europe/London", 10, JoinPolicy.Open, true, false),
                RecurrenceFrequency.Weekly, new TimeOnly(18, 30), frankie),
            (new GroupDetails("New to work", "First job or new job nerves, in a small group that gets it.",
                [Topic.NewToWork, Topic.Anxiety], GroupFormat.Hybrid, "Community room, 12 High Street, and online", "Europe/London", 8, JoinPolicy.ByRequest, true, false),
                RecurrenceFrequency.Fortnightly, new TimeOnly(19, 0), robin),
            (new GroupDetails("Grief at work", "Going back to work after losing someone.",
                [Topic.Grief], GroupFormat.Online, "PeerCircle live room", "Europe/London", 6, JoinPolicy.ByRequest, false, false),
                RecurrenceFrequency.Monthly, new TimeOnly(18, 0), frankie),
        };

        var firstDate = DateOnly.FromDateTime(now).AddDays(2);
        var members = new[] { ids["member@peercircle.test"], ids["member2@peercircle.test"] };
        foreach (var (details, frequency, localTime, facilitator) in groups)
        {
            var group = new Group(details, DemoAgreement, now);
            group.AssignFacilitator(facilitator, now);
            db.Groups.Add(group);
            var series = new SessionSeries(group, frequency, firstDate, localTime, 90, "Open conversation", details.Capacity, 6, now);
            db.SessionSeries.Add(series);
            var sessions = series.CreateSessions(group, now);
            var training = db.TrainingRecords.Local.Where(t => t.UserId == facilitator).ToList();
            foreach (var session in sessions)
            {
                session.AssignFacilitator(group, facilitator, training, now);
            }

            db.Sessions.AddRange(sessions);
            if (details.JoinPolicy == JoinPolicy.Open)
            {
                foreach (var member in members)
                {
                    var membership = Membership.Join(group, member, group.CurrentAgreementVersion, now);
                    db.Memberships.Add(membership);
                    sessions[0].Reserve(group, membership, now);
                }
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Robin offers one-to-one support (new to work, anxiety, work stress; weekday evenings, London), once.</summary>
    private async Task SeedSupporterAsync(DateTime now)
    {
        var robin = await db.Users.Where(u => u.Email == "facilitator2@peercircle.test").Select(u => u.Id).SingleAsync();
        var today = DateOnly.FromDateTime(now);
        var trained = await db.TrainingRecords.AnyAsync(t => t.UserId == robin && t.VerifiedUtc != null && t.CompletedOn <= today && t.ExpiresOn >= today);
        if (!trained || await db.SupporterProfiles.AnyAsync(p => p.UserId == robin))
        {
            return;
        }

        var evenings = WeeklyAvailability.Create("Europe/London",
            [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday }
                .Select(d => new WeeklyWindow(d, new TimeOnly(18, 0), new TimeOnly(21, 0)))]);
        db.SupporterProfiles.Add(SupporterProfile.OptIn(robin, true, new SupporterDetails(
            "My first job was in a busy kitchen and I found it hard to speak up. Happy to listen and help you set small goals.",
            [Topic.NewToWork, Topic.Anxiety, Topic.WorkStress], ["English"], evenings, 3, true), now));
        await db.SaveChangesAsync();
    }

    public sealed record DemoAccount(string Email, string Pseudonym, string[] Roles);
}
