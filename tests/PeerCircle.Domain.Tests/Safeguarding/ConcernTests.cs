using PeerCircle.Domain.Safeguarding;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Domain.Tests.Safeguarding;

public sealed class ConcernTests
{
    private static readonly DateTime s_now = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Guid s_group = Guid.NewGuid();

    private static Share Post(Guid author, string text = "I want to end it all") =>
        Share.StartThread(new ShareAuthor(author, s_group, true, true, false), "Hard week", text, ShareAudience.Group, ShareByline.Anonymous, s_now);

    [Fact]
    public void The_snapshot_is_a_copy_that_outlives_the_shares_withdrawal()
    {
        var author = Guid.NewGuid();
        var share = Post(author);
        var concern = Concern.Detected(share, s_now);

        share.Withdraw(author, s_now.AddMinutes(1));

        Assert.Null(share.Text);
        Assert.Equal("I want to end it all", Assert.Single(concern.Snapshots).Text);
        Assert.Equal(ConcernStatus.Draft, concern.Status);
        Assert.Equal(author, concern.SubjectId);
    }

    [Fact]
    public void Only_a_facilitator_of_the_group_raises_a_draft_and_it_needs_a_description()
    {
        var concern = Concern.Detected(Post(Guid.NewGuid()), s_now);
        var facilitator = Guid.NewGuid();

        Assert.Throws<DomainException>(() => concern.Raise(facilitator, isGroupFacilitator: false, "Worried", s_now));
        Assert.Throws<DomainException>(() => concern.Raise(facilitator, isGroupFacilitator: true, "  ", s_now));
        concern.Raise(facilitator, true, "Worried about them", s_now.AddHours(1));

        Assert.Equal(ConcernStatus.Open, concern.Status);
        Assert.Equal(s_now.AddHours(1), concern.OpenedUtc);
        Assert.Throws<DomainException>(() => concern.Raise(facilitator, true, "Again", s_now));
    }

    [Fact]
    public void Reading_the_snapshot_needs_a_reason()
    {
        var concern = Concern.Detected(Post(Guid.NewGuid()), s_now);

        Assert.Throws<DomainException>(() => concern.CheckReadReason(null));
        Assert.Throws<DomainException>(() => concern.CheckReadReason("   "));
        Assert.Equal("Assessing risk", concern.CheckReadReason("  Assessing risk "));
    }

    [Fact]
    public void A_closed_concern_keeps_its_snapshot_for_the_retention_period_then_purges_it()
    {
        var concern = Concern.RaisedByFacilitator(Guid.NewGuid(), true, Post(Guid.NewGuid()), "Worried", s_now);
        var lead = Guid.NewGuid();
        concern.Acknowledge(lead, s_now.AddHours(1));
        concern.Escalate(lead, "Crisis team", s_now.AddHours(2), null, s_now.AddHours(2));

        Assert.Throws<DomainException>(() => concern.Close(lead, "", s_now.AddDays(1), 30));
        concern.Close(lead, "Safe", s_now.AddDays(1), 30);

        Assert.False(concern.PurgeSnapshotsIfDue(s_now.AddDays(30)));
        Assert.NotNull(Assert.Single(concern.Snapshots).Text);
        Assert.True(concern.PurgeSnapshotsIfDue(s_now.AddDays(31)));
        Assert.Null(concern.Snapshots.Single().Text);
        Assert.Throws<DomainException>(() => concern.CheckReadReason("Looking again"));
        Assert.Throws<DomainException>(() => concern.AddNote(lead, "Late note", s_now.AddDays(32)));
    }

    [Fact]
    public void An_escalation_is_recorded_once_it_has_happened()
    {
        var concern = Concern.RaisedByFacilitator(Guid.NewGuid(), true, Post(Guid.NewGuid()), "Worried", s_now);

        Assert.Throws<DomainException>(() => concern.Escalate(Guid.NewGuid(), "Crisis team", s_now.AddDays(1), null, s_now));
        Assert.Throws<DomainException>(() => concern.Escalate(Guid.NewGuid(), " ", s_now, null, s_now));
        concern.Escalate(Guid.NewGuid(), "Crisis team", s_now.AddMinutes(-10), "Call made", s_now);

        Assert.Equal(ConcernStatus.Escalated, concern.Status);
    }

    [Fact]
    public void A_member_raises_a_concern_only_about_a_post_they_can_see_and_not_their_own()
    {
        var author = Guid.NewGuid();
        var hidden = Share.StartThread(new ShareAuthor(author, s_group, true, true, false), "t", "text", ShareAudience.FacilitatorsOnly, ShareByline.Pseudonym, s_now);
        var member = new ShareViewer(Guid.NewGuid(), s_group, true, false);

        Assert.Throws<DomainException>(() => Concern.RaisedByMember(member, hidden, "Worried", s_now));
        Assert.Throws<DomainException>(() => Concern.RaisedByMember(new ShareViewer(author, s_group, true, false), Post(author), "Me", s_now));
        Assert.Throws<DomainException>(() => Concern.RaisedByMember(new ShareViewer(Guid.NewGuid(), s_group, false, false), null, "Worried", s_now));
        var concern = Concern.RaisedByMember(member, null, "Someone seemed very low", s_now);

        Assert.Equal(ConcernStatus.Open, concern.Status);
        Assert.Null(concern.SubjectId);
        Assert.Empty(concern.Snapshots);
    }
}
