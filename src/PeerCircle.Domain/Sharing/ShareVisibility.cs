using System.Linq.Expressions;

namespace PeerCircle.Domain.Sharing;

/// <summary>
/// The one place that decides who may see a share and how its author is named. Every query of
/// shares filters with <see cref="VisibleTo"/> (or, in a query compiled once, <see cref="Sees"/>); code holding a
/// share in memory asks <see cref="CanSee(ShareViewer, Share)"/>, which is the same expression compiled, so they can never disagree.
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

    /// <summary>
    /// The rule itself, with the viewer's four facts as parameters. Queries use it through <see cref="VisibleTo"/>,
    /// or through <see cref="Sees"/> inside a query compiled once (<see cref="Inline{TDelegate}"/>); in memory through
    /// <see cref="CanSee(ShareViewer, Share)"/>. All three are this one expression.
    /// </summary>
    private static readonly Expression<Func<Share, Guid, Guid, bool, bool, bool>> s_rule =
        (s, userId, groupId, member, facilitator) => s.GroupId == groupId
            && (s.AuthorId == userId
                || facilitator
                || s.ConversationOwnerId == userId
                || (member && s.Audience == ShareAudience.Group && s.HiddenUtc == null));

    private static readonly Func<Share, Guid, Guid, bool, bool, bool> s_compiledRule = s_rule.Compile();

    /// <summary>The shares of <paramref name="viewer"/>'s group that the viewer may see (EF translates it).</summary>
    public static Expression<Func<Share, bool>> VisibleTo(ShareViewer viewer)
    {
        var userId = viewer.UserId;
        var groupId = viewer.GroupId;
        var member = viewer.IsActiveMember;
        var facilitator = viewer.IsGroupFacilitator;
        return Inline<Func<Share, bool>>(s => Sees(s, userId, groupId, member, facilitator));
    }

    /// <summary>
    /// Stands for the rule inside a query written with the viewer's facts as the query's own parameters, as a query
    /// compiled once (<c>EF.CompileAsyncQuery</c>) must be: pass the query through <see cref="Inline{TDelegate}"/>,
    /// which puts the rule in its place. Never called; calling it outside such a query throws.
    /// </summary>
    public static bool Sees(Share share, Guid userId, Guid groupId, bool isActiveMember, bool isGroupFacilitator) =>
        throw new InvalidOperationException($"{nameof(ShareVisibility)}.{nameof(Sees)} stands for the visibility rule inside a query: pass the query through {nameof(Inline)}.");

    /// <summary>Returns <paramref name="query"/> with every <see cref="Sees"/> replaced by the rule, its parameters by the call's arguments.</summary>
    public static Expression<TDelegate> Inline<TDelegate>(Expression<TDelegate> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return (Expression<TDelegate>)new RuleInliner().Visit(query);
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
        return s_compiledRule(share, viewer.UserId, viewer.GroupId, viewer.IsActiveMember, viewer.IsGroupFacilitator);
    }

    private sealed class RuleInliner : ExpressionVisitor
    {
        private static readonly System.Reflection.MethodInfo s_sees = typeof(ShareVisibility).GetMethod(nameof(Sees))!;

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != s_sees)
            {
                return base.VisitMethodCall(node);
            }

            var arguments = node.Arguments.Select(Visit).ToList();
            var byParameter = s_rule.Parameters.Select((p, i) => (p, arguments[i]!)).ToDictionary(x => x.p, x => x.Item2);
            return new ParameterReplacer(byParameter).Visit(s_rule.Body);
        }
    }

    private sealed class ParameterReplacer(Dictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var replacement) ? replacement : node;
    }

    /// <summary>
    /// How the author of a share the viewer can see is named: the pseudonym for a pseudonymous share;
    /// for an anonymous one "Anonymous" to the group, the pseudonym with a note to facilitators and to the author.
    /// </summary>
    public static ShownByline BylineFor(ShareViewer viewer, Guid authorId, ShareByline byline, string authorPseudonym) =>
        BylineFor(viewer, authorId == viewer.UserId, byline, authorPseudonym);

    /// <summary>As above, for a query that has already worked out whether the viewer wrote the share.</summary>
    public static ShownByline BylineFor(ShareViewer viewer, bool viewerIsAuthor, ShareByline byline, string authorPseudonym)
    {
        if (byline == ShareByline.Pseudonym)
        {
            return new ShownByline(authorPseudonym, null);
        }

        if (viewerIsAuthor)
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
