using PeerCircle.Domain.Groups;

namespace PeerCircle.Domain.Tests.Groups;

public sealed class GroupTests
{
    [Fact]
    public void A_new_group_is_active_with_its_details_and_the_first_agreement_version()
    {
        var group = GroupBuilder.Group(coFacilitation: true);

        Assert.Equal(GroupStatus.Active, group.Status);
        Assert.Equal("Monday evening circle", group.Name);
        Assert.Equal(1, group.CurrentAgreementVersion);
        Assert.Single(group.Agreements);
        Assert.Equal(2, group.RequiredFacilitators);
        Assert.Equal([Topic.WorkStress], group.Topics.Select(t => t.Topic));
    }

    public static TheoryData<GroupDetails, string> InvalidDetails => new()
    {
        { GroupBuilder.Details(name: "  "), "Enter the group's name." },
        { GroupBuilder.Details(name: new string('n', Group.NameMaxLength + 1)), "The name must be at most 80 characters." },
        { GroupBuilder.Details(description: ""), "Describe the group" },
        { GroupBuilder.Details(description: new string('d', 100_000)), "The description must be at most 2000 characters." },
        { GroupBuilder.Details(location: ""), "Name the online room" },
        { GroupBuilder.Details(timeZone: "Mars/Olympus_Mons"), "Choose the group's time zone from the list." },
        { GroupBuilder.Details(timeZone: ""), "Choose the group's time zone from the list." },
        { GroupBuilder.Details(capacity: 0), "Seats per session must be between 2 and 50." },
        { GroupBuilder.Details(capacity: 1), "Seats per session must be between 2 and 50." },
        { GroupBuilder.Details(capacity: 51), "Seats per session must be between 2 and 50." },
        { GroupBuilder.Details(capacity: 500), "Seats per session must be between 2 and 50." },
        { GroupBuilder.Details(topics: []), "Choose at least one topic." },
    };

    [Theory]
    [MemberData(nameof(InvalidDetails))]
    public void Invalid_details_are_refused_with_a_message_saying_what_to_fix(GroupDetails details, string expected)
    {
        var error = Assert.Throws<DomainException>(() => new Group(details, "Be kind.", GroupBuilder.Now));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_edit_leaves_the_group_as_it_was()
    {
        var group = GroupBuilder.Group();
        var stamp = group.ConcurrencyStamp;

        Assert.Throws<DomainException>(() => group.Update(GroupBuilder.Details(name: "New name", capacity: 500)));

        Assert.Equal("Monday evening circle", group.Name);
        Assert.Equal(8, group.Capacity);
        Assert.Equal(stamp, group.ConcurrencyStamp);
    }

    [Fact]
    public void Editing_replaces_the_topics_and_renews_the_concurrency_stamp()
    {
        var group = GroupBuilder.Group();
        var stamp = group.ConcurrencyStamp;

        group.Update(GroupBuilder.Details(name: "  Burnout circle ", topics: [Topic.Burnout, Topic.Anxiety, Topic.Burnout]));

        Assert.Equal("Burnout circle", group.Name);
        Assert.Equal([Topic.Anxiety, Topic.Burnout], group.Topics.Select(t => t.Topic).Order());
        Assert.NotEqual(stamp, group.ConcurrencyStamp);
    }

    [Fact]
    public void An_archived_group_cannot_be_edited_or_archived_again()
    {
        var group = GroupBuilder.Group();
        group.Archive(GroupBuilder.Now);

        Assert.Equal(GroupStatus.Archived, group.Status);
        Assert.Equal(GroupBuilder.Now, group.ArchivedUtc);
        Assert.Throws<DomainException>(() => group.Update(GroupBuilder.Details()));
        Assert.Throws<DomainException>(() => group.Archive(GroupBuilder.Now));
        Assert.Throws<DomainException>(() => group.PublishAgreement("New rules", GroupBuilder.Now));
    }

    [Fact]
    public void Publishing_a_changed_agreement_adds_a_version_and_keeps_the_old_ones()
    {
        var group = GroupBuilder.Group();

        var second = group.PublishAgreement("Be kind. Phones off.", GroupBuilder.Now.AddDays(1));

        Assert.Equal(2, second.Version);
        Assert.Equal(2, group.CurrentAgreementVersion);
        Assert.Equal([1, 2], group.Agreements.Select(a => a.Version).Order());
        Assert.Equal("Be kind. What is said here stays here.", group.Agreements.Single(a => a.Version == 1).Text);
    }

    [Fact]
    public void An_unchanged_or_empty_agreement_is_not_a_new_version()
    {
        var group = GroupBuilder.Group();

        var same = Assert.Throws<DomainException>(() => group.PublishAgreement(" Be kind. What is said here stays here. ", GroupBuilder.Now));
        var empty = Assert.Throws<DomainException>(() => group.PublishAgreement("   ", GroupBuilder.Now));

        Assert.Equal("The agreement has not changed.", same.Message);
        Assert.Contains("Write the group agreement", empty.Message, StringComparison.Ordinal);
        Assert.Equal(1, group.CurrentAgreementVersion);
    }

    [Fact]
    public void A_facilitator_is_assigned_once_and_can_be_removed()
    {
        var group = GroupBuilder.Group();
        var facilitator = Guid.NewGuid();

        group.AssignFacilitator(facilitator, GroupBuilder.Now);

        Assert.True(group.IsFacilitator(facilitator));
        Assert.Throws<DomainException>(() => group.AssignFacilitator(facilitator, GroupBuilder.Now));
        group.RemoveFacilitator(facilitator);
        Assert.False(group.IsFacilitator(facilitator));
        Assert.Throws<DomainException>(() => group.RemoveFacilitator(facilitator));
    }
}
