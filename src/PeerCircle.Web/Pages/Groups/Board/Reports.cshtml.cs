using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Groups.Board;

/// <summary>The facilitators' review queue: open reports of posts in their group, oldest first.</summary>
public sealed class ReportsModel(PeerCircleDbContext db, TimeProvider time, AuditLog audit) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public BoardContext Board { get; private set; } = null!;

    public IReadOnlyList<ReportRow> Open { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid groupId, CancellationToken cancellationToken) =>
        await LoadAsync(groupId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCloseAsync(Guid groupId, Guid reportId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(groupId, cancellationToken))
        {
            return NotFound();
        }

        var report = await db.ShareReports.SingleOrDefaultAsync(r => r.Id == reportId && r.GroupId == groupId, cancellationToken);
        if (report is null)
        {
            return NotFound();
        }

        if (!ModelState.TryDomain(() => report.Close(Board.Moderator, time.GetUtcNow().UtcDateTime)))
        {
            return Page();
        }

        audit.Record(Board.Viewer.UserId, AuditActions.ReportClosed, nameof(ShareReport), report.Id, groupId);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = "The report is marked as reviewed.";
        return RedirectToPage(new { groupId });
    }

    /// <summary>Only the group's facilitators; for anyone else the page does not exist.</summary>
    private async Task<bool> LoadAsync(Guid groupId, CancellationToken cancellationToken)
    {
        var board = await BoardAccess.LoadAsync(db, groupId, User.GetUserId(), cancellationToken);
        if (board is null || !board.IsFacilitator)
        {
            return false;
        }

        Board = board;
        Open = await db.ShareReports.AsNoTracking()
            .Where(r => r.GroupId == groupId && r.ClosedUtc == null)
            .OrderBy(r => r.CreatedUtc)
            .Join(db.Shares, r => r.ShareId, s => s.Id, (r, s) => new ReportRow(
                r.Id, r.Reason, r.CreatedUtc, s.Id, s.ThreadId ?? s.Id, s.Title, s.Text, s.HiddenUtc != null, s.WithdrawnUtc != null))
            .ToListAsync(cancellationToken);
        return true;
    }

    public sealed record ReportRow(Guid Id, string Reason, DateTime CreatedUtc, Guid ShareId, Guid ThreadId, string? Title, string? Text, bool IsHidden, bool IsWithdrawn);
}
