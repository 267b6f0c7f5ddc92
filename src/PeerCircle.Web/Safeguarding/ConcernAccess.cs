using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;

namespace PeerCircle.Web.Safeguarding;

/// <summary>Who a concern is shown to besides the safeguarding leads: the facilitators of its group, and whoever raised it.</summary>
public static class ConcernAccess
{
    public static Task<bool> IsGroupFacilitatorAsync(PeerCircleDbContext db, Guid groupId, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Groups.AnyAsync(g => g.Id == groupId && g.Facilitators.Any(f => f.UserId == userId), cancellationToken);
    }
}
