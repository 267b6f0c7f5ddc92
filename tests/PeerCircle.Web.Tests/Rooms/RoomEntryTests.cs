using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Rooms;

/// <summary>Who may come into a live room, and how: the server decides on every call, not only on connect.</summary>
public sealed class RoomEntryTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task A_booked_member_acknowledges_the_agreement_then_enters_and_sees_who_is_there()
    {
        var room = await app.LiveRoomAsync(members: 1);
        var member = room.Members[0];

        var page = await member.Client.PageTextAsync(RoomTestData.RoomPage(room.SessionId));
        Assert.Contains("Before you come in", page, StringComparison.Ordinal);
        Assert.Contains(GroupTestData.Agreement, page, StringComparison.Ordinal);

        var (probe, snapshot) = await member.EnterAsync(room.SessionId);
        await using var _ = probe;
        Assert.Equal(member.User.Id, snapshot.Me.Key);
        Assert.False(snapshot.Me.IsFacilitator);
        Assert.Contains(snapshot.State.People, p => p.Key == member.User.Id && p.Present);
        var acknowledged = await app.WithDbAsync(db => db.RoomParticipants.SingleAsync(p => p.SessionId == room.SessionId && p.UserId == member.User.Id));
        Assert.Equal(1, acknowledged.AgreementVersion);
        Assert.NotNull(acknowledged.EnteredUtc);
    }

    [Fact]
    public async Task Entering_without_acknowledging_the_agreement_is_refused()
    {
        var room = await app.LiveRoomAsync(members: 1);
        await using var probe = await room.Members[0].ConnectAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => probe.JoinAsync(room.SessionId));
        Assert.Contains("acknowledge the group agreement", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_acknowledgement_form_needs_the_box_ticked()
    {
        var room = await app.LiveRoomAsync(members: 1);
        var page = RoomTestData.RoomPage(room.SessionId);

        var response = await room.Members[0].Client.SubmitFormAsync(page, [new("Enter.AgreementVersion", "1")], $"{page}?handler=Enter");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Please tick the box", await response.TextAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.RoomParticipants.AnyAsync(p => p.SessionId == room.SessionId)));
    }

    [Fact]
    public async Task A_member_of_the_group_without_a_seat_cannot_enter()
    {
        var room = await app.LiveRoomAsync(members: 0);
        var member = await app.PersonAsync();
        await app.JoinAsync(room.GroupId, member.User.Id);

        Assert.Contains("for people with a seat", await member.Client.PageTextAsync(RoomTestData.RoomPage(room.SessionId)), StringComparison.Ordinal);
        await using var probe = await member.ConnectAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => probe.JoinAsync(room.SessionId));
        Assert.EndsWith("HubException: You can't take part in this room.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_or_a_facilitator_of_another_group_gets_nothing()
    {
        var room = await app.LiveRoomAsync(members: 0);
        var other = await app.LiveRoomAsync(members: 1);

        foreach (var outsider in (RoomPerson[])[other.Members[0], other.Facilitator])
        {
            var response = await outsider.Client.GetAsync(new Uri(RoomTestData.RoomPage(room.SessionId), UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            await using var probe = await outsider.ConnectAsync();
            var error = await Assert.ThrowsAsync<HubException>(() => probe.JoinAsync(room.SessionId));
            Assert.EndsWith("HubException: You can't take part in this room.", error.Message, StringComparison.Ordinal);
            var send = await Assert.ThrowsAsync<HubException>(() => probe.SendAsync(room.SessionId, "hello"));
            Assert.EndsWith("HubException: You can't take part in this room.", send.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_admin_gets_nothing_from_their_role()
    {
        var room = await app.LiveRoomAsync(members: 0);
        var admin = await app.PersonAsync(Roles.Admin);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.Client.GetAsync(new Uri(RoomTestData.RoomPage(room.SessionId), UriKind.Relative))).StatusCode);
        await using var probe = await admin.ConnectAsync();
        await Assert.ThrowsAsync<HubException>(() => probe.JoinAsync(room.SessionId));
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_connect_to_the_hub()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var response = await client.PostAsync(new Uri("/hubs/room/negotiate?negotiateVersion=1", UriKind.Relative), null);
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, response.StatusCode.ToString());
    }

    [Fact]
    public async Task Before_the_facilitator_starts_the_session_the_room_is_not_open()
    {
        var facilitator = await app.PersonAsync(Roles.Facilitator);
        await app.AddValidTrainingAsync(facilitator.User.Id);
        var group = await app.CreateGroupAsync(facilitators: [facilitator.User.Id]);
        var session = await app.CreateSessionAsync(group.Id, DateTime.UtcNow.AddMinutes(5), facilitators: facilitator.User.Id);
        var member = await app.PersonAsync();
        await app.BookAsync(session.Id, member.User.Id);

        Assert.Contains("The room isn't open yet", await member.Client.PageTextAsync(RoomTestData.RoomPage(session.Id)), StringComparison.Ordinal);
        await using var probe = await member.ConnectAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => probe.JoinAsync(session.Id));
        Assert.Contains("opens when the facilitator starts the session", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_facilitator_cannot_open_the_room_before_the_sessions_window()
    {
        var facilitator = await app.PersonAsync(Roles.Facilitator);
        await app.AddValidTrainingAsync(facilitator.User.Id);
        var group = await app.CreateGroupAsync(facilitators: [facilitator.User.Id]);
        var session = await app.CreateSessionAsync(group.Id, DateTime.UtcNow.AddHours(3), facilitators: facilitator.User.Id);
        var run = $"/Facilitate/Sessions/Run/{session.Id}";

        var response = await facilitator.Client.SubmitFormAsync(run, [], $"{run}?handler=Start");

        Assert.Contains("can be started from 15 minutes before its start time", await response.TextAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.SessionRooms.AnyAsync(r => r.SessionId == session.Id)));
    }

    [Fact]
    public async Task Starting_from_the_run_page_opens_the_room()
    {
        var facilitator = await app.PersonAsync(Roles.Facilitator);
        await app.AddValidTrainingAsync(facilitator.User.Id);
        var group = await app.CreateGroupAsync(facilitators: [facilitator.User.Id]);
        var session = await app.CreateSessionAsync(group.Id, DateTime.UtcNow.AddMinutes(10), facilitators: facilitator.User.Id);
        var run = $"/Facilitate/Sessions/Run/{session.Id}";

        (await facilitator.Client.SubmitFormAsync(run, [], $"{run}?handler=Start")).AssertRedirectTo(run);

        Assert.Contains("its room is open", await facilitator.Client.PageTextAsync(run), StringComparison.Ordinal);
        var (probe, snapshot) = await facilitator.EnterAsync(session.Id);
        await using var _ = probe;
        Assert.True(snapshot.Me.IsFacilitator);
    }

    [Fact]
    public async Task An_in_person_group_has_no_room()
    {
        var facilitator = await app.PersonAsync(Roles.Facilitator);
        await app.AddValidTrainingAsync(facilitator.User.Id);
        var group = await app.CreateGroupAsync(format: GroupFormat.InPerson, location: "Room 4, Union St", facilitators: [facilitator.User.Id]);
        var session = await app.CreateSessionAsync(group.Id, DateTime.UtcNow.AddMinutes(5), facilitators: facilitator.User.Id);
        await app.WithRoomsAsync(rooms => rooms.StartAsync(session.Id, facilitator.User.Id));

        Assert.Contains("meets in person", await facilitator.Client.PageTextAsync(RoomTestData.RoomPage(session.Id)), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.SessionRooms.AnyAsync(r => r.SessionId == session.Id)));
    }

    [Fact]
    public async Task A_member_who_leaves_the_group_mid_session_is_refused_on_their_next_call()
    {
        var room = await app.LiveRoomAsync(members: 1);
        var member = room.Members[0];
        var (probe, _) = await member.EnterAsync(room.SessionId);
        await using var _p = probe;
        await probe.SendAsync(room.SessionId, "First message");

        await app.WithDbAsync(async db =>
        {
            var membership = await db.Memberships.SingleAsync(m => m.GroupId == room.GroupId && m.UserId == member.User.Id);
            membership.Leave();
            await db.SaveChangesAsync();
        });

        var error = await Assert.ThrowsAsync<HubException>(() => probe.SendAsync(room.SessionId, "Second message"));
        Assert.EndsWith("HubException: You can't take part in this room.", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Shares.CountAsync(s => s.SessionId == room.SessionId && s.Kind == ShareKind.SessionMessage)));
    }

    [Fact]
    public async Task The_opening_check_in_is_stored_as_a_share_for_the_facilitators_only()
    {
        var room = await app.LiveRoomAsync(members: 1);
        await room.Members[0].AcknowledgeAsync(room.SessionId, checkIn: 2);

        var checkIn = await app.WithDbAsync(db => db.Shares.SingleAsync(s => s.SessionId == room.SessionId && s.Kind == ShareKind.CheckIn));
        Assert.Equal(2, checkIn.Score);
        Assert.Equal(ShareAudience.FacilitatorsOnly, checkIn.Audience);
        Assert.Equal(room.Members[0].User.Id, checkIn.AuthorId);
    }

    [Fact]
    public async Task When_the_session_starts_booked_members_are_told_in_the_app_and_find_the_room_from_the_session_page()
    {
        var room = await app.LiveRoomAsync(members: 1);
        var member = room.Members[0];

        var notifications = await member.Client.PageTextAsync("/Notifications");
        Assert.Contains("A session you booked has started. Its live room is open.", notifications, StringComparison.Ordinal);
        Assert.Contains(RoomTestData.RoomPage(room.SessionId), notifications, StringComparison.Ordinal);
        Assert.Contains(RoomTestData.RoomPage(room.SessionId), await member.Client.PageTextAsync($"/Sessions/Details/{room.SessionId}"), StringComparison.Ordinal);
        Assert.Contains(RoomTestData.RoomPage(room.SessionId), await member.Client.PageTextAsync("/Sessions/Mine"), StringComparison.Ordinal);
        Assert.Empty(app.MailTo(member.User.Email));
    }
}
