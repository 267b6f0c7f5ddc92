using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Web.Insight;

namespace PeerCircle.Web.Pages.Admin.Insight;

/// <summary>The insight dashboard for admins: every group, aggregated, with nobody singled out.</summary>
public sealed class IndexModel(PeerCircleDbContext db, InsightQueries queries, TimeProvider time) : InsightPageModel(queries, time)
{
    public override string Heading => "Insight: how PeerCircle is doing";

    protected override async Task<IReadOnlyList<(Guid Id, string Name)>> VisibleGroupsAsync(CancellationToken cancellationToken) =>
        (await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken))
            .Select(g => (g.Id, g.Name)).ToList();
}
