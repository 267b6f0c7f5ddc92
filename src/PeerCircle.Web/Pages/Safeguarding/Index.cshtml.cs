using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Safeguarding;

namespace PeerCircle.Web.Pages.Safeguarding;

/// <summary>
/// The safeguarding leads' queue: every concern not yet finished, oldest first, with how long it has
/// waited. It lists concerns, never what was shared: that is read on a concern, with a reason.
/// </summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<Row> Queue { get; private set; } = [];

    public IReadOnlyList<Row> RecentlyFinished { get; private set; } = [];

    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NowUtc = time.GetUtcNow().UtcDateTime;
        var concerns = db.Concerns.AsNoTracking();
        Queue = await Project(concerns
                .Where(c => c.Status != ConcernStatus.Closed && c.Status != ConcernStatus.Dismissed)
                .OrderBy(c => c.OpenedUtc ?? c.CreatedUtc))
            .ToListAsync(cancellationToken);
        RecentlyFinished = await Project(concerns
                .Where(c => c.Status == ConcernStatus.Closed || c.Status == ConcernStatus.Dismissed)
                .OrderByDescending(c => c.ClosedUtc)
                .Take(20))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Where a concern from a one-to-one pairing arose (it has no group).</summary>
    public const string OneToOneName = "One-to-one support";

    private IQueryable<Row> Project(IQueryable<Concern> concerns) => concerns.Select(c => new Row(
        c.Id, c.PairingId != null ? OneToOneName : db.Groups.Where(g => g.Id == c.GroupId).Select(g => g.Name).FirstOrDefault() ?? "(a group no longer there)",
        c.Source, c.Status, c.CreatedUtc, c.OpenedUtc ?? c.CreatedUtc, c.ClosedUtc, c.Snapshots.Count));

    public sealed record Row(Guid Id, string GroupName, ConcernSource Source, ConcernStatus Status, DateTime CreatedUtc, DateTime WaitingSinceUtc,
        DateTime? ClosedUtc, int Shares);
}
