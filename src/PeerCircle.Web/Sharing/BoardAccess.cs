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
    public static Task<BoardContext?> LoadAsync(PeerCircleDbContext db, Guid groupId, Guid userId, CancellationToken cancellationToken) =>
        LoadAsync(db, groupId, null, userId, cancellationToken);

    /// <summary>
    /// The board of the group a board conversation belongs to, found from the conversation's id in the same
    /// query (the thread page knows only that id): one SQL command fewer per request (issue 9).
    /// </summary>
    public static Task<BoardContext?> ForThreadAsync(PeerCircleDbContext db, Guid threadId, Guid userId, CancellationToken cancellationToken) =>
        LoadAsync(db, null, threadId, userId, cancellationToken);

    // Compiled once (EF.CompileAsyncQuery) rather than built, hashed and looked up on every request (issue 9).
    // Exactly one of the group's id and the conversation's id is given; the other is a null parameter, which EF
    // Core leaves out of the SQL (it writes the SQL once for each combination of null and not-null parameters).
    private static readonly Func<PeerCircleDbContext, Guid?, Guid?, Guid, CancellationToken, Task<BoardRow?>> s_board = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, Guid? groupId, Guid? threadId, Guid userId, CancellationToken cancellationToken) => db.Groups.AsNoTracking()
            .Where(g => (groupId != null && g.Id == groupId)
                || (threadId != null && g.Id == db.Shares.Where(s => s.Id == threadId && s.Kind == ShareKind.BoardThread).Select(s => s.GroupId).FirstOrDefault()))
            .Select(g => new BoardRow(
                g.Id,
                g.Name,
                g.Status,
                g.Facilitators.Any(f => f.UserId == userId),
                db.Memberships.Any(m => m.GroupId == g.Id && m.UserId == userId && m.Status == MembershipStatus.Active),
                db.Memberships.Where(m => m.GroupId == g.Id && m.UserId == userId).Select(m => m.MutedUntilUtc).FirstOrDefault()))
            .SingleOrDefault());

    private static async Task<BoardContext?> LoadAsync(PeerCircleDbContext db, Guid? groupId, Guid? threadId, Guid userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var group = await s_board(db, groupId, threadId, userId, cancellationToken);
        if (group is null || !(group.IsMember || group.IsFacilitator))
        {
            return null;
        }

        return new BoardContext(group.Id, group.Name, group.Status == GroupStatus.Active,
            new ShareViewer(userId, group.Id, group.IsMember, group.IsFacilitator), group.MutedUntilUtc);
    }

    private sealed record BoardRow(Guid Id, string Name, GroupStatus Status, bool IsFacilitator, bool IsMember, DateTime? MutedUntilUtc);
}

/// <summary>The group a board page is about and the viewer's place in it.</summary>
public sealed record BoardContext(Guid GroupId, string GroupName, bool GroupIsActive, ShareViewer Viewer, DateTime? MutedUntilUtc = null)
{
    public bool IsFacilitator => Viewer.IsGroupFacilitator;

    public ShareAuthor Author(DateTime nowUtc) =>
        new(Viewer.UserId, GroupId, GroupIsActive, Viewer.IsActiveMember, Viewer.IsGroupFacilitator, MutedUntilUtc, nowUtc);

    public ShareModerator Moderator => new(Viewer.UserId, GroupId, Viewer.IsGroupFacilitator);
}
