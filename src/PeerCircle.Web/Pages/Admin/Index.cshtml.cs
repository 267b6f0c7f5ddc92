using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Help;

namespace PeerCircle.Web.Pages.Admin;

/// <summary>The admin's start page: links to groups, training records, the help directory and risk phrases, with what is waiting.</summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time) : PageModel
{
    public int ActiveGroups { get; private set; }

    public int ArchivedGroups { get; private set; }

    public int AwaitingVerification { get; private set; }

    /// <summary>Help directory entries never verified, or not for six months.</summary>
    public int HelpNeedingVerification { get; private set; }

    public async Task OnGetAsync()
    {
        ActiveGroups = await db.Groups.CountAsync(g => g.Status == GroupStatus.Active);
        ArchivedGroups = await db.Groups.CountAsync(g => g.Status == GroupStatus.Archived);
        AwaitingVerification = await db.TrainingRecords.CountAsync(t => t.VerifiedUtc == null);
        var staleBefore = HelpEntry.StaleBefore(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        HelpNeedingVerification = await db.HelpEntries.CountAsync(e => e.LastVerifiedOn == null || e.LastVerifiedOn < staleBefore);
    }
}
