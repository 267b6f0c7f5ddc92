using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Facilitate.Concerns;

/// <summary>
/// A facilitator of the group reviews a draft concern from the risk detector: sees the posts it is about
/// as the board shows them to a facilitator (through <see cref="ShareVisibility"/>, not the snapshot),
/// then raises it to the safeguarding leads with what worries them, or dismisses it with a reason.
/// </summary>
public sealed class DraftModel(PeerCircleDbContext db, TimeProvider time, AuditLog audit, SafeguardingTeam team, Web.Notifications.Notifier notifier,
    IOptions<SafeguardingOptions> options, ILogger<DraftModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Concern Concern { get; private set; } = null!;

    public string GroupName { get; private set; } = string.Empty;

    public string? Subject { get; private set; }

    public IReadOnlyList<PostRow> Posts { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostRaiseAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, (concern, me, now) => concern.Raise(me, true, Input.Description, now), SafeguardingAuditActions.ConcernRaised,
            "The concern is with the safeguarding leads. You can follow its status here.", cancellationToken);

    public Task<IActionResult> OnPostDismissAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, (concern, me, now) => concern.Dismiss(me, true, Input.Reason, now, options.Value.RetentionDays), SafeguardingAuditActions.ConcernDismissed,
            "The draft is dismissed.", cancellationToken);

    private async Task<IActionResult> ActAsync(Guid id, Action<Concern, Guid, DateTime> action, string auditAction, string done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        ModelState.Clear();
        var me = User.GetUserId();
        var now = time.GetUtcNow().UtcDateTime;
        var key = auditAction == SafeguardingAuditActions.ConcernRaised ? "Input.Description" : "Input.Reason";
        if (!ModelState.TryDomain(() => action(Concern, me, now), key))
        {
            return Page();
        }

        audit.Record(me, auditAction, nameof(Concern), Concern.Id, Concern.GroupId);
        if (auditAction == SafeguardingAuditActions.ConcernRaised)
        {
            await team.NotifyLeadsAsync(Concern.Id, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "Another facilitator acted on this draft at the same moment. Please check it again.");
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(7301, "DraftConcernReviewed"), "Draft concern {ConcernId}: {AuditAction} by {UserId}", Concern.Id, auditAction, me);
        StatusMessage = done;
        return RedirectToPage("./Index");
    }

    /// <summary>Only a facilitator of the concern's group; anyone else gets 404.</summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        var me = User.GetUserId();
        var query = db.Concerns.Include(c => c.Snapshots);
        var concern = await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        // A concern from a one-to-one pairing has no group and no draft stage: it is not reviewed here.
        if (concern?.GroupId is not { } groupId || !await ConcernAccess.IsGroupFacilitatorAsync(db, groupId, me, cancellationToken))
        {
            return false;
        }

        Concern = concern;
        GroupName = await db.Groups.Where(g => g.Id == groupId).Select(g => g.Name).SingleAsync(cancellationToken);
        Subject = await db.Users.Where(u => u.Id == concern.SubjectId).Select(u => u.Pseudonym).SingleOrDefaultAsync(cancellationToken);
        var viewer = new ShareViewer(me, groupId, false, true);
        var ids = concern.Snapshots.Select(s => s.ShareId).ToList();
        Posts = await db.Shares.AsNoTracking()
            .Where(ShareVisibility.VisibleTo(viewer))
            .Where(s => ids.Contains(s.Id))
            .OrderBy(s => s.CreatedUtc)
            .Select(s => new PostRow(s.Id, s.Kind, s.ThreadId ?? (s.Kind == ShareKind.BoardThread ? s.Id : null), s.Title, s.Text, s.CreatedUtc, s.WithdrawnUtc != null))
            .ToListAsync(cancellationToken);
        return true;
    }

    public sealed record PostRow(Guid Id, ShareKind Kind, Guid? ThreadId, string? Title, string? Text, DateTime CreatedUtc, bool IsWithdrawn);

    public sealed class InputModel
    {
        [StringLength(Concern.DescriptionMaxLength, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "What worries you, for the safeguarding leads")]
        public string? Description { get; set; }

        [StringLength(Concern.OutcomeMaxLength, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "Why no concern is needed")]
        public string? Reason { get; set; }
    }
}
