using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Pages.Facilitate.Concerns;

/// <summary>
/// A facilitator's concerns: drafts from the risk detector waiting in the groups they facilitate, and
/// the concerns they raised with their status. Nothing of other groups, nothing of the leads' notes.
/// </summary>
public sealed class IndexModel(PeerCircleDbContext db) : PageModel
{
    [Microsoft.AspNetCore.Mvc.TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<Row> Drafts { get; private set; } = [];

    public IReadOnlyList<Row> Raised { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var myGroups = db.Groups.Where(g => g.Facilitators.Any(f => f.UserId == me)).Select(g => g.Id);
        Drafts = await Project(db.Concerns.AsNoTracking()
                .Where(c => c.Status == ConcernStatus.Draft && c.GroupId != null && myGroups.Contains(c.GroupId.Value))
                .OrderBy(c => c.CreatedUtc))
            .ToListAsync(cancellationToken);
        Raised = await Project(db.Concerns.AsNoTracking()
                .Where(c => c.RaisedBy == me && c.Status != ConcernStatus.Draft)
                .OrderByDescending(c => c.OpenedUtc ?? c.CreatedUtc)
                .Take(100))
            .ToListAsync(cancellationToken);
    }

    private IQueryable<Row> Project(IQueryable<Concern> concerns) => concerns.Select(c => new Row(
        c.Id, db.Groups.Where(g => g.Id == c.GroupId).Select(g => g.Name).FirstOrDefault() ?? string.Empty,
        db.Users.Where(u => u.Id == c.SubjectId).Select(u => u.Pseudonym).FirstOrDefault(),
        c.Status, c.OpenedUtc ?? c.CreatedUtc));

    public sealed record Row(Guid Id, string GroupName, string? Subject, ConcernStatus Status, DateTime SinceUtc);
}
