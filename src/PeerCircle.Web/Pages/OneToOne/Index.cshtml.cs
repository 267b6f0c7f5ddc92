using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;

namespace PeerCircle.Web.Pages.OneToOne;

/// <summary>
/// One-to-one support, for the signed-in person: their pairing (or the request waiting for a supporter),
/// past pairings, and for supporters the people who asked them and the people they support.
/// </summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time, Notifier notifier) : PageModel
{
    public SupportRequest? OpenRequest { get; private set; }
    public PairingRow? Current { get; private set; }
    public IReadOnlyList<PairingRow> Past { get; private set; } = [];
    public bool IsFacilitator { get; private set; }
    public SupporterProfile? Profile { get; private set; }
    public IReadOnlyList<PairingRow> AskedOfMe { get; private set; } = [];
    public IReadOnlyList<PairingRow> Supporting { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The member changes their mind while the supporter has not answered yet.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(Guid pairingId, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var pairing = await db.Pairings.SingleOrDefaultAsync(p => p.Id == pairingId && p.MemberId == me, cancellationToken);
        if (pairing is null)
        {
            return NotFound();
        }

        if (!ModelState.TryDomain(() => pairing.Withdraw(me, time.GetUtcNow().UtcDateTime)))
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = "You withdrew your choice. You can choose another supporter.";
        return RedirectToPage("./Choose", new { id = pairing.RequestId });
    }

    /// <summary>The member no longer wants support through their open request.</summary>
    public async Task<IActionResult> OnPostCancelRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var request = await db.SupportRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.MemberId == me, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        var asked = await db.Pairings.Where(p => p.RequestId == requestId && p.Status == PairingStatus.Asked).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (!ModelState.TryDomain(() =>
            {
                request.Withdraw(me);
                asked.ForEach(p => p.Withdraw(me, now));
            }))
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        await notifier.SendEmailsAsync(cancellationToken);
        StatusMessage = "Your request is withdrawn. You can ask again whenever you like.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        OpenRequest = await db.SupportRequests.AsNoTracking()
            .Where(r => r.MemberId == me && r.Status == SupportRequestStatus.Open).OrderByDescending(r => r.CreatedUtc).FirstOrDefaultAsync(cancellationToken);
        var mine = await Rows(db.Pairings.Where(p => p.MemberId == me && p.Status != PairingStatus.Withdrawn), otherIsSupporter: true)
            .ToListAsync(cancellationToken);
        Current = mine.FirstOrDefault(p => p.Status is PairingStatus.Asked or PairingStatus.Active);
        Past = [.. mine.Where(p => p.Status == PairingStatus.Ended)];
        IsFacilitator = User.IsInRole(Roles.Facilitator);
        if (IsFacilitator)
        {
            Profile = await db.SupporterProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == me, cancellationToken);
            var theirs = await Rows(db.Pairings.Where(p => p.SupporterId == me && (p.Status == PairingStatus.Asked || p.Status == PairingStatus.Active)), otherIsSupporter: false)
                .ToListAsync(cancellationToken);
            AskedOfMe = [.. theirs.Where(p => p.Status == PairingStatus.Asked)];
            Supporting = [.. theirs.Where(p => p.Status == PairingStatus.Active)];
        }
    }

    /// <summary>Pairings with the other person's pseudonym.</summary>
    private IQueryable<PairingRow> Rows(IQueryable<Pairing> pairings, bool otherIsSupporter) =>
        pairings.OrderByDescending(p => p.AskedUtc).Select(p => new PairingRow(
            p.Id, p.RequestId, p.Status, p.AskedUtc, p.EndedUtc,
            db.Users.Where(u => u.Id == (otherIsSupporter ? p.SupporterId : p.MemberId)).Select(u => u.Pseudonym).FirstOrDefault() ?? "A peer"));

    public sealed record PairingRow(Guid Id, Guid RequestId, PairingStatus Status, DateTime AskedUtc, DateTime? EndedUtc, string OtherPseudonym);
}
