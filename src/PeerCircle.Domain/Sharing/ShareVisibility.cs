using System.Linq.Expressions;

namespace PeerCircle.Domain.Sharing;

/// <summary>
/// The one place that decides who may see a share and how its author is named. Every query of
/// shares filters with <see cref="VisibleTo"/>; code holding a share in memory asks
/// <see cref="CanSee(ShareViewer, Share)"/>, which is the same expression compiled, so the two can never disagree.
/// <list type="bullet">
/// <item>The author always sees their own share (with a notice when a moderator hid it).</item>
/// <item>The group's facilitators see every share of the group, hidden ones too (kept for review).</item>
/// <item>An active member sees shares to the group that are not hidden. A hidden share is invisible
/// to the group: not even a tombstone, so hiding does not draw attention to it.</item>
/// <item>A reply in a facilitators-only conversation is also seen by the member who started it
/// (<see cref="Share.ConversationOwnerId"/>): it is a private conversation with the facilitators.</item>
/// <item>Nobody else. Admins and safeguarding leads get nothing from their role; safeguarding leads
/// read shares only through a concern's snapshot (<see cref="Share.Snapshot"/>).</item>
/// </list>
/// A withdrawn or purged share has no text, so whoever sees it sees only its tombstone.
/// </summary>
public static class ShareVisibility
{
    public const string AnonymousName = "Anonymous";
    public const string AnonymousNoteForFacilitators = "posted anonymously to the group";
    public const string AnonymousNoteForAuthor = "you, anonymous to the group";

    /// <summary>The shares of <paramref name="viewer"/>'s group that the viewer may see (EF translates it).</summary>
    public static Expression<Func<Share, bool>> VisibleTo(ShareViewer viewer)
    {
        var userId = viewer.UserId;
        var groupId = viewer.GroupId;
        var member = viewer.IsActiveMember;
        var facilitator = viewer.IsGroupFacilitator;
        return s => s.GroupId == groupId
            && (s.AuthorId == userId
                || facilitator
                || s.ConversationOwnerId == userId
                || (member && s.Audience == ShareAudience.Group && s.HiddenUtc == null));
    }

    /// <summary>
    /// The messages of one pairing that <paramref name="viewer"/> may see: all of them when the viewer is one
    /// of the pair, none otherwise. Roles play no part: a safeguarding lead reads a pairing's messages only
    /// through a concern's snapshot, an admin never. Group shares never match (they have no pairing).
    /// </summary>
    public static Expression<Func<Share, bool>> VisibleInPairing(PairViewer viewer)
    {
        var pairingId = viewer.PairingId;
        var inPair = viewer.IsInPair;
        return s => s.PairingId == pairingId && s.Audience == ShareAudience.Pair && inPair;
    }

    public static bool CanSee(PairViewer viewer, Share share)
    {
        ArgumentNullException.ThrowIfNull(share);
        return VisibleInPairing(viewer).Compile()(share);
    }

    public static bool CanSee(ShareViewer viewer, Share share)
    {
        ArgumentNullException.ThrowIfNull(share);
        return VisibleTo(viewer).Compile()(share);
    }

    /// <summary>
    /// How the author of a share the viewer can see is named: the pseudonym for a pseudonymous share;
    /// for an anonymous one "Anonymous" to the group, the pseudonym with a note to facilitators and to the author.
    /// </summary>
    public static ShownByline BylineFor(ShareViewer viewer, Guid authorId, ShareByline byline, string authorPseudonym)
    {
        if (byline == ShareByline.Pseudonym)
        {
            return new ShownByline(authorPseudonym, null);
        }

        if (authorId == viewer.UserId)
        {
            return new ShownByline(authorPseudonym, AnonymousNoteForAuthor);
        }

        return viewer.IsGroupFacilitator
            ? new ShownByline(authorPseudonym, AnonymousNoteForFacilitators)
            : new ShownByline(AnonymousName, null);
    }
}

/// <summary>The person looking, in relation to one group. Roles such as admin play no part.</summary>
public readonly record struct ShareViewer(Guid UserId, Guid GroupId, bool IsActiveMember, bool IsGroupFacilitator);

/// <summary>The person looking, in relation to one pairing: one of its two people, or not.</summary>
public readonly record struct PairViewer(Guid UserId, Guid PairingId, bool IsInPair);

/// <summary>The name shown beside a share, and a note that explains it (e.g. "posted anonymously to the group").</summary>
public sealed record ShownByline(string Name, string? Note);
