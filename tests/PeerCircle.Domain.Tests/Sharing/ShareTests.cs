using PeerCircle.Domain.Sharing;

namespace PeerCircle.Domain.Tests.Sharing;

public sealed class ShareTests
{
    private static readonly DateTime s_now = new(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid s_group = Guid.NewGuid();

    internal static ShareAuthor Member(Guid? id = null, Guid? group = null) => new(id ?? Guid.NewGuid(), group ?? s_group, true, true, false);

    internal static ShareAuthor Facilitator(Guid? id = null) => new(id ?? Guid.NewGuid(), s_group, true, false, true);

    private static ShareModerator Moderator(Guid? group = null) => new(Guid.NewGuid(), group ?? s_group, true);

    private static Share Thread(ShareAuthor? author = null, ShareAudience audience = ShareAudience.Group) =>
        Share.StartThread(author ?? Member(), "A hard week", "It was a hard week.", audience, ShareByline.Pseudonym, s_now);

    [Fact]
    public void A_thread_keeps_its_title_text_audience_byline_and_lives_until_withdrawn()
    {
        var author = Member();

        var thread = Share.StartThread(author, "  A hard\nweek ", "Line one\r\n\r\nLine two", ShareAudience.FacilitatorsOnly, ShareByline.Anonymous, s_now);

        Assert.Equal("A hard week", thread.Title);
        Assert.Equal("Line one\n\nLine two", thread.Text);
        Assert.Equal(ShareAudience.FacilitatorsOnly, thread.Audience);
        Assert.Equal(ShareByline.Anonymous, thread.Byline);
        Assert.Equal(ShareKind.BoardThread, thread.Kind);
        Assert.Null(thread.ExpiresUtc);
        Assert.Equal(author.UserId, thread.AuthorId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_is_refused(string text)
    {
        var error = Assert.Throws<DomainException>(() => Share.StartThread(Member(), "Title", text, ShareAudience.Group, ShareByline.Pseudonym, s_now));
        Assert.Equal("Write something to share.", error.Message);
    }

    [Fact]
    public void Text_longer_than_4000_characters_is_refused_and_4000_is_accepted()
    {
        Share.StartThread(Member(), "Title", new string('a', 4000), ShareAudience.Group, ShareByline.Pseudonym, s_now);
        var error = Assert.Throws<DomainException>(() => Share.StartThread(Member(), "Title", new string('a', 4001), ShareAudience.Group, ShareByline.Pseudonym, s_now));
        Assert.Contains("4000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_thread_needs_a_title()
    {
        Assert.Throws<DomainException>(() => Share.StartThread(Member(), " ", "text", ShareAudience.Group, ShareByline.Pseudonym, s_now));
    }

    [Fact]
    public void Someone_who_is_neither_an_active_member_nor_a_facilitator_cannot_share()
    {
        var outsider = new ShareAuthor(Guid.NewGuid(), s_group, true, false, false);
        var error = Assert.Throws<DomainException>(() => Thread(outsider));
        Assert.Equal("Only the group's members and facilitators can share in it.", error.Message);
    }

    [Fact]
    public void Nothing_new_can_be_shared_in_an_archived_group()
    {
        var author = new ShareAuthor(Guid.NewGuid(), s_group, false, true, false);
        Assert.Throws<DomainException>(() => Thread(author));
    }

    [Fact]
    public void A_muted_member_cannot_share_until_the_mute_ends()
    {
        var muted = new ShareAuthor(Guid.NewGuid(), s_group, true, true, false, s_now.AddHours(1), s_now);
        var ended = muted with { NowUtc = s_now.AddHours(2) };

        Assert.Throws<DomainException>(() => Thread(muted));
        Assert.NotNull(Thread(ended));
    }

    [Fact]
    public void A_reply_in_a_facilitators_only_thread_is_facilitators_only_whatever_was_chosen()
    {
        var thread = Thread(audience: ShareAudience.FacilitatorsOnly);

        var reply = Share.Reply(Facilitator(), thread, "Thank you for telling us.", ShareAudience.Group, ShareByline.Pseudonym, s_now);

        Assert.Equal(ShareAudience.FacilitatorsOnly, reply.Audience);
        Assert.Equal(thread.Id, reply.ThreadId);
        Assert.Equal(ShareKind.BoardReply, reply.Kind);
    }

    [Fact]
    public void A_reply_to_another_groups_thread_or_a_hidden_or_withdrawn_thread_is_refused()
    {
        var thread = Thread();
        Assert.Throws<DomainException>(() => Share.Reply(Member(group: Guid.NewGuid()), thread, "x", ShareAudience.Group, ShareByline.Pseudonym, s_now));

        thread.Hide(Moderator(), s_now);
        Assert.Throws<DomainException>(() => Share.Reply(Member(), thread, "x", ShareAudience.Group, ShareByline.Pseudonym, s_now));

        var author = Member();
        var other = Thread(author);
        other.Withdraw(author.UserId, s_now);
        Assert.Throws<DomainException>(() => Share.Reply(Member(), other, "x", ShareAudience.Group, ShareByline.Pseudonym, s_now));
    }

    [Fact]
    public void Only_a_facilitator_can_post_a_prompt_and_it_goes_to_the_whole_group_by_pseudonym()
    {
        Assert.Throws<DomainException>(() => Share.PostPrompt(Member(), "Prompt", "What helped this week?", s_now));

        var prompt = Share.PostPrompt(Facilitator(), "Prompt", "What helped this week?", s_now);

        Assert.True(prompt.IsPrompt);
        Assert.Equal(ShareAudience.Group, prompt.Audience);
        Assert.Equal(ShareByline.Pseudonym, prompt.Byline);
    }

    [Fact]
    public void A_session_message_expires_the_groups_retention_period_after_the_session_and_a_check_in_is_for_facilitators()
    {
        var end = s_now.AddHours(2);

        var message = Share.InSession(Member(), Guid.NewGuid(), end, 30, ShareKind.SessionMessage, "Hi all", ShareAudience.Group, ShareByline.Pseudonym, s_now);
        var checkIn = Share.InSession(Member(), Guid.NewGuid(), end, 7, ShareKind.CheckIn, "3 of 5", ShareAudience.Group, ShareByline.Pseudonym, s_now);

        Assert.Equal(end.AddDays(30), message.ExpiresUtc);
        Assert.Equal(end.AddDays(7), checkIn.ExpiresUtc);
        Assert.Equal(ShareAudience.FacilitatorsOnly, checkIn.Audience);
    }

    [Fact]
    public void Withdrawing_deletes_the_text_and_title_and_keeps_a_tombstone()
    {
        var author = Member();
        var thread = Thread(author);
        var stamp = thread.ConcurrencyStamp;

        thread.Withdraw(author.UserId, s_now);

        Assert.Null(thread.Text);
        Assert.Null(thread.Title);
        Assert.Equal(s_now, thread.WithdrawnUtc);
        Assert.True(thread.IsWithdrawn);
        Assert.NotEqual(stamp, thread.ConcurrencyStamp);
    }

    [Fact]
    public void Only_the_author_can_withdraw_not_even_a_facilitator()
    {
        var thread = Thread();

        var error = Assert.Throws<DomainException>(() => thread.Withdraw(Guid.NewGuid(), s_now));

        Assert.Equal("Only the person who wrote this can withdraw it.", error.Message);
        Assert.NotNull(thread.Text);
    }

    [Fact]
    public void A_facilitator_of_the_group_hides_and_unhides_and_the_text_is_kept_for_review()
    {
        var thread = Thread();
        var moderator = Moderator();

        thread.Hide(moderator, s_now);
        Assert.True(thread.IsHidden);
        Assert.Equal(moderator.UserId, thread.HiddenBy);
        Assert.Equal("It was a hard week.", thread.Text);
        Assert.Throws<DomainException>(() => thread.Hide(moderator, s_now));

        thread.Unhide(moderator);
        Assert.False(thread.IsHidden);
        Assert.Throws<DomainException>(() => thread.Unhide(moderator));
    }

    [Fact]
    public void A_facilitator_of_another_group_or_a_member_cannot_moderate()
    {
        var thread = Thread();

        Assert.Throws<DomainException>(() => thread.Hide(Moderator(Guid.NewGuid()), s_now));
        Assert.Throws<DomainException>(() => thread.Hide(new ShareModerator(Guid.NewGuid(), s_group, false), s_now));
        Assert.Throws<DomainException>(() => thread.Pin(Moderator(Guid.NewGuid()), true));
        Assert.False(thread.IsHidden);
        Assert.False(thread.IsPinned);
    }

    [Fact]
    public void Only_threads_are_pinned_and_never_hidden_ones()
    {
        var thread = Thread();
        var reply = Share.Reply(Member(), thread, "Same here", ShareAudience.Group, ShareByline.Pseudonym, s_now);
        var moderator = Moderator();

        thread.Pin(moderator, true);
        Assert.True(thread.IsPinned);
        Assert.Throws<DomainException>(() => reply.Pin(moderator, true));
        thread.Pin(moderator, false);
        thread.Hide(moderator, s_now);
        Assert.Throws<DomainException>(() => thread.Pin(moderator, true));
    }

    [Fact]
    public void Purging_deletes_the_text_for_good_and_remembers_when()
    {
        var thread = Thread();

        thread.Purge(s_now);
        thread.Purge(s_now.AddDays(1));

        Assert.Null(thread.Text);
        Assert.Null(thread.Title);
        Assert.Equal(s_now, thread.PurgedUtc);
    }

    [Fact]
    public void A_snapshot_keeps_the_text_for_a_safeguarding_concern()
    {
        var thread = Thread();

        var snapshot = thread.Snapshot(s_now);

        Assert.Equal(thread.Id, snapshot.ShareId);
        Assert.Equal("It was a hard week.", snapshot.Text);
        Assert.Equal(thread.AuthorId, snapshot.AuthorId);
    }

    [Fact]
    public void Board_posts_of_an_archived_group_expire_its_retention_period_after_the_archive()
    {
        Assert.Equal(s_now.AddDays(30), Share.BoardExpiry(s_now, 30));
    }
}
