using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Domain.Time;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Insight;

/// <summary>
/// The insight dashboard's page (admins: every group; facilitators: their own). Filters come in the
/// query string (a GET form, so a filtered view can be bookmarked); bad dates get a message, never an
/// error page. The CSV is the same report as the page and the charts.
/// </summary>
public abstract class InsightPageModel(InsightQueries queries, TimeProvider time) : PageModel
{
    public const int MaxDays = 366;

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? GroupId { get; set; }

    public IReadOnlyList<(Guid Id, string Name)> Groups { get; private set; } = [];

    public InsightResult? Report { get; private set; }

    public abstract string Heading { get; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await BuildAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await BuildAsync(cancellationToken);
        if (Report is null)
        {
            return Page();
        }

        return File(Encoding.UTF8.GetBytes(Csv(Report)), "text/csv; charset=utf-8", "peercircle-insight.csv");
    }

    /// <summary>The groups this viewer may see figures for, by name (null: every group).</summary>
    protected abstract Task<IReadOnlyList<(Guid Id, string Name)>> VisibleGroupsAsync(CancellationToken cancellationToken);

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        Groups = await VisibleGroupsAsync(cancellationToken);
        var today = DateOnly.FromDateTime(Zones.ToLocal(time.GetUtcNow().UtcDateTime, User.GetTimeZoneId()));
        To ??= today;
        From ??= To.Value.AddDays(-7 * 12);
        if (From > To)
        {
            ModelState.AddModelError(nameof(From), "The start date must be on or before the end date.");
        }
        else if (To.Value.DayNumber - From.Value.DayNumber >= MaxDays)
        {
            ModelState.AddModelError(nameof(From), "Choose a period of at most a year.");
        }

        if (GroupId is { } id && Groups.All(g => g.Id != id))
        {
            ModelState.AddModelError(nameof(GroupId), "Choose one of the groups in the list.");
        }

        if (!ModelState.IsValid)
        {
            return;
        }

        IReadOnlyCollection<Guid> scope = GroupId is { } one ? [one] : Groups.Select(g => g.Id).ToList();
        var fromUtc = DateTime.SpecifyKind(From.Value.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
        var toUtc = DateTime.SpecifyKind(To.Value.AddDays(1).ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
        Report = await queries.BuildAsync(scope, fromUtc, toUtc, cancellationToken);
    }

    /// <summary>What the charts draw: the same figures, with every withheld point as null.</summary>
    public object ChartData(InsightResult report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new
        {
            labels = report.Weeks.Select(w => w.Start.ToString("d MMM", CultureInfo.GetCultureInfo("en-GB"))).ToList(),
            sessionsHeld = report.Weeks.Select(w => (double?)w.SessionsHeld).ToList(),
            attendanceRate = report.Weeks.Select(w => w.AttendanceRate.Value).ToList(),
            newMembers = report.Weeks.Select(w => w.NewMembers.Value).ToList(),
            concernsRaised = report.Weeks.Select(w => w.ConcernsRaised.Value).ToList(),
            checkInChange = report.CheckInChange.Select(s => new { label = s.GroupName, data = s.Points.Select(p => p.Value).ToList() }).ToList(),
            waitedPerGroup = new
            {
                labels = report.Groups.Select(g => g.GroupName).ToList(),
                data = report.Groups.Select(g => g.PeopleWhoWaited.Value).ToList(),
            },
        };
    }

    private static string Csv(InsightResult report)
    {
        var csv = new StringBuilder();
        csv.AppendLine("section,week or group,figure,value");
        foreach (var week in report.Weeks)
        {
            var label = week.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Line(csv, "week", label, "sessions held", week.SessionsHeld.ToString(CultureInfo.InvariantCulture));
            Line(csv, "week", label, "attendance rate", week.AttendanceRate.Display);
            Line(csv, "week", label, "new members", week.NewMembers.Display);
            Line(csv, "week", label, "concerns raised", week.ConcernsRaised.Display);
        }

        foreach (var series in report.CheckInChange)
        {
            for (var i = 0; i < series.Points.Count; i++)
            {
                Line(csv, "check-in change", $"{series.GroupName} {report.Weeks[i].Start:yyyy-MM-dd}", "average change (closing minus opening)", series.Points[i].Display);
            }
        }

        foreach (var group in report.Groups)
        {
            Line(csv, "group", group.GroupName, "sessions", group.Sessions.ToString(CultureInfo.InvariantCulture));
            Line(csv, "group", group.GroupName, "attendance rate", group.AttendanceRate.Display);
            Line(csv, "group", group.GroupName, "people who waited for a seat", group.PeopleWhoWaited.Display);
            Line(csv, "group", group.GroupName, "waits per session", group.WaitsPerSession.Display);
            Line(csv, "group", group.GroupName, "average check-in change", group.CheckInChange.Display);
        }

        foreach (var row in report.Concerns)
        {
            Line(csv, "concerns", row.GroupName, "concerns raised", row.Raised.Display);
            Line(csv, "concerns", row.GroupName, "average time to acknowledge", row.HoursToAcknowledge.Display);
        }

        Line(csv, "concerns", "all groups", "average time to acknowledge", report.HoursToAcknowledge.Display);
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, params string[] cells) =>
        csv.AppendLine(string.Join(',', cells.Select(Cell)));

    /// <summary>Quoted, and never read as a formula by a spreadsheet (a group name starting with = + - @).</summary>
    private static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "'" + value
            : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
