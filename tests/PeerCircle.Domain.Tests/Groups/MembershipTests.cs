using PeerCircle.Domain.Groups;

namespace PeerCircle.Domain.Tests.Groups;

public sealed class MembershipTests
{
    private static readonly DateTime s_now = GroupBuilder.Now;

    [Fact]
    public void Joining_an_open_group_makes_an_active_member_who_accepted_the_current_agreement()
    {
        var group = GroupBuilder.Group();

        var membership = Membership.Join(group, Guid.NewGuid(), 1, s_now);

        Assert.Equal(MembershipStatus.Active, membership.Status);
        Assert.Equal(1, membership.AcceptedAgreementVersion);
        Assert.Equal(s_now, membership.AgreementAcceptedUtc);
        membership.EnsureCanBook(group);
    }

    [Fact]
    public void Joining_with_an_old_agreement_version_is_refused()
    {
        var group = GroupBuilder.Group();
        group.PublishAgreement("New rules", s_now);

        var error = Assert.Throws<DomainException>(() => Membership.Join(group, Guid.NewGuid(), 1, s_now));

        Assert.Contains("agreement has changed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_to_join_a_by_request_group_waits_for_a_facilitator_and_cannot_book_yet()
    {
        var group = GroupBuilder.Group(joinPolicy: JoinPolicy.ByRequest);

        var membership = Membership.Join(group, Guid.NewGuid(), 1, s_now);

        Assert.Equal(MembershipStatus.Pending, membership.Status);
        var error = Assert.Throws<DomainException>(() => membership.EnsureCanBook(group));
        Assert.Contains("once a facilitator has approved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approved_request_makes_an_active_member_and_records_who_decided()
    {
        var group = GroupBuilder.Group(joinPolicy: JoinPolicy.ByRequest);
        var membership = Membership.Join(group, Guid.NewGuid(), 1, s_now);
        var facilitator = Guid.NewGuid();

        membership.Approve(facilitator, s_now.AddHours(1));

        Assert.Equal(MembershipStatus.Active, membership.Status);
        Assert.Equal(facilitator, membership.DecidedBy);
        Assert.Equal(s_now.AddHours(1), membership.DecidedUtc);
        membership.EnsureCanBook(group);
    }

    [Fact]
    public void A_declined_request_cannot_book_and_a_decided_request_cannot_be_decided_again()
    {
        var group = GroupBuilder.Group(joinPolicy: JoinPolicy.ByRequest);
        var membership = Membership.Join(group, Guid.NewGuid(), 1, s_now);

        membership.Decline(Guid.NewGuid(), s_now);

        Assert.Equal(MembershipStatus.Declined, membership.Status);
        Assert.Throws<DomainException>(() => membership.EnsureCanBook(group));
        Assert.Equal("This request has already been decided.", Assert.Throws<DomainException>(() => membership.Approve(Guid.NewGuid(), s_now)).Message);
        Assert.Throws<DomainException>(() => membership.Decline(Guid.NewGuid(), s_now));
    }

    [Fact]
    public void An_active_member_cannot_be_approved_again()
    {
        var group = GroupBuilder.Group();
        var membership = Membership.Join(group, Guid.NewGuid(), 1, s_now);

        Assert.Throws<DomainException>(() => membership.Approve(Guid.NewGuid(), s_now));
    }

    [Fact]
    public void A_member_who_left_cannot_book_and_can_join_again()
    {
        var group = GroupBuilder.Group();
        var membership = Membership.Join(group, Guid.NewGuid(), 1, s_now);

        membership.Leave();

        Assert.Equal(MembershipStatus.Left, membership.Status);
        Assert.Throws<DomainException>(() => membership.EnsureCanBook(group));
        Assert.Throws<DomainException>(membership.Leave);
        membership.Rejoin(group, 1, s_now.AddDays(1));
        Assert.Equal(MembershipStatus.Active, membership.Status);
    }

    [Fact]
    public void A_removed_member_cannot_rejoin_by_themselves()
    {
        var group = GroupBuilder.Group();
        var membership = Membership.Join(group, Guid.NewGuid(), 1, s_now);

        membership.Remove(Guid.NewGuid(), s_now);

        var error = Assert.Throws<DomainException>(() => membership.Rejoin(group, 1, s_now));
        Assert.Contains("removed from this group", error.Message, StringComparison.Ordinal);
        Assert.Equal(MembershipStatus.Removed, membership.Status);
    }

    [Fact]
    public void A_removed_member_cannot_book()
    {
        var group = GroupBuilder.Group();
        var membership = Membership.Join(group, Guid.NewGuid(), 1, s_now);
        membership.Remove(Guid.NewGuid(), s_now);

        var error = Assert.Throws<DomainException>(() => membership.EnsureCanBook(group));

        Assert.Equal("Join the group to book a seat in its sessions.", error.Message);
    }

    [Fact]
    public void An_active_member_cannot_join_twice()
    {
        var group = GroupBuilder.Group();
        var membership = Membership.Join(group, Guid.NewGuid(), 1, s_now);

        Assert.Equal("You are already a member of this group.", Assert.Throws<DomainException>(() => membership.Rejoin(group, 1, s_now)).Message);
    }

    [Fact]
    public void A_member_who_accepted_an_old_agreement_must_accept_the_new_one_before_booking()
    {
        var group = GroupBuilder.Group();
        var membership = Membership.Join(group, Guid.NewGuid(), 1, s_now);
        group.PublishAgreement("Be kind. Cameras on if you can.", s_now.AddDays(1));

        var error = Assert.Throws<DomainException>(() => membership.EnsureCanBook(group));

        Assert.Contains("agreement has changed", error.Message, StringComparison.Ordinal);
        membership.AcceptAgreement(group, 2, s_now.AddDays(2));
        membership.EnsureCanBook(group);
    }

    [Fact]
    public void Nobody_can_join_an_archived_group()
    {
        var group = GroupBuilder.Group();
        group.Archive(s_now);

        Assert.Throws<DomainException>(() => Membership.Join(group, Guid.NewGuid(), 1, s_now));
    }

    [Fact]
    public void An_active_member_is_muted_until_the_time_chosen_and_a_removed_one_cannot_be()
    {
        var group = GroupBuilder.Group();
        var membership = Membership.Join(group, Guid.NewGuid(), 1, s_now);

        membership.Mute(s_now.AddHours(24), s_now);

        Assert.True(membership.IsMuted(s_now.AddHours(23)));
        Assert.False(membership.IsMuted(s_now.AddHours(24)));
        Assert.Throws<DomainException>(() => membership.Mute(s_now, s_now));
        membership.Remove(Guid.NewGuid(), s_now);
        Assert.Throws<DomainException>(() => membership.Mute(s_now.AddHours(1), s_now));
    }
}
