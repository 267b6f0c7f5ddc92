using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Groups.Board;

/// <summary>
/// Report one post of a conversation to the group's facilitators: the post as the reporter sees it on the
/// board, why they are reporting it, and where to turn instead if someone may not be safe. The author is never
/// told who reported it. The conversation must be on a board the reporter belongs to and the post in it and
/// visible to them, checked on every request: anything else is 404. Afterwards the reporter is back on the page
/// of the conversation they came from, at the post.
/// </summary>
/// <remarks>
/// Its own page rather than a form under every post of the conversation: those forms were half of a
/// conversation page's weight (issue 9). Here a refused report keeps what was written, with the reason at its field.
/// </remarks>
public sealed class ReportPostModel(PeerCircleDbContext db, TimeProvider time, AuditLog audit, Notifier notifier) : PageModel
{
    /// <summary>The post reported: the conversation itself or one of its replies.</summary>
    [BindProperty(SupportsGet = true, Name = "shareId")]
    public Guid ShareId { get; set; }

    /// <summary>The page of the conversation the reporter came from, to go back to.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int? ReturnPage { get; set; }

    /// <summary>Why the reporter is reporting the post (only the facilitators read it).</summary>
    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    public BoardContext Board { get; private set; } = null!;

    public Guid ThreadId { get; private set; }

    /// <summary>The post as the reporter sees it on the board.</summary>
    public Share Post { get; private set; } = null!;

    public ShownByline Byline { get; private set; } = null!;

    /// <summary>Why the post cannot be reported (withdrawn, no longer available, the reporter's own), or null.</summary>
    public string? CannotReport { get; private set; }

    /// <summary>The page of the conversation the reporter came from, at the post.</summary>
    public string BackUrl { get; private set; } = null!;

    /// <summary>This page's address for the conversation <paramref name="threadId"/>, coming from its page <paramref name="page"/>; the post follows as <c>&amp;shareId=</c>.</summary>
    public static string Address(IUrlHelper url, Guid threadId, int page)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.Content("~/Groups/Board/ReportPost/") + threadId.ToString() + "?p=" + page.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        ShareReport? report = null;
        if (!ModelState.TryDomain(() => report = ShareReport.Create(Board.Viewer, Post, Reason, time.GetUtcNow().UtcDateTime), "reason") || report is null)
        {
            return Page();
        }

        db.ShareReports.Add(report);
        audit.Record(Board.Viewer.UserId, AuditActions.ShareReported, nameof(ShareReport), report.Id, Board.GroupId);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        TempData["StatusMessage"] = "Thank you. The group's facilitators will look at this post. The person who wrote it is not told who reported it.";
        return Redirect(BackUrl);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var board = await BoardAccess.ForThreadAsync(db, id, User.GetUserId(), cancellationToken);
        if (board is null)
        {
            return false;
        }

        var post = await ThreadModel.FindVisibleAsync(db, board, id, ShareId, cancellationToken);
        if (post is null)
        {
            return false;
        }

        Board = board;
        ThreadId = id;
        Post = post;
        // Worked out once: the breadcrumb, both links and the redirect after a report all use it.
        BackUrl = Url.Page("/Groups/Board/Thread", null, new { id, p = ReturnPage }, protocol: null, host: null, fragment: $"post-{ShareId}")!;
        var pseudonym = await db.Users.Where(u => u.Id == post.AuthorId).Select(u => u.Pseudonym).FirstOrDefaultAsync(cancellationToken);
        Byline = ShareVisibility.BylineFor(board.Viewer, post.AuthorId, post.Byline, pseudonym ?? string.Empty);
        CannotReport = post.IsWithdrawn ? "This post has been withdrawn by its author, so there is nothing to report."
            : post.PurgedUtc is not null ? "This post is no longer available, so there is nothing to report."
            : post.AuthorId == board.Viewer.UserId ? "You can't report your own post. You can withdraw it instead."
            : null;
        return true;
    }
}
