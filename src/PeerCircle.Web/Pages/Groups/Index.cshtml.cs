using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Pages.Groups;

/// <summary>
/// Browse the active, listed groups, filtered by topic and format, 20 to a page. Unlisted groups are
/// never listed: they are reached by their link. Two SQL commands whatever the amount of data: my
/// groups, and one page of groups with their topics, next session and (unless remembered) the count for paging.
/// </summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time, ListedGroupCounts counts) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "topic")]
    public Topic? Topic { get; set; }

    [BindProperty(SupportsGet = true, Name = "format")]
    public GroupFormat? Format { get; set; }

    /// <summary>The page number ("page" is taken by Razor Pages' own route value).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }

    public int PageCount { get; private set; } = 1;

    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];

    public IReadOnlyList<MyGroupRow> MyGroups { get; private set; } = [];

    public static IReadOnlyList<Topic> AllTopics { get; } = Enum.GetValues<Topic>();

    public static IReadOnlyList<GroupFormat> AllFormats { get; } = Enum.GetValues<GroupFormat>();

    // The list's queries, compiled once (EF.CompileAsyncQuery): EF Core otherwise builds, hashes and looks
    // up each query's expression tree on every request (issue 9, docs/performance.md). A filter left out is
    // a null parameter; EF Core writes the SQL for each combination of null and not-null parameters once,
    // so an unfiltered list's SQL has no trace of the filters.
    private static readonly Func<PeerCircleDbContext, Guid, IAsyncEnumerable<MyGroupRow>> s_myGroups = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, Guid me) => db.Memberships.AsNoTracking()
            .Where(m => m.UserId == me && (m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Pending))
            .Join(db.Groups.Where(g => g.Status == GroupStatus.Active), m => m.GroupId, g => g.Id,
                (m, g) => new { g.Id, g.Name, Pending = m.Status == MembershipStatus.Pending })
            .OrderBy(x => x.Name)
            .Select(x => new MyGroupRow(x.Id, x.Name, x.Pending)));

    // A group's topics are one scalar subquery joining their stored names with commas (group_concat on SQLite,
    // STRING_AGG on SQL Server), not a collection: EF Core shapes a collection projection row by row with
    // delegates it makes at run time, a tenth of the list's CPU (issue 9, docs/performance.md). A string.Join
    // over the navigation itself is not translated (EF Core fetches the collection and joins in .NET); over a
    // GroupBy it is.
    // The next session is two correlated scalar subqueries (index GroupId, StartUtc): no N+1, and
    // translatable by both providers (SQLite has no APPLY).
    // Each row also carries the number of groups the filter finds, an uncorrelated scalar subquery that the
    // database works out once for the statement: one query for the page and its count rather than two (issue 9).
    // The count comes from the same statement as the rows, so they agree. It is counted only when the filter's count
    // is not remembered (ListedGroupCounts: counting grows with the number of groups); otherwise SQLite never runs
    // the subquery (CASE WHEN @withCount) and each row carries -1.
    private static readonly Func<PeerCircleDbContext, Topic?, GroupFormat?, DateTime, int, bool, IAsyncEnumerable<CountedRow>> s_page = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, Topic? topic, GroupFormat? format, DateTime now, int skip, bool withCount) => db.Groups.AsNoTracking()
            .Where(g => g.Status == GroupStatus.Active && g.Listed
                && (topic == null || g.Topics.Any(x => x.Topic == topic))
                && (format == null || g.Format == format))
            .OrderBy(g => g.Name).ThenBy(g => g.Id)
            .Skip(skip).Take(PageSize)
            .Select(g => new CountedRow(new GroupRow(
                g.Id,
                g.Name,
                g.Format,
                g.JoinPolicy,
                db.Set<GroupTopic>().Where(x => x.GroupId == g.Id).GroupBy(x => x.GroupId)
                    .Select(x => string.Join(",", x.Select(t => t.Topic.ToString()))).FirstOrDefault(),
                db.Sessions.Where(s => s.GroupId == g.Id && s.Status == SessionStatus.Scheduled && s.StartUtc > now)
                    .OrderBy(s => s.StartUtc).Select(s => (DateTime?)s.StartUtc).FirstOrDefault(),
                db.Sessions.Where(s => s.GroupId == g.Id && s.Status == SessionStatus.Scheduled && s.StartUtc > now)
                    .OrderBy(s => s.StartUtc).Select(s => (int?)(s.Capacity - s.SeatsTaken)).FirstOrDefault()),
                withCount
                    ? db.Groups.Count(c => c.Status == GroupStatus.Active && c.Listed
                        && (topic == null || c.Topics.Any(x => x.Topic == topic))
                        && (format == null || c.Format == format))
                    : -1)));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // A hand-edited address (?topic=Banana) shows every group with a note, never an error page.
        if (!ModelState.IsValid || Topic is { } t && !Enum.IsDefined(t) || Format is { } f && !Enum.IsDefined(f))
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, "That filter isn't one we know, so all groups are shown. Choose a topic or format from the lists.");
            Topic = null;
            Format = null;
        }

        var me = User.GetUserId();
        var now = time.GetUtcNow().UtcDateTime;

        MyGroups = await s_myGroups(db, me).ToListAsync(cancellationToken);
        // The page asked for, with the count on its rows. Only an empty answer past page 1 (an old or hand-edited link)
        // needs another look: the first page's rows carry the count, and then the last page is shown.
        // Not past the page whose first row's offset still fits an int (a hand-edited ?p=999999999 would overflow it).
        // A remembered count (ListedGroupCounts) spares the count; a page found empty is read again with a fresh one.
        var requested = Math.Clamp(PageNumber, 1, int.MaxValue / PageSize);
        var known = counts.Find(Topic, Format);
        var shown = requested;
        var rows = await PageAsync(shown, withCount: known is null);
        if (rows.Count == 0 && (shown > 1 || known is not null))
        {
            shown = 1;
            known = null;
            rows = await PageAsync(shown, withCount: true);
        }

        Total = known ?? (rows.Count > 0 ? rows[0].Total : 0);
        if (known is null)
        {
            counts.Remember(Topic, Format, Total);
        }

        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(requested, 1, PageCount);
        if (PageNumber != shown)
        {
            rows = await PageAsync(PageNumber, withCount: false);
        }

        Groups = rows.ConvertAll(r => r.Group);

        async Task<List<CountedRow>> PageAsync(int page, bool withCount) =>
            await s_page(db, Topic, Format, now, (page - 1) * PageSize, withCount).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The address of another page of the same filtered list: the list's address with the page and the filter as
    /// its query, written here rather than by a route lookup of the anchor tag helper on every list (issue 9).
    /// </summary>
    public string PageLink(int pageNumber)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal) { ["p"] = pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (Topic is { } topic)
        {
            values["topic"] = topic.ToString();
        }

        if (Format is { } format)
        {
            values["format"] = format.ToString();
        }

        return QueryHelpers.AddQueryString(Url.Content("~/Groups"), values);
    }

    public sealed record GroupRow(
        Guid Id, string Name, GroupFormat Format, JoinPolicy JoinPolicy, string? TopicNames, DateTime? NextStartUtc, int? NextSeatsLeft)
    {
        /// <summary>The group's topics in their enum order, read from the query's comma-joined names.</summary>
        public IEnumerable<Topic> Topics => JoinedTopics.Parse(TopicNames);

        /// <summary>The group's id as the page writes it (its heading's id, its link): made once, not once per use (issue 9).</summary>
        public string IdText { get; } = Id.ToString();
    }

    public sealed record MyGroupRow(Guid Id, string Name, bool Pending);

    private sealed record CountedRow(GroupRow Group, int Total);
}
