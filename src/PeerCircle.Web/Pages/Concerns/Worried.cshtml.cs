using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Concerns;

/// <summary>
/// "I'm worried about someone": a member of a group privately tells the safeguarding leads, perhaps about
/// one post they can see. The person it is about is never told, and never told who. The page never shows
/// the post itself (the member has just seen it on the board), only that the concern is about one.
/// </summary>
public sealed class WorriedModel(PeerCircleDbContext db, TimeProvider time, AuditLog audit, SafeguardingTeam team, Notifier notifier, ILogger<WorriedModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The post the worry is about, if any (it must be one the member can see).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? ShareId { get; set; }

    public BoardContext Board { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid groupId, CancellationToken cancellationToken) =>
        await LoadAsync(groupId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid groupId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(groupId, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Share? share = null;
        if (ShareId is { } shareId)
        {
            share = await db.Shares.AsNoTracking().Where(ShareVisibility.VisibleTo(Board.Viewer)).SingleOrDefaultAsync(s => s.Id == shareId, cancellationToken);
            if (share is null)
            {
                return NotFound();
            }
        }

        Concern? concern = null;
        if (!ModelState.TryDomain(() => concern = Concern.RaisedByMember(Board.Viewer, share, Input.Description, time.GetUtcNow().UtcDateTime), "Input.Description")
            || concern is null)
        {
            return Page();
        }

        db.Concerns.Add(concern);
        audit.Record(Board.Viewer.UserId, SafeguardingAuditActions.ConcernRaised, nameof(Concern), concern.Id, groupId);
        await team.NotifyLeadsAsync(concern.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(7303, "ConcernRaisedByMember"), "Concern {ConcernId} raised by a member in group {GroupId}", concern.Id, groupId);
        StatusMessage = "Thank you for looking out for them. The safeguarding team will take it from here. They will never tell the person that it was you.";
        return RedirectToPage(new { groupId, shareId = (Guid?)null });
    }

    private async Task<bool> LoadAsync(Guid groupId, CancellationToken cancellationToken)
    {
        var board = await BoardAccess.LoadAsync(db, groupId, User.GetUserId(), cancellationToken);
        if (board is null)
        {
            return false;
        }

        Board = board;
        return true;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Say briefly what worries you.")]
        [StringLength(Concern.DescriptionMaxLength, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "What worries you?")]
        public string? Description { get; set; }
    }
}
