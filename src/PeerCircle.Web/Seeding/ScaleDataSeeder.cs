using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Time;

namespace PeerCircle.Web.Seeding;

/// <summary>
/// Realistic volume for performance work (Seed:Scale = number of groups, e.g. 500; Seed:ScaleSessionsPerGroup,
/// default 40, so 20,000 sessions). Groups of every topic, format, join policy and time zone, each with
/// its agreement and a weekly session at a local evening time. Bulk-inserted in batches with change
/// detection off, in one transaction. Tops up to the number asked for, so it is safe to run at every start.
/// </summary>
internal sealed class ScaleDataSeeder(PeerCircleDbContext db, TimeProvider time, ILogger<ScaleDataSeeder> logger)
{
    public const int DefaultSessionsPerGroup = 40;
    private const int GroupsPerBatch = 50;

    private static readonly string[] s_who =
    [
        "Apprentices'", "First-job", "Night-shift", "Retail workers'", "Care workers'", "Remote workers'", "Hospitality",
        "Graduates'", "Warehouse", "Call-centre", "Trainee nurses'", "Young parents at work",
    ];

    private static readonly (string Name, DayOfWeek Day, TimeSpan LocalTime)[] s_when =
    [
        ("Monday evening", DayOfWeek.Monday, new(18, 30, 0)), ("Tuesday lunchtime", DayOfWeek.Tuesday, new(12, 30, 0)),
        ("Wednesday evening", DayOfWeek.Wednesday, new(19, 0, 0)), ("Thursday evening", DayOfWeek.Thursday, new(18, 0, 0)),
        ("Saturday morning", DayOfWeek.Saturday, new(10, 30, 0)), ("Sunday afternoon", DayOfWeek.Sunday, new(15, 0, 0)),
    ];

    private static readonly string[] s_zones = ["Europe/London", "Europe/London", "Europe/Dublin", "America/New_York", "America/Toronto", "Australia/Sydney"];

    private static readonly string[] s_prompts =
    [
        "", "Setting boundaries with a manager", "Sunday-night dread", "When the commute is the hardest part",
        "Saying no without guilt", "Small wins this week", "Sleep and shift work", "Asking for help at work",
    ];

    private static readonly string[] s_rooms = ["PeerCircle live room", "Community centre, room 2", "Library meeting room", "Youth hub, first floor"];

    public async Task SeedAsync(int groupCount, int sessionsPerGroup, CancellationToken cancellationToken = default)
    {
        var existing = await db.Groups.CountAsync(cancellationToken);
        if (existing >= groupCount)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var now = time.GetUtcNow().UtcDateTime;
        var topics = Enum.GetValues<Topic>();
        var formats = Enum.GetValues<GroupFormat>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        for (var batchStart = existing; batchStart < groupCount; batchStart += GroupsPerBatch)
        {
            for (var i = batchStart; i < Math.Min(groupCount, batchStart + GroupsPerBatch); i++)
            {
                var topic = topics[i % topics.Length];
                var format = formats[i / topics.Length % formats.Length];
                var zone = s_zones[i % s_zones.Length];
                var capacity = 6 + (i % 9);
                var when = s_when[i % s_when.Length];
                var group = new Group(
                    new GroupDetails(
                        $"{s_who[i % s_who.Length]} {TopicNames.Display(topic).ToLowerInvariant()} circle, {when.Name} #{i + 1}",
                        $"A small, friendly group for young workers to talk about {TopicNames.Display(topic).ToLowerInvariant()}, led by trained peers.",
                        i % 3 == 0 ? [topic, topics[(i + 3) % topics.Length]] : [topic],
                        format,
                        format == GroupFormat.Online ? s_rooms[0] : s_rooms[1 + (i % (s_rooms.Length - 1))],
                        zone,
                        capacity,
                        i % 4 == 0 ? JoinPolicy.ByRequest : JoinPolicy.Open,
                        Listed: i % 10 != 9,
                        RequiresCoFacilitation: i % 7 == 0),
                    "Listen actively. Be kind. Share your story without hogging the conversation. "
                    + "What is shared here stays here, unless someone's safety is at immediate risk. No judgment.",
                    now);
                db.Groups.Add(group);

                // Weekly on the day and at the local time the name says, from the next such day on.
                var tomorrow = Zones.ToLocal(now, zone).Date.AddDays(1);
                var firstLocal = tomorrow.AddDays(((int)when.Day - (int)tomorrow.DayOfWeek + 7) % 7) + when.LocalTime;
                for (var week = 0; week < sessionsPerGroup; week++)
                {
                    var start = Zones.ToUtc(firstLocal.AddDays(7 * week), zone);
                    db.Sessions.Add(new Session(group, start, 60 + (i % 3 * 15), s_prompts[(i + week) % s_prompts.Length], capacity, now));
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        logger.LogInformation(new EventId(1902, "ScaleDataSeeded"), "Seeded {Groups} groups with {Sessions} sessions each in {Elapsed} ms",
            groupCount - existing, sessionsPerGroup, stopwatch.ElapsedMilliseconds);
    }
}
