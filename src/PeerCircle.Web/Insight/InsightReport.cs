using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Web.Insight;

/// <summary>
/// Whether PeerCircle helps, without singling anyone out. Every figure is aggregated in the database
/// (grouped by week and group, never loading rows), and any figure computed from fewer than
/// <see cref="MinimumPeople"/> people is withheld — in the page, the chart data and the CSV alike,
/// because all three are made from this one report. Weeks are seven-day buckets counted from
/// 1 January (the last one of a year is short), which both database engines compute the same way.
/// </summary>
public sealed class InsightQueries(PeerCircleDbContext db)
{
    /// <summary>The k of k-anonymity: a figure about fewer people than this is shown as "fewer than 5".</summary>
    public const int MinimumPeople = 5;

    public const string Suppressed = "fewer than 5";

    /// <summary>
    /// The report for <paramref name="groupIds"/> (null: every group) between two dates (UTC, end exclusive).
    /// </summary>
    public async Task<InsightResult> BuildAsync(IReadOnlyCollection<Guid>? groupIds, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken = default)
    {
        var sessions = db.Sessions.AsNoTracking().Where(s => s.StartUtc >= fromUtc && s.StartUtc < toUtc);
        if (groupIds is not null)
        {
            sessions = sessions.Where(s => groupIds.Contains(s.GroupId));
        }

        var held = await sessions.Where(s => s.Status == SessionStatus.Ended)
            .GroupBy(s => new { s.StartUtc.Year, Week = (s.StartUtc.DayOfYear - 1) / 7 })
            .Select(g => new { g.Key.Year, g.Key.Week, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var recorded =
            from b in db.Bookings.AsNoTracking()
            join s in sessions on b.SessionId equals s.Id
            where s.Status == SessionStatus.Ended && (b.Attendance == Attendance.Attended || b.Attendance == Attendance.NoShow)
            select new { b.UserId, b.Attendance, s.GroupId, s.StartUtc };
        var attendanceByWeek = await recorded
            .GroupBy(r => new { r.StartUtc.Year, Week = (r.StartUtc.DayOfYear - 1) / 7 })
            .Select(g => new { g.Key.Year, g.Key.Week, Attended = g.Count(r => r.Attendance == Attendance.Attended), Recorded = g.Count(), People = g.Select(r => r.UserId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var attendanceByGroup = await recorded
            .GroupBy(r => r.GroupId)
            .Select(g => new { GroupId = g.Key, Attended = g.Count(r => r.Attendance == Attendance.Attended), Recorded = g.Count(), People = g.Select(r => r.UserId).Distinct().Count() })
            .ToListAsync(cancellationToken);

        // People who had to wait for a seat: still waiting, or given a seat from the waitlist.
        var waited = await (
                from b in db.Bookings.AsNoTracking()
                join s in sessions on b.SessionId equals s.Id
                where b.Status == BookingStatus.Waitlisted || b.PromotedUtc != null
                group b by s.GroupId into g
                select new { GroupId = g.Key, Waits = g.Count(), People = g.Select(b => b.UserId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var sessionsByGroup = await sessions.Where(s => s.Status != SessionStatus.Cancelled)
            .GroupBy(s => s.GroupId).Select(g => new { GroupId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var memberships = db.Memberships.AsNoTracking()
            .Where(m => m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Left || m.Status == MembershipStatus.Removed)
            .Select(m => new { m.UserId, m.GroupId, Joined = m.DecidedUtc ?? m.RequestedUtc })
            .Where(m => m.Joined >= fromUtc && m.Joined < toUtc);
        if (groupIds is not null)
        {
            memberships = memberships.Where(m => groupIds.Contains(m.GroupId));
        }

        var newMembers = await memberships
            .GroupBy(m => new { m.Joined.Year, Week = (m.Joined.DayOfYear - 1) / 7 })
            .Select(g => new { g.Key.Year, g.Key.Week, People = g.Select(m => m.UserId).Distinct().Count() })
            .ToListAsync(cancellationToken);

        // How people felt leaving compared with arriving: pairs of a check-in and a check-out by the same person in one session.
        var changes =
            from o in db.Shares.AsNoTracking()
            join c in db.Shares.AsNoTracking() on new { o.SessionId, o.AuthorId } equals new { c.SessionId, c.AuthorId }
            join s in sessions on o.SessionId equals s.Id
            where o.Kind == ShareKind.CheckIn && o.Score != null && c.Kind == ShareKind.CheckOut && c.Score != null
            select new { o.AuthorId, s.GroupId, s.StartUtc, Change = c.Score!.Value - o.Score!.Value };
        var changeByWeek = await changes
            .GroupBy(x => new { x.GroupId, x.StartUtc.Year, Week = (x.StartUtc.DayOfYear - 1) / 7 })
            .Select(g => new { g.Key.GroupId, g.Key.Year, g.Key.Week, Sum = g.Sum(x => x.Change), Pairs = g.Count(), People = g.Select(x => x.AuthorId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var changeByGroup = await changes
            .GroupBy(x => x.GroupId)
            .Select(g => new { GroupId = g.Key, Sum = g.Sum(x => x.Change), Pairs = g.Count(), People = g.Select(x => x.AuthorId).Distinct().Count() })
            .ToListAsync(cancellationToken);

        // Concerns that reached the safeguarding leads in the period, and how long until one acknowledged
        // each. Counted in the database; the waiting times are a bounded projection of two timestamps per
        // concern (the two engines share no translation of a date difference).
        var concerns = db.Concerns.AsNoTracking().Where(c => c.OpenedUtc != null && c.OpenedUtc >= fromUtc && c.OpenedUtc < toUtc);
        if (groupIds is not null)
        {
            concerns = concerns.Where(c => c.GroupId != null && groupIds.Contains(c.GroupId.Value));
        }

        var concernsByWeek = await concerns
            .GroupBy(c => new { c.OpenedUtc!.Value.Year, Week = (c.OpenedUtc!.Value.DayOfYear - 1) / 7 })
            .Select(g => new { g.Key.Year, g.Key.Week, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var waits = await concerns.Where(c => c.AcknowledgedUtc != null)
            .Select(c => new { c.GroupId, Opened = c.OpenedUtc!.Value, Acknowledged = c.AcknowledgedUtc!.Value })
            .ToListAsync(cancellationToken);
        var concernsByGroup = await concerns.GroupBy(c => c.GroupId).Select(g => new { GroupId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        var groupsQuery = db.Groups.AsNoTracking();
        if (groupIds is not null)
        {
            groupsQuery = groupsQuery.Where(g => groupIds.Contains(g.Id));
        }

        var groups = await groupsQuery.OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken);

        var buckets = Weeks(fromUtc, toUtc).ToList();
        var weeks = buckets.Select(w =>
        {
            var attendance = attendanceByWeek.SingleOrDefault(a => a.Year == w.Year && a.Week == w.Index);
            var joined = newMembers.SingleOrDefault(n => n.Year == w.Year && n.Week == w.Index);
            var raised = concernsByWeek.SingleOrDefault(c => c.Year == w.Year && c.Week == w.Index)?.Count ?? 0;
            return new InsightWeek(
                w.Start,
                held.SingleOrDefault(h => h.Year == w.Year && h.Week == w.Index)?.Count ?? 0,
                attendance is null ? Figure.None : Figure.Rate(attendance.Attended, attendance.Recorded, attendance.People),
                joined is null ? Figure.Count(0, 0) : Figure.Count(joined.People, joined.People),
                // Each concern is about a person: a count below five is withheld like any other.
                Figure.Count(raised, raised));
        }).ToList();

        var checkInSeries = groups.Select(g => new InsightSeries(g.Name, buckets.Select(w =>
        {
            var c = changeByWeek.SingleOrDefault(x => x.GroupId == g.Id && x.Year == w.Year && x.Week == w.Index);
            return c is null ? Figure.None : Figure.Average(c.Sum, c.Pairs, c.People);
        }).ToList())).Where(s => s.Points.Any(p => p.HasData)).ToList();

        var groupRows = groups.Select(g =>
        {
            var attendance = attendanceByGroup.SingleOrDefault(a => a.GroupId == g.Id);
            var wait = waited.SingleOrDefault(w => w.GroupId == g.Id);
            var change = changeByGroup.SingleOrDefault(c => c.GroupId == g.Id);
            var count = sessionsByGroup.SingleOrDefault(s => s.GroupId == g.Id)?.Count ?? 0;
            return new InsightGroupRow(
                g.Id,
                g.Name,
                count,
                attendance is null ? Figure.None : Figure.Rate(attendance.Attended, attendance.Recorded, attendance.People),
                wait is null ? Figure.Count(0, 0) : Figure.Count(wait.People, wait.People),
                wait is null || count == 0 ? Figure.None : Figure.Average(wait.Waits, count, wait.People),
                change is null ? Figure.None : Figure.Average(change.Sum, change.Pairs, change.People));
        }).ToList();

        var concernRows = groups.Select(g =>
        {
            var raised = concernsByGroup.SingleOrDefault(c => c.GroupId == g.Id)?.Count ?? 0;
            var acknowledged = waits.Where(w => w.GroupId == g.Id).ToList();
            return new InsightConcernRow(g.Name, Figure.Count(raised, raised), Figure.Hours(acknowledged.Select(a => (a.Acknowledged - a.Opened).TotalHours).ToList()));
        }).Where(r => r.Raised.HasData && r.Raised.Value != 0 || r.Raised.IsSuppressed).ToList();
        var allWaits = Figure.Hours(waits.Select(a => (a.Acknowledged - a.Opened).TotalHours).ToList());

        return new InsightResult(fromUtc, toUtc, weeks, checkInSeries, groupRows, concernRows, allWaits);
    }

    /// <summary>The seven-day buckets that meet [from, to): the same arithmetic as the queries' grouping.</summary>
    public static IEnumerable<(int Year, int Index, DateOnly Start)> Weeks(DateTime fromUtc, DateTime toUtc)
    {
        var seen = new HashSet<(int, int)>();
        for (var day = DateOnly.FromDateTime(fromUtc); day.ToDateTime(TimeOnly.MinValue) < toUtc; day = day.AddDays(1))
        {
            var index = (day.DayOfYear - 1) / 7;
            if (seen.Add((day.Year, index)))
            {
                yield return (day.Year, index, new DateOnly(day.Year, 1, 1).AddDays(index * 7));
            }
        }
    }
}

/// <summary>
/// One figure of the report. <see cref="Value"/> is null when there is nothing to show, or when it was
/// computed from fewer than <see cref="InsightQueries.MinimumPeople"/> people (<see cref="IsSuppressed"/>).
/// </summary>
public sealed record Figure(double? Value, bool IsSuppressed, string Display)
{
    public static readonly Figure None = new(null, false, "–");

    public bool HasData => Value is not null || IsSuppressed;

    public static Figure Count(int value, int people) =>
        people is > 0 and < InsightQueries.MinimumPeople ? Hidden : new(value, false, value.ToString(CultureInfo.InvariantCulture));

    public static Figure Rate(int part, int whole, int people) =>
        whole == 0 ? None : people < InsightQueries.MinimumPeople ? Hidden
            : new(Math.Round(100.0 * part / whole, 1), false, (100.0 * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%");

    public static Figure Average(int sum, int count, int people) =>
        count == 0 ? None : people < InsightQueries.MinimumPeople ? Hidden
            : new(Math.Round((double)sum / count, 2), false, ((double)sum / count).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture));

    /// <summary>The average of waiting times in hours, from at least five concerns.</summary>
    public static Figure Hours(IReadOnlyList<double> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (hours.Count == 0)
        {
            return None;
        }

        if (hours.Count < InsightQueries.MinimumPeople)
        {
            return Hidden;
        }

        var average = hours.Average();
        return new(Math.Round(average, 1), false, average.ToString("0.0", CultureInfo.InvariantCulture) + " hours");
    }

    private static Figure Hidden => new(null, true, InsightQueries.Suppressed);
}

public sealed record InsightWeek(DateOnly Start, int SessionsHeld, Figure AttendanceRate, Figure NewMembers, Figure ConcernsRaised);

public sealed record InsightConcernRow(string GroupName, Figure Raised, Figure HoursToAcknowledge);

public sealed record InsightSeries(string GroupName, IReadOnlyList<Figure> Points);

public sealed record InsightGroupRow(Guid GroupId, string GroupName, int Sessions, Figure AttendanceRate, Figure PeopleWhoWaited, Figure WaitsPerSession, Figure CheckInChange);

public sealed record InsightResult(
    DateTime FromUtc, DateTime ToUtc, IReadOnlyList<InsightWeek> Weeks, IReadOnlyList<InsightSeries> CheckInChange, IReadOnlyList<InsightGroupRow> Groups,
    IReadOnlyList<InsightConcernRow> Concerns, Figure HoursToAcknowledge);
