using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;

namespace PeerCircle.Web.Pages.Admin;

/// <summary>The admin's start page: links to groups and training records, with what is waiting.</summary>
public sealed class IndexModel(PeerCircleDbContext db) : PageModel
{
    public int ActiveGroups { get; private set; }

    public int ArchivedGroups { get; private set; }

    public int AwaitingVerification { get; private set; }

    public async Task OnGetAsync()
    {
        ActiveGroups = await db.Groups.CountAsync(g => g.Status == GroupStatus.Active);
        ArchivedGroups = await db.Groups.CountAsync(g => g.Status == GroupStatus.Archived);
        AwaitingVerification = await db.TrainingRecords.CountAsync(t => t.VerifiedUtc == null);
    }
}
