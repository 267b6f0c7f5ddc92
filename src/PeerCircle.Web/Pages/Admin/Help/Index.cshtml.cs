using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Help;

namespace PeerCircle.Web.Pages.Admin.Help;

/// <summary>The help directory: every entry, with those not verified for six months flagged first.</summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<HelpEntry> Entries { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var all = await db.HelpEntries.AsNoTracking().ToListAsync(cancellationToken);
        Entries = [.. all.OrderByDescending(e => e.NeedsVerification(Today)).ThenBy(e => e.Regions, StringComparer.Ordinal).ThenBy(e => e.Kind).ThenBy(e => e.SortOrder).ThenBy(e => e.Name, StringComparer.Ordinal)];
    }
}
