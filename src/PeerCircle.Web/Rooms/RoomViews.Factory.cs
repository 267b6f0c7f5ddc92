using PeerCircle.Domain.Rooms;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Web.Rooms;

/// <summary>Turns rows into what one audience of the room may receive (see <see cref="RoomMessage"/>).</summary>
internal static class RoomViews
{
    /// <summary>
    /// A message as <paramref name="viewer"/> sees it. The author key goes only to facilitators, to the
    /// author, and with a pseudonymous byline (an anonymous message must not be traceable by members).
    /// </summary>
    public static RoomMessage Message(ShareViewer viewer, Share share, string authorPseudonym)
    {
        var byline = ShareVisibility.BylineFor(viewer, share.AuthorId, share.Byline, authorPseudonym);
        var mine = share.AuthorId == viewer.UserId;
        var showKey = mine || viewer.IsGroupFacilitator || share.Byline == ShareByline.Pseudonym;
        return new RoomMessage(
            share.SessionId!.Value,
            share.Id,
            share.Text,
            byline.Name,
            byline.Note,
            showKey ? share.AuthorId : null,
            mine,
            share.Audience == ShareAudience.FacilitatorsOnly,
            share.CreatedUtc,
            share.IsWithdrawn || share.PurgedUtc is not null,
            // Members never receive a hidden message at all; the author and facilitators are told it is hidden.
            share.IsHidden && (mine || viewer.IsGroupFacilitator));
    }

    public static RoomState State(SessionRoom room, IReadOnlyList<PersonRow> people, IReadOnlySet<Guid> present, IReadOnlyList<CheckRow> checks, bool forFacilitators)
    {
        var shown = people.Where(p => forFacilitators || p.RemovedUtc is null).ToList();
        var queue = shown.Where(p => p.HandRaisedUtc is not null && p.RemovedUtc is null)
            .OrderBy(p => p.HandRaisedUtc).ThenBy(p => p.UserId)
            .Select(p => p.UserId).ToList();
        var list = shown
            .OrderByDescending(p => p.IsFacilitator).ThenBy(p => p.Pseudonym, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => forFacilitators
                ? new RoomPerson(p.UserId, p.Pseudonym, p.IsFacilitator, present.Contains(p.UserId), p.SteppedOutUtc is not null, p.HandRaisedUtc is not null,
                    p.MutedUtc is not null, p.RemovedUtc is not null, p.MessageCount, p.CharacterCount,
                    checks.FirstOrDefault(c => c.UserId == p.UserId && c.Kind == ShareKind.CheckIn)?.Score,
                    checks.FirstOrDefault(c => c.UserId == p.UserId && c.Kind == ShareKind.CheckOut)?.Score)
                : new RoomPerson(p.UserId, p.Pseudonym, p.IsFacilitator, present.Contains(p.UserId), p.SteppedOutUtc is not null, p.HandRaisedUtc is not null))
            .ToList();
        return new RoomState(room.SessionId, room.IsPaused, room.SlowModeSeconds, room.FloorUserId, queue, list);
    }

    internal sealed record PersonRow(
        Guid UserId, string Pseudonym, bool IsFacilitator, DateTime? SteppedOutUtc, DateTime? HandRaisedUtc,
        DateTime? MutedUtc, DateTime? RemovedUtc, int MessageCount, int CharacterCount);

    internal sealed record CheckRow(Guid UserId, ShareKind Kind, int Score);
}
