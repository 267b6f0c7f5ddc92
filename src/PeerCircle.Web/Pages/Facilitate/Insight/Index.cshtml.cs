using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Insight;

namespace PeerCircle.Web.Pages.Facilitate.Insight;

/// <summary>The insight dashboard for a facilitator: the same figures, for the groups they facilitate only.</summary>
public sealed class IndexModel(PeerCircleDbContext db, InsightQueries queries, TimeProvider time) : InsightPageModel(queries, time)
{
    public override string Heading => "Insight: how your groups are doing";

    protected override async Task<IReadOnlyList<(Guid Id, string Name)>> VisibleGroupsAsync(CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        return (await db.Groups.AsNoTracking().Where(g => g.Facilitators.Any(f => f.UserId == me))
                .OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(cancellationToken))
            .Select(g => (g.Id, g.Name)).ToList();
    }
}
