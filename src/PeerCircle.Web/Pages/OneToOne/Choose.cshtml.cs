using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.OneToOne;

namespace PeerCircle.Web.Pages.OneToOne;

/// <summary>The member sees up to three supporters who fit (pseudonym and introduction only) and picks one; the supporter is asked.</summary>
public sealed class ChooseModel(PeerCircleDbContext db, TimeProvider time, SupporterDirectory directory, Notifier notifier, ILogger<ChooseModel> logger) : PageModel
{
    public SupportRequest Ask { get; private set; } = null!;
    public IReadOnlyList<SupporterProposal> Proposals { get; private set; } = [];
    public bool WaitingForAnswer { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Ask.Status == SupportRequestStatus.Matched)
        {
            return RedirectToPage("./Index");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid supporterId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var me = User.GetUserId();
        var busy = await db.Pairings.AnyAsync(p => p.MemberId == me && (p.Status == PairingStatus.Asked || p.Status == PairingStatus.Active), cancellationToken);
        Pairing? pairing = null;
        if (!ModelState.TryDomain(() => pairing = Pairing.Ask(Ask, me, Proposals, supporterId, busy, time.GetUtcNow().UtcDateTime)) || pairing is null)
        {
            return Page();
        }

        db.Pairings.Add(pairing);
        notifier.Notify(supporterId, PairingNotices.Asked, Url.Page("/OneToOne/Respond", new { id = pairing.Id }));
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(8002, "SupporterAsked"), "Pairing {PairingId} asked of supporter {SupporterId}", pairing.Id, supporterId);
        TempData["StatusMessage"] = "We've asked them. You'll get a notification when they answer.";
        return RedirectToPage("./Index");
    }

    /// <summary>Only the member who made the request; anyone else gets 404.</summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var request = await db.SupportRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.MemberId == me, cancellationToken);
        if (request is null)
        {
            return false;
        }

        Ask = request;
        WaitingForAnswer = await db.Pairings.AnyAsync(p => p.RequestId == id && p.Status == PairingStatus.Asked, cancellationToken);
        if (request.Status == SupportRequestStatus.Open)
        {
            Proposals = await directory.ProposeAsync(request, cancellationToken);
        }

        return true;
    }
}
