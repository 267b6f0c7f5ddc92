using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Groups.Board;

/// <summary>
/// A group's board: its conversations, pinned ones first, then by latest activity, each marked when
/// something I can see happened since my last visit. Opening the board records the visit.
/// </summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time) : PageModel
{
    public const int MaxThreads = 200;

    [TempData]
    public string? StatusMessage { get; set; }

    public BoardContext Board { get; private set; } = null!;

    public IReadOnlyList<ThreadRow> Threads { get; private set; } = [];

    public int OpenReports { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid groupId, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var board = await BoardAccess.LoadAsync(db, groupId, me, cancellationToken);
        if (board is null)
        {
            return NotFound();
        }

        Board = board;
        var visible = ShareVisibility.VisibleTo(board.Viewer);
        var rows = await db.Shares.AsNoTracking()
            .Where(visible)
            .Where(s => s.Kind == ShareKind.BoardThread)
            .Select(t => new
            {
                t.Id, t.Title, t.AuthorId, t.Byline, t.Audience, t.IsPinned, t.IsPrompt, t.CreatedUtc, t.WithdrawnUtc, t.HiddenUtc, t.PurgedUtc,
                Pseudonym = db.Users.Where(u => u.Id == t.AuthorId).Select(u => u.Pseudonym).FirstOrDefault() ?? string.Empty,
                Replies = db.Shares.Where(visible).Count(r => r.ThreadId == t.Id),
                LastReplyUtc = db.Shares.Where(visible).Where(r => r.ThreadId == t.Id).Max(r => (DateTime?)r.CreatedUtc),
                // What someone else posted, for "new since my last visit": my own posts are never news to me.
                LastByOthersUtc = db.Shares.Where(visible).Where(r => (r.ThreadId == t.Id || r.Id == t.Id) && r.AuthorId != me).Max(r => (DateTime?)r.CreatedUtc),
            })
            .OrderByDescending(t => t.IsPinned).ThenByDescending(t => t.CreatedUtc)
            .Take(MaxThreads)
            .ToListAsync(cancellationToken);

        var visit = await db.BoardVisits.SingleOrDefaultAsync(v => v.GroupId == groupId && v.UserId == me, cancellationToken);
        var lastVisit = visit?.LastVisitUtc;
        Threads = rows
            .Select(t =>
            {
                var activity = t.LastReplyUtc is { } reply && reply > t.CreatedUtc ? reply : t.CreatedUtc;
                return new ThreadRow(
                    t.Id, t.WithdrawnUtc is null && t.PurgedUtc is null ? t.Title : null,
                    ShareVisibility.BylineFor(board.Viewer, t.AuthorId, t.Byline, t.Pseudonym),
                    t.Audience, t.IsPinned, t.IsPrompt, t.WithdrawnUtc is not null, t.HiddenUtc is not null, t.Replies, activity,
                    t.LastByOthersUtc is { } news && (lastVisit is null || news > lastVisit));
            })
            .OrderByDescending(t => t.IsPinned).ThenByDescending(t => t.LastActivityUtc)
            .ToList();

        if (board.IsFacilitator)
        {
            OpenReports = await db.ShareReports.CountAsync(r => r.GroupId == groupId && r.ClosedUtc == null, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (visit is null)
        {
            db.BoardVisits.Add(new BoardVisit(groupId, me, now));
        }
        else
        {
            visit.Visit(now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same person opened the board twice at once: one visit is recorded, which is all we need.
        }

        return Page();
    }

    public sealed record ThreadRow(
        Guid Id, string? Title, ShownByline Byline, ShareAudience Audience, bool IsPinned, bool IsPrompt, bool IsWithdrawn, bool IsHidden,
        int Replies, DateTime LastActivityUtc, bool IsNew);
}
