using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Bench.Pages;

/// <summary>Who and what the load run uses, from the generated data.</summary>
internal sealed record Manifest(
    int Scale, string AdminEmail, string MemberEmail, Guid MemberGroupId, Guid ThreadId, int ThreadPosts,
    Guid WriteGroupId, IReadOnlyList<Guid> WriteThreadIds, IReadOnlyList<Guid> WriteSessionIds, IReadOnlyList<string> WriterEmails,
    IReadOnlyDictionary<string, long> Rows, TimeSpan Elapsed);

/// <summary>
/// Fills a fresh database with a community at scale <c>k</c> (S1: k = 1; S10: k = 10): 2,000k people
/// (1 admin, 2 facilitators per group, the rest members), 100k groups, 50 sessions per group (5,000k:
/// 25 held in the past weeks, 25 to come), 500 board posts per group (10 threads of 50 posts: 50,000k)
/// and 80 live-room messages in each held session (200,000k). Everything is built with the domain's
/// own rules (memberships through <see cref="Membership.Join"/>, seats through
/// <see cref="Session.Reserve"/> so bookings stay within capacity with a waitlist beyond it, sessions
/// started and ended by their verified facilitator, posts through <see cref="Share.Reply"/>), then
/// bulk-inserted (<see cref="BulkInserter"/>). Every person has the same password, hashed once.
/// </summary>
internal static class DataGenerator
{
    public const string Password = "PeerCircle-bench-1";
    public const int SessionsPerGroup = 50;
    public const int PastSessionsPerGroup = 25;
    public const int ThreadsPerGroup = 10;
    public const int PostsPerThread = 50;
    public const int MessagesPerHeldSession = 80;
    public const int GroupsPerMember = 3;
    public const int Writers = 32;

    /// <summary>Upcoming sessions of the writers' group kept free for the writers: 4 of them book and cancel in each.</summary>
    public const int WriteSessions = 8;

    private static readonly string[] s_lines =
    [
        "Thanks for sharing that, it really helps to hear I'm not the only one.",
        "My manager changed my shifts again without asking and I didn't know what to say.",
        "I tried the breathing thing from last week before a meeting and it helped a bit.",
        "Does anyone else find Sunday evenings the hardest part of the week?",
        "I finally asked for a day off to rest and they said yes.",
        "Still finding it hard to switch off after a late shift, any ideas welcome.",
        "Small win: I spoke up in the team meeting today.",
        "Feeling a bit better than last time we met.",
    ];

    private static readonly string[] s_titles =
    [
        "Saying no to extra shifts", "First week nerves", "How do you switch off?", "Commute stress",
        "Wins this week", "Talking to my manager", "Sleep and late shifts", "Feeling stuck",
        "Asking for help", "What helped this month",
    ];

    public static string Email(int user) => user == 0 ? "admin@bench.test" : $"person{user}@bench.test";

