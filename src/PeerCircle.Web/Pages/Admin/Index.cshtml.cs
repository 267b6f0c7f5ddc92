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

    // The four counts, compiled once (EF.CompileAsyncQuery): EF Core otherwise builds, hashes and looks up
    // each query's expression tree on every request (issue 9, docs/performance.md).
    private static readonly Func<PeerCircleDbContext, GroupStatus, Task<int>> s_groups = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, GroupStatus status) => db.Groups.Count(g => g.Status == status));

    private static readonly Func<PeerCircleDbContext, Task<int>> s_awaitingVerification = EF.CompileAsyncQuery(
        (PeerCircleDbContext db) => db.TrainingRecords.Count(t => t.VerifiedUtc == null));

    private static readonly Func<PeerCircleDbContext, DateOnly, Task<int>> s_helpNeedingVerification = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, DateOnly staleBefore) => db.HelpEntries.Count(e => e.LastVerifiedOn == null || e.LastVerifiedOn < staleBefore));

    public async Task OnGetAsync()
    {
        ActiveGroups = await s_groups(db, GroupStatus.Active);
        ArchivedGroups = await s_groups(db, GroupStatus.Archived);
        AwaitingVerification = await s_awaitingVerification(db);
        var staleBefore = HelpEntry.StaleBefore(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        HelpNeedingVerification = await s_helpNeedingVerification(db, staleBefore);
    }
}
