using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.Sessions;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Groups.Board;

/// <summary>
/// Facilitators moderate the author of a post in their group: a private warning, a mute for a time, or
/// removal from the group. The member is told what happened and why, never who did it; every action is
/// audited. Reached from the post, so an anonymous author is never named in an address.
/// </summary>
public sealed class MemberModel(PeerCircleDbContext db, TimeProvider time, AuditLog audit, Notifier notifier, BookingService bookings) : PageModel
{
    public static readonly int[] MuteHours = [24, 72, 168];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public BoardContext Board { get; private set; } = null!;

    public Guid ShareId { get; private set; }

    public Guid ThreadId { get; private set; }

    public string Pseudonym { get; private set; } = string.Empty;

    public MembershipStatus? Status { get; private set; }

    public DateTime? MutedUntilUtc { get; private set; }

    /// <summary>The author's id, for the facilitator's own links (signposting); never shown.</summary>
    public Guid AuthorId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid shareId, CancellationToken cancellationToken) =>
        await LoadAsync(shareId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostWarnAsync(Guid shareId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(shareId, cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Input.Reason))
        {
            ModelState.AddModelError("Input.Reason", "Write the message the member will receive.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        notifier.Notify(AuthorId, Notifier.Warning(Input.Reason!.Trim()), Url.Page("/Groups/Details", new { id = Board.GroupId }));
        audit.Record(Board.Viewer.UserId, AuditActions.MemberWarned, "User", AuthorId, Board.GroupId, Input.Reason);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        StatusMessage = "Your message was sent privately to the member.";
        return RedirectToPage(new { shareId });
    }

    public async Task<IActionResult> OnPostMuteAsync(Guid shareId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(shareId, cancellationToken))
        {
            return NotFound();
        }

        if (!MuteHours.Contains(Input.Hours))
        {
            ModelState.AddModelError("Input.Hours", "Choose how long to mute the member for.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.GroupId == Board.GroupId && m.UserId == AuthorId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var until = now.AddHours(Input.Hours);
        if (membership is null)
        {
            ModelState.AddModelError(string.Empty, "Only an active member can be muted.");
            return Page();
        }

        if (!ModelState.TryDomain(() => membership.Mute(until, now)))
        {
            return Page();
        }

        notifier.Notify(AuthorId, Notifier.Muted(until, Input.Reason), Url.Page("/Groups/Details", new { id = Board.GroupId }));
        audit.Record(Board.Viewer.UserId, AuditActions.MemberMuted, "User", AuthorId, Board.GroupId, $"{Input.Hours} hours. {Input.Reason}".Trim());
        if (!await TrySaveAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(shareId, cancellationToken);
        }

        await notifier.SendEmailsAsync(cancellationToken);
        StatusMessage = $"The member can't post in this group for {Input.Hours} hours.";
        return RedirectToPage(new { shareId });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid shareId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(shareId, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.GroupId == Board.GroupId && m.UserId == AuthorId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (membership is null)
        {
            ModelState.AddModelError(string.Empty, "Only an active member can be removed.");
            return Page();
        }

        if (!ModelState.TryDomain(() => membership.Remove(Board.Viewer.UserId, now)))
        {
            return Page();
        }

        notifier.Notify(AuthorId, Notifier.Removed(Input.Reason), null);
        audit.Record(Board.Viewer.UserId, AuditActions.MemberRemoved, "User", AuthorId, Board.GroupId, Input.Reason);
        if (!await TrySaveAsync(cancellationToken))
        {
            return await ChangedMeanwhileAsync(shareId, cancellationToken);
        }

        await notifier.SendEmailsAsync(cancellationToken);

        // Their seats in the group's upcoming sessions go to the people waiting, as when a member leaves.
        var booked = await db.Bookings
            .Where(b => b.UserId == AuthorId && b.Status != BookingStatus.Cancelled)
            .Join(db.Sessions.Where(s => s.GroupId == Board.GroupId && s.Status == SessionStatus.Scheduled && s.StartUtc > now),
                b => b.SessionId, s => s.Id, (b, s) => s.Id)
            .ToListAsync(cancellationToken);
        foreach (var sessionId in booked)
        {
            await ModelState.TryDomainAsync(() => bookings.CancelAsync(sessionId, AuthorId, cancellationToken));
        }

        StatusMessage = "The member has been removed from the group and told why.";
        return RedirectToPage(new { shareId });
    }

    /// <summary>
    /// Saves the action, unless the membership changed between reading and saving (the member left, or another
    /// facilitator removed them: its status is a concurrency token). Then nothing is saved, not even the audit entry.
    /// </summary>
    private async Task<bool> TrySaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>The page again, showing where the membership stands now (if the member is still active, with what the facilitator wrote).</summary>
    private async Task<IActionResult> ChangedMeanwhileAsync(Guid shareId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(shareId, cancellationToken))
        {
            return NotFound();
        }

        ModelState.AddModelError(string.Empty, ConflictMessage);
        return Page();
    }

    public const string ConflictMessage =
        "This member's place in the group was changed by someone else just now, so nothing was done. Check where things stand below and try again if you still need to.";

    /// <summary>Only a facilitator of the post's group, for a post they can see; anyone else gets 404.</summary>
    private async Task<bool> LoadAsync(Guid shareId, CancellationToken cancellationToken)
    {
        var share = await db.Shares.AsNoTracking().Where(s => s.Id == shareId && (s.Kind == ShareKind.BoardThread || s.Kind == ShareKind.BoardReply))
            .Select(s => new { s.GroupId, s.AuthorId, ThreadId = s.ThreadId ?? s.Id })
            .SingleOrDefaultAsync(cancellationToken);
        if (share?.GroupId is not { } groupId)
        {
            return false;
        }

        var board = await BoardAccess.LoadAsync(db, groupId, User.GetUserId(), cancellationToken);
        if (board is null || !board.IsFacilitator || share.AuthorId == board.Viewer.UserId)
        {
            return false;
        }

        Board = board;
        ShareId = shareId;
        ThreadId = share.ThreadId;
        AuthorId = share.AuthorId;
        Pseudonym = await db.Users.Where(u => u.Id == share.AuthorId).Select(u => u.Pseudonym).SingleAsync(cancellationToken);
        var membership = await db.Memberships.AsNoTracking().Where(m => m.GroupId == board.GroupId && m.UserId == share.AuthorId)
            .Select(m => new { m.Status, m.MutedUntilUtc }).SingleOrDefaultAsync(cancellationToken);
        Status = membership?.Status;
        MutedUntilUtc = membership?.MutedUntilUtc > time.GetUtcNow().UtcDateTime ? membership.MutedUntilUtc : null;
        return true;
    }

    public sealed class InputModel
    {
        [StringLength(500, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "Message or reason (the member sees it; it is kept in the audit log)")]
        public string? Reason { get; set; }

        [Display(Name = "Mute for")]
        public int Hours { get; set; } = 24;
    }
}
