using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Web.Insight;

namespace PeerCircle.Web.Pages.Admin.OneToOne;

/// <summary>
/// One-to-one support in figures, for admins: pairings active, requests waiting, time to match, supporters
/// taking new people. Aggregates only, with the insight dashboard's rule: any figure about fewer than five
/// people shows as "fewer than 5". Never a message, a goal, a note, a name or a pairing.
/// </summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time) : PageModel
{
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    public Figure ActivePairings { get; private set; } = Figure.None;
    public Figure RequestsWaiting { get; private set; } = Figure.None;
    public Figure HoursToMatch { get; private set; } = Figure.None;
    public Figure EndedRecently { get; private set; } = Figure.None;
    public Figure SupportersAccepting { get; private set; } = Figure.None;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - Window;
        var active = await db.Pairings.CountAsync(p => p.Status == PairingStatus.Active, cancellationToken);
        ActivePairings = Figure.Count(active, active);
        var waiting = await db.SupportRequests.CountAsync(r => r.Status == SupportRequestStatus.Open, cancellationToken);
        RequestsWaiting = Figure.Count(waiting, waiting);
        var ended = await db.Pairings.CountAsync(p => p.Status == PairingStatus.Ended && p.EndedUtc >= since, cancellationToken);
        EndedRecently = Figure.Count(ended, ended);
        var accepting = await db.SupporterProfiles.CountAsync(p => p.IsAccepting, cancellationToken);
        SupportersAccepting = Figure.Count(accepting, accepting);
        // Time differences are computed here, not in SQL, so both database engines agree.
        var matched = await db.SupportRequests.AsNoTracking()
            .Where(r => r.Status == SupportRequestStatus.Matched && r.MatchedUtc >= since)
            .Select(r => new { r.CreatedUtc, r.MatchedUtc })
            .ToListAsync(cancellationToken);
        HoursToMatch = Figure.Hours([.. matched.Select(r => (r.MatchedUtc!.Value - r.CreatedUtc).TotalHours)]);
    }
}
