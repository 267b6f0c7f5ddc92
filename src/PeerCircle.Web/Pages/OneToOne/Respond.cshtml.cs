using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.OneToOne;

namespace PeerCircle.Web.Pages.OneToOne;

/// <summary>
/// The supporter a member chose sees what they asked for (topics, availability in both time zones, their
/// private note) and accepts or declines. Only that supporter, only while the request waits; anyone else gets 404.
/// </summary>
public sealed class RespondModel(PeerCircleDbContext db, TimeProvider time, SupporterDirectory directory, Notifier notifier, ILogger<RespondModel> logger) : PageModel
{
    public Pairing Pairing { get; private set; } = null!;
    public SupportRequest Ask { get; private set; } = null!;
    public string MemberPseudonym { get; private set; } = string.Empty;
    public IReadOnlyList<Topic> Topics { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        return Pairing.Status == PairingStatus.Active ? RedirectToPage("./Pairing", new { id }) : Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        var me = User.GetUserId();
        var trained = await directory.TrainingValidTodayAsync(me, cancellationToken);
        var active = await directory.ActivePairingsAsync(me, cancellationToken);
        var limit = await db.SupporterProfiles.Where(p => p.UserId == me).Select(p => (int?)p.CaseloadLimit).SingleOrDefaultAsync(cancellationToken) ?? 0;
        if (!ModelState.TryDomain(() => Pairing.Accept(me, Ask, trained, active, limit, time.GetUtcNow().UtcDateTime)))
        {
            return Page();
        }

        notifier.Notify(Pairing.MemberId, PairingNotices.Accepted, Url.Page("/OneToOne/Pairing", new { id }));
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(8003, "PairingStarted"), "Pairing {PairingId} accepted by {SupporterId}", id, me);
        TempData["StatusMessage"] = "Thank you. Your one-to-one space is open; you might start with a short hello.";
        return RedirectToPage("./Pairing", new { id });
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        var me = User.GetUserId();
        if (!ModelState.TryDomain(() => Pairing.Decline(me, time.GetUtcNow().UtcDateTime)))
        {
            return Page();
        }

        notifier.Notify(Pairing.MemberId, PairingNotices.Declined, Url.Page("/OneToOne/Choose", new { id = Pairing.RequestId }));
        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(8004, "PairingDeclined"), "Pairing {PairingId} declined by {SupporterId}", id, me);
        TempData["StatusMessage"] = "Declined. They'll be asked to choose someone else, without any reason given.";
        return RedirectToPage("./Index");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        var me = User.GetUserId();
        var pairings = tracked ? db.Pairings : db.Pairings.AsNoTracking();
        var pairing = await pairings.SingleOrDefaultAsync(p => p.Id == id && p.SupporterId == me
            && (p.Status == PairingStatus.Asked || p.Status == PairingStatus.Active), cancellationToken);
        if (pairing is null)
        {
            return false;
        }

        Pairing = pairing;
        var requests = tracked ? db.SupportRequests : db.SupportRequests.AsNoTracking();
        Ask = await requests.SingleAsync(r => r.Id == pairing.RequestId, cancellationToken);
        Topics = Ask.Topics;
        MemberPseudonym = await db.Users.Where(u => u.Id == pairing.MemberId).Select(u => u.Pseudonym).SingleOrDefaultAsync(cancellationToken) ?? "A member";
        return true;
    }
}
