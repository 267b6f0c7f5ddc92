using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Web.Sharing;

/// <summary>
/// Who may open a group's board: its active members and its facilitators, nobody else (admins
/// included). Everyone else gets 404, as for a board that does not exist. Which shares each of them
/// then sees is <see cref="ShareVisibility"/>'s decision.
/// </summary>
public static class BoardAccess
{
    public static Task<BoardContext?> LoadAsync(PeerCircleDbContext db, Guid groupId, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return LoadAsync(db, db.Groups.Where(g => g.Id == groupId), userId, cancellationToken);
    }

    /// <summary>
    /// The board of the group a board conversation belongs to, found from the conversation's id in the same
    /// query (the thread page knows only that id): one SQL command fewer per request (issue 9).
    /// </summary>
    public static Task<BoardContext?> ForThreadAsync(PeerCircleDbContext db, Guid threadId, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return LoadAsync(db, db.Groups.Where(g => g.Id == db.Shares.Where(s => s.Id == threadId && s.Kind == ShareKind.BoardThread).Select(s => s.GroupId).FirstOrDefault()),
            userId, cancellationToken);
    }

    private static async Task<BoardContext?> LoadAsync(PeerCircleDbContext db, IQueryable<Group> source, Guid userId, CancellationToken cancellationToken)
    {
        var group = await source.AsNoTracking()
            .Select(g => new
            {
                g.Id,
                g.Name,
                g.Status,
                IsFacilitator = g.Facilitators.Any(f => f.UserId == userId),
                IsMember = db.Memberships.Any(m => m.GroupId == g.Id && m.UserId == userId && m.Status == MembershipStatus.Active),
                MutedUntilUtc = db.Memberships.Where(m => m.GroupId == g.Id && m.UserId == userId).Select(m => m.MutedUntilUtc).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (group is null || !(group.IsMember || group.IsFacilitator))
        {
            return null;
        }

        return new BoardContext(group.Id, group.Name, group.Status == GroupStatus.Active,
            new ShareViewer(userId, group.Id, group.IsMember, group.IsFacilitator), group.MutedUntilUtc);
    }
}

/// <summary>The group a board page is about and the viewer's place in it.</summary>
public sealed record BoardContext(Guid GroupId, string GroupName, bool GroupIsActive, ShareViewer Viewer, DateTime? MutedUntilUtc = null)
{
    public bool IsFacilitator => Viewer.IsGroupFacilitator;

    public ShareAuthor Author(DateTime nowUtc) =>
        new(Viewer.UserId, GroupId, GroupIsActive, Viewer.IsActiveMember, Viewer.IsGroupFacilitator, MutedUntilUtc, nowUtc);

    public ShareModerator Moderator => new(Viewer.UserId, GroupId, Viewer.IsGroupFacilitator);
}
