using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;

namespace PeerCircle.Web.Pages.Admin.Audit;

/// <summary>The audit log, newest first: who did what, when, to which record, and why. It holds no share text.</summary>
public sealed class IndexModel(PeerCircleDbContext db) : PageModel
{
    public const int PageSize = 200;

    public IReadOnlyList<Row> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Entries = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(a => a.AtUtc).Take(PageSize)
            .Select(a => new Row(
                a.AtUtc, a.Action, a.RecordType, a.RecordId, a.Reason,
                db.Users.Where(u => u.Id == a.ActorId).Select(u => u.Pseudonym).FirstOrDefault() ?? a.ActorId.ToString(),
                db.Groups.Where(g => g.Id == a.GroupId).Select(g => g.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }

    public sealed record Row(DateTime AtUtc, string Action, string RecordType, Guid RecordId, string? Reason, string Actor, string? Group);
}
