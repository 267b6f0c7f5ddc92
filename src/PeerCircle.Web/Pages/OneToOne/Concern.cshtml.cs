using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.OneToOne;

/// <summary>
/// The supporter raises a safeguarding concern about the member they support. It goes straight to the leads
/// with a snapshot of the member's recent messages (read only with a stated reason). The member is not told.
/// Only the supporter of an active pairing; anyone else gets 404.
/// </summary>
public sealed class ConcernModel(PeerCircleDbContext db, TimeProvider time, SafeguardingTeam team, Notifier notifier, AuditLog audit, ILogger<ConcernModel> logger) : PageModel
{
    public const int MessagesKept = 20;

    public string MemberPseudonym { get; private set; } = string.Empty;

    [BindProperty]
    [Display(Name = "What worries you?")]
    [StringLength(Domain.Safeguarding.Concern.DescriptionMaxLength, ErrorMessage = "Keep it to {1} characters.")]
    public string? Description { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        var pairing = await LoadAsync(id, cancellationToken);
        if (pairing is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var me = User.GetUserId();
        var messages = await db.Shares.AsNoTracking()
            .Where(ShareVisibility.VisibleInPairing(new PairViewer(me, id, true)))
            .Where(s => s.AuthorId == pairing.MemberId && s.Text != null)
            .OrderByDescending(s => s.CreatedUtc).Take(MessagesKept).ToListAsync(cancellationToken);
        Domain.Safeguarding.Concern? concern = null;
        if (!ModelState.TryDomain(() => concern = Domain.Safeguarding.Concern.RaisedBySupporter(me, pairing, messages, Description, time.GetUtcNow().UtcDateTime))
            || concern is null)
        {
            return Page();
        }

        db.Concerns.Add(concern);
        audit.Record(me, SafeguardingAuditActions.ConcernRaised, nameof(Domain.Safeguarding.Concern), concern.Id, null);
        await team.NotifyLeadsAsync(concern.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(7303, "PairConcernRaised"), "Concern {ConcernId} raised by supporter {UserId} in pairing {PairingId}", concern.Id, me, id);
        TempData["StatusMessage"] = "The concern is with the safeguarding leads. Thank you for looking out for them.";
        return RedirectToPage("./Pairing", new { id });
    }

    private async Task<Pairing?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var pairing = await db.Pairings.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.SupporterId == me && p.Status == PairingStatus.Active, cancellationToken);
        if (pairing is not null)
        {
            MemberPseudonym = await db.Users.Where(u => u.Id == pairing.MemberId).Select(u => u.Pseudonym).SingleOrDefaultAsync(cancellationToken) ?? "them";
        }

        return pairing;
    }
}
