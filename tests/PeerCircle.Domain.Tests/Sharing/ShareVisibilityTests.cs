using PeerCircle.Domain.Sharing;

namespace PeerCircle.Domain.Tests.Sharing;

/// <summary>Who sees a share, and how its author is named: every rule of <see cref="ShareVisibility"/>.</summary>
public sealed class ShareVisibilityTests
{
    private static readonly DateTime s_now = new(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid s_group = Guid.NewGuid();
    private static readonly Guid s_author = Guid.NewGuid();

    private static ShareViewer Author => new(s_author, s_group, true, false);
    private static ShareViewer Member => new(Guid.NewGuid(), s_group, true, false);
    private static ShareViewer Facilitator => new(Guid.NewGuid(), s_group, false, true);
    private static ShareViewer FormerMember => new(Guid.NewGuid(), s_group, false, false);
    private static ShareViewer MemberOfAnotherGroup => new(Guid.NewGuid(), Guid.NewGuid(), true, false);
    private static ShareViewer FacilitatorOfAnotherGroup => new(Guid.NewGuid(), Guid.NewGuid(), false, true);

    private static Share Post(ShareAudience audience, ShareByline byline = ShareByline.Pseudonym) =>
        Share.StartThread(new ShareAuthor(s_author, s_group, true, true, false), "Title", "Text", audience, byline, s_now);

    public static TheoryData<string, ShareAudience, bool> Cases => new()
    {
        { "author", ShareAudience.Group, true },
        { "author", ShareAudience.FacilitatorsOnly, true },
        { "member", ShareAudience.Group, true },
        { "member", ShareAudience.FacilitatorsOnly, false },
        { "facilitator", ShareAudience.Group, true },
        { "facilitator", ShareAudience.FacilitatorsOnly, true },
        { "former member", ShareAudience.Group, false },
        { "member of another group", ShareAudience.Group, false },
        { "facilitator of another group", ShareAudience.FacilitatorsOnly, false },
        { "facilitator of another group", ShareAudience.Group, false },
    };

    private static ShareViewer Viewer(string who) => who switch
    {
        "author" => Author,
        "member" => Member,
        "facilitator" => Facilitator,
        "former member" => FormerMember,
        "member of another group" => MemberOfAnotherGroup,
        "facilitator of another group" => FacilitatorOfAnotherGroup,
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_share_is_seen_by_its_audience_and_its_author_only(string who, ShareAudience audience, bool sees)
    {
        Assert.Equal(sees, ShareVisibility.CanSee(Viewer(who), Post(audience)));
    }

    [Fact]
    public void A_hidden_share_is_invisible_to_the_group_but_its_author_and_the_facilitators_still_see_it()
    {
        var share = Post(ShareAudience.Group);
        share.Hide(new ShareModerator(Guid.NewGuid(), s_group, true), s_now);

        Assert.False(ShareVisibility.CanSee(Member, share));
        Assert.True(ShareVisibility.CanSee(Author, share));
        Assert.True(ShareVisibility.CanSee(Facilitator, share));
    }

    [Fact]
    public void The_query_expression_filters_a_list_exactly_as_CanSee_decides()
    {
        var shares = new[] { Post(ShareAudience.Group), Post(ShareAudience.FacilitatorsOnly), Post(ShareAudience.Group, ShareByline.Anonymous) };
        shares[2].Hide(new ShareModerator(Guid.NewGuid(), s_group, true), s_now);
        var member = Member;

        var visible = shares.AsQueryable().Where(ShareVisibility.VisibleTo(member)).ToList();

        Assert.Equal([shares[0]], visible);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_query_written_with_Sees_and_inlined_decides_exactly_as_CanSee(string who, ShareAudience audience, bool sees)
    {
        // The shape of a query compiled once: the viewer's facts are the query's own parameters.
        var query = ShareVisibility.Inline<Func<IQueryable<Share>, Guid, Guid, bool, bool, IQueryable<Share>>>(
            (shares, userId, groupId, member, facilitator) => shares.Where(s => ShareVisibility.Sees(s, userId, groupId, member, facilitator))).Compile();
        var viewer = Viewer(who);
        var hidden = Post(audience);
        hidden.Hide(new ShareModerator(Guid.NewGuid(), s_group, true), s_now);
        var shares = new[] { Post(audience), hidden }.AsQueryable();

        var visible = query(shares, viewer.UserId, viewer.GroupId, viewer.IsActiveMember, viewer.IsGroupFacilitator).ToList();

        Assert.Equal(shares.Where(s => ShareVisibility.CanSee(viewer, s)), visible);
        Assert.Equal(sees, visible.Contains(shares.First()));
    }

    [Fact]
    public void Sees_stands_for_the_rule_only_inside_an_inlined_query()
    {
        var viewer = Member;
        Assert.Throws<InvalidOperationException>(() => ShareVisibility.Sees(Post(ShareAudience.Group), viewer.UserId, viewer.GroupId, true, false));
    }

    [Fact]
    public void A_pseudonymous_share_names_its_author_to_everyone_who_sees_it()
    {
        Assert.Equal(new ShownByline("Robin", null), ShareVisibility.BylineFor(Member, s_author, ShareByline.Pseudonym, "Robin"));
    }

    [Fact]
    public void An_anonymous_share_is_Anonymous_to_the_group()
    {
        Assert.Equal(new ShownByline("Anonymous", null), ShareVisibility.BylineFor(Member, s_author, ShareByline.Anonymous, "Robin"));
    }

    [Fact]
    public void Facilitators_see_who_posted_anonymously_with_a_label_saying_so()
    {
        Assert.Equal(new ShownByline("Robin", "posted anonymously to the group"), ShareVisibility.BylineFor(Facilitator, s_author, ShareByline.Anonymous, "Robin"));
    }

    [Fact]
    public void The_author_sees_their_own_anonymous_post_as_theirs_with_a_reminder()
    {
        Assert.Equal(new ShownByline("Robin", "you, anonymous to the group"), ShareVisibility.BylineFor(Author, s_author, ShareByline.Anonymous, "Robin"));
    }

    [Fact]
    public void Replies_in_a_facilitators_only_conversation_reach_the_member_who_started_it_and_no_other_member()
    {
        var thread = Post(ShareAudience.FacilitatorsOnly);
        var facilitator = Facilitator;
        var reply = Share.Reply(new ShareAuthor(facilitator.UserId, s_group, true, false, true), thread, "We hear you", ShareAudience.Group, ShareByline.Pseudonym, s_now);

        Assert.True(ShareVisibility.CanSee(Author, reply));
        Assert.False(ShareVisibility.CanSee(Member, reply));
        Assert.True(ShareVisibility.CanSee(Facilitator, reply));
    }

    [Fact]
    public void A_facilitators_only_reply_in_a_group_conversation_does_not_reach_the_conversations_author()
    {
        var thread = Post(ShareAudience.Group);
        var replier = Member;
        var reply = Share.Reply(new ShareAuthor(replier.UserId, s_group, true, true, false), thread, "Only for facilitators", ShareAudience.FacilitatorsOnly, ShareByline.Pseudonym, s_now);

        Assert.False(ShareVisibility.CanSee(Author, reply));
        Assert.True(ShareVisibility.CanSee(replier, reply));
        Assert.True(ShareVisibility.CanSee(Facilitator, reply));
    }
}