    public static async Task<Manifest> GenerateAsync(string connectionString, int k)
    {
        var stopwatch = Stopwatch.StartNew();
        var options = DatabaseRegistration.UseSqlite(new DbContextOptionsBuilder<SqliteDbContext>(), connectionString).Options;
        await using var db = new SqliteDbContext((DbContextOptions<SqliteDbContext>)options);
        await db.Database.MigrateAsync();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");

        // Secondary indexes are dropped for the load and built again at the end (CREATE INDEX sorts once,
        // far cheaper than millions of random B-tree inserts); the unique ones then prove the data keeps them.
        var indexes = await IndexesAsync(db);
        foreach (var (name, _) in indexes)
        {
            var drop = "DROP INDEX \"" + name + "\";";
            await db.Database.ExecuteSqlRawAsync(drop);
        }

        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(now);
        var groupCount = 100 * k;
        var userCount = 2_000 * k;
        var facilitatorCount = 2 * groupCount;
        var firstMember = 1 + facilitatorCount;

        using var insert = new BulkInserter(db);
        var roles = Roles.All.ToDictionary(name => name, name => new IdentityRole<Guid>(name)
        {
            Id = Guid.NewGuid(), NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString(),
        });
        insert.AddRange(roles.Values);

        // One PBKDF2 hash for everyone: hashing 20,000 times would take minutes. The server still
        // verifies the password at every sign-in, as it must.
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Password);
        var userIds = new Guid[userCount];
        for (var u = 0; u < userCount; u++)
        {
            var email = Email(u);
            var user = new ApplicationUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true,
                Pseudonym = u == 0 ? "Admin" : $"Peer {u}",
                NormalizedPseudonym = Pseudonym.Normalize(u == 0 ? "Admin" : $"Peer {u}"),
                CreatedUtc = now.AddDays(-400),
                AgeConfirmedUtc = now.AddDays(-400),
                AgeConfirmedMinimum = AgeRequirement.Default,
                Region = "GB",
            };
            userIds[u] = user.Id;
            insert.Add(user);
            insert.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[Roles.Member].Id });
            if (u == 0)
            {
                insert.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[Roles.Admin].Id });
            }
            else if (u < firstMember)
            {
                insert.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[Roles.Facilitator].Id });
            }
        }

        // Each member joins GroupsPerMember groups, spread evenly.
        var membersOf = new List<int>[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            membersOf[g] = [];
        }

        for (var u = firstMember; u < userCount; u++)
        {
            for (var j = 0; j < GroupsPerMember; j++)
            {
                membersOf[(u * 7 + j * (groupCount / GroupsPerMember + 1)) % groupCount].Add(u);
            }
        }

        var topics = Enum.GetValues<Topic>();
        var formats = Enum.GetValues<GroupFormat>();
        var zones = new[] { "Europe/London", "Europe/Dublin", "America/New_York", "Australia/Sydney" };
        var trainingStart = today.AddYears(-1);
        Manifest? manifest = null;
        Guid memberThread = Guid.Empty, writeGroup = Guid.Empty;
        var writeSessions = new List<Guid>();
        var writeThreads = new List<Guid>();
        var memberUser = firstMember; // a member of group (firstMember * 7) % groupCount and two others
        var memberGroup = Guid.Empty;
        var writers = new List<string>();
        var created = now.AddDays(-7 * (PastSessionsPerGroup + 2));

        for (var g = 0; g < groupCount; g++)
        {
            var topic = topics[g % topics.Length];
            var format = formats[g % formats.Length];
            var capacity = 6 + (g % 9);
            var zone = zones[g % zones.Length];
            var group = new Group(
                new GroupDetails($"Bench circle {g + 1}: {topic}", "A small, friendly peer support group for young workers, led by trained peers.",
                    g % 3 == 0 ? [topic, topics[(g + 3) % topics.Length]] : [topic], format,
                    format == GroupFormat.Online ? "PeerCircle live room" : "Community centre, room 2", zone, capacity,
                    g % 4 == 3 ? JoinPolicy.ByRequest : JoinPolicy.Open, Listed: g % 10 != 9, RequiresCoFacilitation: false),
                "Listen actively. Be kind. What is shared here stays here, unless someone's safety is at immediate risk.", created);
            var facilitators = new[] { 1 + 2 * g, 2 + 2 * g };
            var trainings = new Dictionary<Guid, IReadOnlyList<TrainingRecord>>();
            foreach (var f in facilitators)
            {
                group.AssignFacilitator(userIds[f], created);
                var training = new TrainingRecord(userIds[f], "Peer support facilitation", "Bench", trainingStart, trainingStart.AddYears(3), created);
                training.Verify(userIds[0], created);
                trainings[userIds[f]] = [training];
                insert.Add(training);
            }

            insert.Add(group);
            insert.AddRange(group.Topics);
            insert.AddRange(group.Agreements);
            insert.AddRange(group.Facilitators);

            var memberships = membersOf[g].Select(u => (User: u, Membership: Membership.Join(group, userIds[u], group.CurrentAgreementVersion, created))).ToList();
            foreach (var m in memberships)
            {
                if (m.Membership.Status == MembershipStatus.Pending)
                {
                    // A group that takes members by request: a facilitator approved them the next day.
                    m.Membership.Approve(userIds[facilitators[0]], created.AddDays(1));
                }

                insert.Add(m.Membership);
            }

            if (g == 0)
            {
                writeGroup = group.Id;
                writers.AddRange(memberships.Take(Writers).Select(m => Email(m.User)));
            }

            if (memberGroup == Guid.Empty && membersOf[g].Contains(memberUser))
            {
                memberGroup = group.Id;
            }

            // Sessions weekly: PastSessionsPerGroup held, the rest to come (the first in a day or so).
            for (var s = 0; s < SessionsPerGroup; s++)
            {
                var week = s - PastSessionsPerGroup;
                var start = now.Date.AddDays(1 + 7 * week).AddHours(17 + g % 4);
                var scheduledAt = start.AddDays(-10);
                var session = new Session(group, start, 60, s_titles[(g + s) % s_titles.Length], capacity, scheduledAt);
                var lead = userIds[facilitators[s % 2]];
                session.AssignFacilitator(group, lead, trainings[lead], scheduledAt);
                var isWriteSession = g == 0 && s >= SessionsPerGroup - WriteSessions;
                if (isWriteSession)
                {
                    // The load run's writers book and cancel here: nobody else holds a seat in these.
                    writeSessions.Add(session.Id);
                }
                else
                {
                    // capacity + 2 people try to book: the last two wait.
                    for (var b = 0; b < Math.Min(memberships.Count, capacity + 2); b++)
                    {
                        session.Reserve(group, memberships[(s * 5 + b) % memberships.Count].Membership, scheduledAt.AddHours(b));
                    }
                }

                var held = start < now;
                if (held)
                {
                    session.Start(group, lead, trainings, start);
                    session.End(lead, start.AddMinutes(60));
                }

                insert.Add(session);
                insert.AddRange(session.Bookings);
                insert.AddRange(session.Facilitators);

                if (held)
                {
                    var speakers = session.Bookings.Where(b => b.Status == BookingStatus.Going).Select(b => b.UserId).Append(lead).ToList();
                    for (var i = 0; i < MessagesPerHeldSession; i++)
                    {
                        var author = speakers[i % speakers.Count];
                        var said = start.AddSeconds(30 + i * 40);
                        insert.Add(Share.InSession(new ShareAuthor(author, group.Id, true, author != lead, author == lead), session.Id, start.AddMinutes(60),
                            365, ShareKind.SessionMessage, s_lines[(i + s) % s_lines.Length], ShareAudience.Group, ShareByline.Pseudonym, said));
                    }
                }
            }

            // The board: ThreadsPerGroup threads of PostsPerThread posts (the thread and its replies).
            for (var t = 0; t < ThreadsPerGroup; t++)
            {
                var opener = memberships[(t * 3) % memberships.Count];
                var startedAt = created.AddDays(1 + t * 15);
                var thread = Share.StartThread(new ShareAuthor(userIds[opener.User], group.Id, true, true, false), s_titles[t % s_titles.Length],
                    s_lines[t % s_lines.Length], ShareAudience.Group, ShareByline.Pseudonym, startedAt);
                insert.Add(thread);
                for (var r = 1; r < PostsPerThread; r++)
                {
                    var replier = memberships[(t + r) % memberships.Count];
                    insert.Add(Share.Reply(new ShareAuthor(userIds[replier.User], group.Id, true, true, false), thread, s_lines[(t + r) % s_lines.Length],
                        ShareAudience.Group, r % 5 == 0 ? ShareByline.Anonymous : ShareByline.Pseudonym, startedAt.AddMinutes(10 * r)));
                }

                if (g == 0)
                {
                    writeThreads.Add(thread.Id);
                }

                if (group.Id == memberGroup && memberThread == Guid.Empty)
                {
                    memberThread = thread.Id;
                }
            }
        }

        insert.Commit();
        foreach (var (_, sql) in indexes)
        {
            await db.Database.ExecuteSqlRawAsync(sql);
        }

        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        await CheckAsync(db, writeSessions, memberThread, memberGroup, userIds[memberUser]);
        manifest = new Manifest(k, Email(0), Email(memberUser), memberGroup, memberThread, PostsPerThread, writeGroup, writeThreads, writeSessions,
            writers, insert.RowsByTable, stopwatch.Elapsed);
        return manifest;
    }

    private static async Task<List<(string Name, string Sql)>> IndexesAsync(SqliteDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL";
        var indexes = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        return indexes;
    }

    /// <summary>Reads the generated rows back through EF Core: if a column were written in the wrong format, these would not match.</summary>
    private static async Task CheckAsync(SqliteDbContext db, List<Guid> writeSessions, Guid thread, Guid group, Guid member)
    {
        var writeSessionsReady = await db.Sessions.CountAsync(s => writeSessions.Contains(s.Id) && s.Status == SessionStatus.Scheduled && s.SeatsTaken == 0);
        var posts = await db.Shares.CountAsync(s => s.Id == thread || s.ThreadId == thread);
        var membership = await db.Memberships.AsNoTracking().SingleAsync(m => m.GroupId == group && m.UserId == member);
        var overbooked = await db.Sessions.CountAsync(s => s.SeatsTaken > s.Capacity);
        var seatsMismatch = await db.Sessions.CountAsync(s => s.SeatsTaken != db.Bookings.Count(b => b.SessionId == s.Id && b.Status == BookingStatus.Going));
        var upcoming = await db.Bookings.CountAsync(b => b.UserId == member && b.Status != BookingStatus.Cancelled);
        if (writeSessionsReady != WriteSessions || posts != PostsPerThread || membership.Status != MembershipStatus.Active
            || overbooked != 0 || seatsMismatch != 0 || upcoming == 0)
        {
            throw new InvalidOperationException(
                $"Generated data failed its check: {writeSessionsReady} of {WriteSessions} empty sessions for the writers, thread posts {posts}, membership {membership.Status}, "
                + $"overbooked sessions {overbooked}, seat counts not matching bookings {seatsMismatch}, member's bookings {upcoming}.");
        }
    }
}
