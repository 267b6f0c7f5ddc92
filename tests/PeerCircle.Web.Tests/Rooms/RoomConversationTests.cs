using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Rooms;

/// <summary>Messages in the live room are shares: audience, byline, withdrawal, catch-up after a dropped connection.</summary>
public sealed class RoomConversationTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task A_message_to_the_group_reaches_everyone_and_is_stored_as_a_share_with_the_groups_retention()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;
        await using var _s = sam;

        var sent = await alex.SendAsync(room.SessionId, "It has been a long week at work.");

        Assert.True(sent.Mine);
        Assert.Equal(room.Members[0].User.Pseudonym, sent.AuthorName);
        var seenBySam = await sam.WaitForMessageAsync(m => m.Id == sent.Id);
        Assert.Equal("It has been a long week at work.", seenBySam.Text);
        Assert.Equal(room.Members[0].User.Pseudonym, seenBySam.AuthorName);
        Assert.False(seenBySam.Mine);
        await facilitator.WaitForMessageAsync(m => m.Id == sent.Id);

        var share = await app.ShareAsync(sent.Id);
        var session = await app.SessionAsync(room.SessionId);
        Assert.Equal(ShareKind.SessionMessage, share.Kind);
        Assert.Equal(room.SessionId, share.SessionId);
        Assert.Equal(session.EndUtc.AddDays(room.RetentionDays), share.ExpiresUtc);
    }

    [Fact]
    public async Task An_anonymous_message_names_nobody_to_the_members_but_the_facilitators_see_who_wrote_it()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;
        await using var _s = sam;

        var sent = await alex.SendAsync(room.SessionId, "I haven't told anyone this before.", byline: ShareByline.Anonymous);

        var seenBySam = await sam.WaitForMessageAsync(m => m.Id == sent.Id);
        Assert.Equal(ShareVisibility.AnonymousName, seenBySam.AuthorName);
        Assert.Null(seenBySam.AuthorKey);
        Assert.Null(seenBySam.BylineNote);
        var seenByFacilitator = await facilitator.WaitForMessageAsync(m => m.Id == sent.Id);
        Assert.Equal(room.Members[0].User.Pseudonym, seenByFacilitator.AuthorName);
        Assert.Equal(ShareVisibility.AnonymousNoteForFacilitators, seenByFacilitator.BylineNote);
        Assert.Equal(ShareVisibility.AnonymousNoteForAuthor, sent.BylineNote);

        // A late arrival's catch-up is the same view.
        var snapshot = await sam.JoinAsync(room.SessionId);
        var caughtUp = Assert.Single(snapshot.Messages);
        Assert.Equal(ShareVisibility.AnonymousName, caughtUp.AuthorName);
        Assert.Null(caughtUp.AuthorKey);
    }

    [Fact]
    public async Task A_message_to_the_facilitators_only_never_reaches_the_other_members()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;
        await using var _s = sam;

        var sent = await alex.SendAsync(room.SessionId, "Can we talk after? Something is up at home.", ShareAudience.FacilitatorsOnly);
        var marker = await alex.SendAsync(room.SessionId, "Hello everyone");

        var seen = await facilitator.WaitForMessageAsync(m => m.Id == sent.Id);
        Assert.True(seen.ToFacilitatorsOnly);
        await sam.WaitForMessageAsync(m => m.Id == marker.Id);
        Assert.DoesNotContain(sam.Messages, m => m.Id == sent.Id);
        Assert.DoesNotContain((await sam.JoinAsync(room.SessionId)).Messages, m => m.Id == sent.Id);
        Assert.Contains((await alex.JoinAsync(room.SessionId)).Messages, m => m.Id == sent.Id);
    }

    [Fact]
    public async Task Withdrawing_a_message_deletes_its_text_and_it_disappears_for_everyone_at_once()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;
        await using var _s = sam;
        var sent = await alex.SendAsync(room.SessionId, "I regret saying this.");
        await sam.WaitForMessageAsync(m => m.Id == sent.Id);

        await alex.CallAsync("Withdraw", room.SessionId, sent.Id);

        await sam.WaitForAsync("MessageWithdrawn", args => (Guid)args[1]! == sent.Id);
        await facilitator.WaitForAsync("MessageWithdrawn", args => (Guid)args[1]! == sent.Id);
        var share = await app.ShareAsync(sent.Id);
        Assert.Null(share.Text);
        Assert.NotNull(share.WithdrawnUtc);
        var after = Assert.Single((await sam.JoinAsync(room.SessionId)).Messages);
        Assert.True(after.Withdrawn);
        Assert.Null(after.Text);
    }

    [Fact]
    public async Task Nobody_can_withdraw_someone_elses_message()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;
        await using var _s = sam;
        var sent = await alex.SendAsync(room.SessionId, "Mine to withdraw.");

        foreach (var other in (RoomConnectionProbe[])[sam, facilitator])
        {
            var error = await Assert.ThrowsAsync<HubException>(() => other.CallAsync("Withdraw", room.SessionId, sent.Id));
            Assert.Contains("Only the person who wrote this can withdraw it.", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("Mine to withdraw.", (await app.ShareAsync(sent.Id)).Text);
    }

    [Fact]
    public async Task After_a_dropped_connection_the_member_catches_up_with_everything_said_meanwhile()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        await using var _a = alex;
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        var first = await alex.SendAsync(room.SessionId, "Before the drop");
        await sam.WaitForMessageAsync(m => m.Id == first.Id);

        await sam.DisposeAsync();
        var during = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            during.Add((await alex.SendAsync(room.SessionId, $"While you were away {i}")).Id);
        }

        await using var back = await room.Members[1].ConnectAsync();
        var snapshot = await back.JoinAsync(room.SessionId);

        Assert.Equal([first.Id, .. during], snapshot.Messages.Select(m => m.Id));
        Assert.Equal("While you were away 3", snapshot.Messages[^1].Text);
    }

    [Fact]
    public async Task Presence_shows_who_is_connected()
    {
        var room = await app.LiveRoomAsync(members: 1);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        await using var _f = facilitator;
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        await facilitator.WaitForStateAsync(s => s.People.Any(p => p.Key == room.Members[0].User.Id && p.Present));

        await alex.DisposeAsync();

        await facilitator.WaitForStateAsync(s => s.People.Any(p => p.Key == room.Members[0].User.Id && !p.Present));
        Assert.False(await app.WithDbAsync(db => db.RoomConnections.AnyAsync(c => c.UserId == room.Members[0].User.Id)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_message_is_refused_with_a_clear_message(string text)
    {
        var room = await app.LiveRoomAsync(members: 1);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        await using var _a = alex;

        var error = await Assert.ThrowsAsync<HubException>(() => alex.SendAsync(room.SessionId, text));
        Assert.Contains("Write something to share.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_over_long_message_is_refused_and_nothing_is_stored()
    {
        var room = await app.LiveRoomAsync(members: 1);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        await using var _a = alex;

        var error = await Assert.ThrowsAsync<HubException>(() => alex.SendAsync(room.SessionId, new string('a', Share.TextMaxLength + 1)));
        Assert.Contains("at most 4000 characters", error.Message, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Shares.AnyAsync(s => s.SessionId == room.SessionId && s.Kind == ShareKind.SessionMessage)));
    }

    [Fact]
    public async Task Check_ins_are_shown_to_the_facilitators_only()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        await using var _f = facilitator;
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId, checkIn: 2);
        await using var _a = alex;
        var (sam, samSnapshot) = await room.Members[1].EnterAsync(room.SessionId, checkIn: 4);
        await using var _s = sam;

        var state = await facilitator.WaitForStateAsync(s => s.People.Any(p => p.Key == room.Members[1].User.Id && p.CheckIn == 4));
        Assert.Equal(2, state.People.Single(p => p.Key == room.Members[0].User.Id).CheckIn);

        Assert.All(samSnapshot.State.People, p => Assert.Null(p.CheckIn));
        Assert.All(samSnapshot.State.People, p => Assert.Null(p.Messages));
        Assert.All(samSnapshot.State.People, p => Assert.Null(p.Muted));
        await RoomConnectionProbe.SettleAsync();
        Assert.All(alex.States.SelectMany(s => s.People), p => Assert.Null(p.CheckIn));
        Assert.DoesNotContain(alex.Messages, m => m.Text is not null && m.Text.StartsWith("Check-in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Checking_out_records_a_closing_check_in_for_the_facilitators()
    {
        var room = await app.LiveRoomAsync(members: 1);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId, checkIn: 2);
        await using var _a = alex;
        var page = RoomTestData.RoomPage(room.SessionId);

        var response = await room.Members[0].Client.SubmitFormAsync(page, [new("CheckOut.Score", "4")], $"{page}?handler=CheckOut");

        response.AssertRedirectTo(page);
        var checkOut = await app.WithDbAsync(db => db.Shares.SingleAsync(s => s.SessionId == room.SessionId && s.Kind == ShareKind.CheckOut));
        Assert.Equal(4, checkOut.Score);
        Assert.Equal(ShareAudience.FacilitatorsOnly, checkOut.Audience);
        var again = await room.Members[0].Client.SubmitFormAsync(page, [new("CheckOut.Score", "5")], $"{page}?handler=CheckOut");
        Assert.Contains("Checking out is for people who came into this session, once", await again.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_out_score_out_of_range_gets_a_message_on_the_form()
    {
        var room = await app.LiveRoomAsync(members: 1);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        await using var _a = alex;
        var page = RoomTestData.RoomPage(room.SessionId);

        var response = await room.Members[0].Client.SubmitFormAsync(page, [new("CheckOut.Score", "9")], $"{page}?handler=CheckOut");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose how you are now, from 1 to 5.", await response.TextAsync(), StringComparison.Ordinal);
    }
}
