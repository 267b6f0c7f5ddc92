using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Facilitate.Concerns;

/// <summary>A facilitator raises a safeguarding concern about a post in a group they facilitate; it goes straight to the leads with a snapshot.</summary>
public sealed class NewModel(PeerCircleDbContext db, TimeProvider time, AuditLog audit, SafeguardingTeam team, Web.Notifications.Notifier notifier, ILogger<NewModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid ShareId { get; private set; }

    public string GroupName { get; private set; } = string.Empty;

    public string Author { get; private set; } = string.Empty;

    public ShareKind Kind { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid shareId, CancellationToken cancellationToken) =>
        await LoadAsync(shareId, cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid shareId, CancellationToken cancellationToken)
    {
        var share = await LoadAsync(shareId, cancellationToken);
        if (share is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var me = User.GetUserId();
        Concern? concern = null;
        if (!ModelState.TryDomain(() => concern = Concern.RaisedByFacilitator(me, true, share, Input.Description, time.GetUtcNow().UtcDateTime), "Input.Description")
            || concern is null)
        {
            return Page();
        }

        db.Concerns.Add(concern);
        audit.Record(me, SafeguardingAuditActions.ConcernRaised, nameof(Concern), concern.Id, concern.GroupId);
        await team.NotifyLeadsAsync(concern.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(7302, "ConcernRaised"), "Concern {ConcernId} raised by facilitator {UserId} about share {ShareId}", concern.Id, me, share.Id);
        StatusMessage = "The concern is with the safeguarding leads. You can follow its status here.";
        return RedirectToPage("./Index");
    }

    /// <summary>The share, if the viewer facilitates its group (and so may see it); otherwise null, shown as 404.</summary>
    private async Task<Share?> LoadAsync(Guid shareId, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var share = await db.Shares.AsNoTracking().SingleOrDefaultAsync(s => s.Id == shareId, cancellationToken);
        if (share?.GroupId is not { } groupId || !await ConcernAccess.IsGroupFacilitatorAsync(db, groupId, me, cancellationToken)
            || !ShareVisibility.CanSee(new ShareViewer(me, groupId, false, true), share))
        {
            return null;
        }

        ShareId = share.Id;
        Kind = share.Kind;
        GroupName = await db.Groups.Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync(cancellationToken);
        Author = await db.Users.Where(u => u.Id == share.AuthorId).Select(u => u.Pseudonym).SingleOrDefaultAsync(cancellationToken) ?? "a member";
        return share;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Say briefly what worries you.")]
        [StringLength(Concern.DescriptionMaxLength, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "What worries you, for the safeguarding leads")]
        public string? Description { get; set; }
    }
}
