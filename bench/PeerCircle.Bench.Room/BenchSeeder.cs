using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Rooms;
using PeerCircle.Domain.Sessions;

namespace PeerCircle.Bench.Room;

/// <summary>One seeded room: its session, its facilitator and its members (in that order in <see cref="People"/>).</summary>
internal sealed record BenchRoom(int Index, Guid SessionId, IReadOnlyList<BenchPerson> People);

internal sealed record BenchPerson(Guid Id, string Email, bool IsFacilitator);

/// <summary>
/// Bench-only seeding, straight into the fresh SQLite file before the server starts (the app ships no
/// such path). It goes through the domain's own rules, as the app does: an online group with its
/// agreement and a facilitator whose training an admin verified; a session starting in ten minutes with
/// that facilitator assigned; members who joined the group and booked a seat; the facilitator starts the
/// session (the room opens), and everyone acknowledges the agreement for it (a RoomParticipant row).
/// </summary>
internal static class BenchSeeder
{
    public const string Password = "PeerCircle-bench-1";

    public static async Task<IReadOnlyList<BenchRoom>> SeedAsync(string connectionString, int rooms, int membersPerRoom)
    {
        var options = DatabaseRegistration.UseSqlite(new DbContextOptionsBuilder<SqliteDbContext>(), connectionString).Options;
        await using var db = new SqliteDbContext((DbContextOptions<SqliteDbContext>)options);
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var now = DateTime.UtcNow;
        var roles = Roles.All.Select(name => new IdentityRole<Guid>(name)
        {
            Id = Guid.NewGuid(), NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString(),
        }).ToDictionary(r => r.Name!);
        db.Roles.AddRange(roles.Values);

        // One hash for everyone (same password): hashing 1,550 times would only slow the bench down. The
        // server still verifies the password on every sign-in, as it must.
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Password);
        ApplicationUser NewUser(string email, string pseudonym, params string[] userRoles)
        {
            var user = new ApplicationUser
            {
                Id = Guid.NewGuid(),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                Pseudonym = pseudonym,
                NormalizedPseudonym = Pseudonym.Normalize(pseudonym),
                CreatedUtc = now,
                AgeConfirmedUtc = now,
                AgeConfirmedMinimum = AgeRequirement.Default,
                Region = "GB",
            };
            db.Users.Add(user);
            foreach (var role in userRoles.Prepend(Roles.Member))
            {
                db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[role].Id });
            }

            return user;
        }

        var admin = NewUser("bench-admin@peercircle.test", "Bench admin", Roles.Admin);
        var today = DateOnly.FromDateTime(now);
        var result = new List<BenchRoom>(rooms);
        for (var r = 0; r < rooms; r++)
        {
            var facilitator = NewUser($"bench-f{r}@peercircle.test", $"Facilitator {r}", Roles.Facilitator);
            var training = new TrainingRecord(facilitator.Id, "Peer support facilitation", "Bench", today.AddMonths(-2), today.AddMonths(22), now);
            training.Verify(admin.Id, now);
            db.TrainingRecords.Add(training);

            var group = new Group(
                new GroupDetails($"Bench room {r}", "A group for the live room benchmark.", [Topic.WorkStress], GroupFormat.Online,
                    "PeerCircle live room", "Europe/London", membersPerRoom, JoinPolicy.Open, Listed: false, RequiresCoFacilitation: false),
                "Listen actively. Be kind. What is shared here stays here.", now);
            group.AssignFacilitator(facilitator.Id, now);
            db.Groups.Add(group);

            var session = new Session(group, now.AddMinutes(10), 90, "Benchmark", membersPerRoom, now);
            session.AssignFacilitator(group, facilitator.Id, [training], now);
            var people = new List<BenchPerson> { new(facilitator.Id, facilitator.Email!, true) };
            for (var m = 0; m < membersPerRoom; m++)
            {
                var member = NewUser($"bench-m{r}-{m}@peercircle.test", $"Member {r}-{m}");
                var membership = Membership.Join(group, member.Id, group.CurrentAgreementVersion, now);
                db.Memberships.Add(membership);
                session.Reserve(group, membership, now);
                people.Add(new BenchPerson(member.Id, member.Email!, false));
            }

            // What RoomService.StartAsync does: the facilitator starts the session and its room opens.
            session.Start(group, facilitator.Id, new Dictionary<Guid, IReadOnlyList<TrainingRecord>> { [facilitator.Id] = [training] }, now);
            db.Sessions.Add(session);
            var room = new SessionRoom(session, now);
            db.SessionRooms.Add(room);
            foreach (var person in people)
            {
                db.RoomParticipants.Add(RoomParticipant.Acknowledge(room, person.Id, person.IsFacilitator, group.CurrentAgreementVersion, now));
            }

            result.Add(new BenchRoom(r, session.Id, people));
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        return result;
    }
}
