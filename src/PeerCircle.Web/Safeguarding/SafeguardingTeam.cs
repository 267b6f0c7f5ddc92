using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Notifications;

namespace PeerCircle.Web.Safeguarding;

/// <summary>Tells the safeguarding leads that a concern is waiting in their queue (in-app, plus the generic email for those who chose it).</summary>
public sealed class SafeguardingTeam(PeerCircleDbContext db, Notifier notifier, LinkGenerator links)
{
    public const string NewConcern = "A safeguarding concern is waiting in the queue.";

    public async Task NotifyLeadsAsync(Guid concernId, CancellationToken cancellationToken)
    {
        var leads = await db.UserRoles
            .Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.SafeguardingLead))
            .Select(ur => ur.UserId)
            .ToListAsync(cancellationToken);
        var link = links.GetPathByPage("/Safeguarding/Concern", values: new { id = concernId });
        foreach (var lead in leads)
        {
            notifier.Notify(lead, NewConcern, link);
        }
    }
}
