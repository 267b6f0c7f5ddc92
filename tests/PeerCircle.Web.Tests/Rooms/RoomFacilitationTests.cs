using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Sharing;
using PeerCircle.Web.Rooms;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Rooms;

/// <summary>The facilitator's controls in the live room, their effect, their audit, and that members cannot use them.</summary>
public sealed class RoomFacilitationTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    public static TheoryData<string> FacilitatorMethods =>
        ["GiveFloor", "ClearFloor", "SetSlowMode", "SetPaused", "Hide", "Unhide", "Mute", "Remove", "End"];

    private static object?[] ArgumentsFor(string method, Guid sessionId, Guid someone, Guid messageId) => method switch
    {
        "GiveFloor" or "Mute" or "Remove" => [sessionId, someone],
        "SetSlowMode" => [sessionId, 30],
        "SetPaused" => [sessionId, true],
        "Hide" or "Unhide" => [sessionId, messageId],
        _ => [sessionId],
    };

    [Theory]
    [MemberData(nameof(FacilitatorMethods))]
    public async Task A_member_cannot_call_a_facilitators_control(string method)
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        await using var _a = alex;
        await using var _s = sam;
        var message = await sam.SendAsync(room.SessionId, "A message to act on");

        var error = await Assert.ThrowsAsync<HubException>(() => alex.CallAsync(method, ArgumentsFor(method, room.SessionId, room.Members[1].User.Id, message.Id)));

        Assert.Contains("Only the group's facilitators can do that.", error.Message, StringComparison.Ordinal);
        var state = (await alex.JoinAsync(room.SessionId)).State;
        Assert.False(state.Paused);
        Assert.Equal(0, state.SlowModeSeconds);
        Assert.Null(state.FloorKey);
        Assert.Null((await app.ShareAsync(message.Id)).HiddenUtc);
        var sam2 = await app.WithDbAsync(db => db.RoomParticipants.SingleAsync(p => p.SessionId == room.SessionId && p.UserId == room.Members[1].User.Id));
        Assert.Null(sam2.MutedUtc);
        Assert.Null(sam2.RemovedUtc);
        Assert.Equal(SessionStatus.Live, (await app.SessionAsync(room.SessionId)).Status);
    }

    [Theory]
    [MemberData(nameof(FacilitatorMethods))]
    public async Task A_facilitator_of_another_group_cannot_call_a_control(string method)
    {
        var room = await app.LiveRoomAsync(members: 1);
        var other = await app.LiveRoomAsync(members: 0);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        await using var _a = alex;
        var message = await alex.SendAsync(room.SessionId, "Hello");
        await using var outsider = await other.Facilitator.ConnectAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => outsider.CallAsync(method, ArgumentsFor(method, room.SessionId, room.Members[0].User.Id, message.Id)));

        Assert.EndsWith("HubException: You can't take part in this room.", error.Message, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Live, (await app.SessionAsync(room.SessionId)).Status);
    }

    [Fact]
    public async Task Slow_mode_allows_one_message_per_interval_per_member_and_not_for_facilitators()
    {
        var room = await app.LiveRoomAsync(members: 1);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;

        await facilitator.CallAsync("SetSlowMode", room.SessionId, 30);
        await alex.WaitForStateAsync(s => s.SlowModeSeconds == 30);

        await alex.SendAsync(room.SessionId, "First");
        var error = await Assert.ThrowsAsync<HubException>(() => alex.SendAsync(room.SessionId, "Second, too soon"));
        Assert.Contains("Slow mode is on: you can send your next message in", error.Message, StringComparison.Ordinal);
        await facilitator.SendAsync(room.SessionId, "Facilitator one");
        await facilitator.SendAsync(room.SessionId, "Facilitator two");

        Assert.Equal(3, await app.WithDbAsync(db => db.Shares.CountAsync(s => s.SessionId == room.SessionId && s.Kind == ShareKind.SessionMessage)));
        var audit = await app.AuditAsync(room.SessionId);
        Assert.Contains(audit, a => a.Action == AuditActions.RoomSlowMode && a.Reason == "30 seconds" && a.ActorId == room.Facilitator.User.Id);

        await facilitator.CallAsync("SetSlowMode", room.SessionId, 0);
        await alex.SendAsync(room.SessionId, "Now it is off");
    }

    [Fact]
    public async Task Slow_mode_holds_after_a_reconnect()
    {
        var room = await app.LiveRoomAsync(members: 1);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await facilitator.CallAsync("SetSlowMode", room.SessionId, 60);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        await alex.SendAsync(room.SessionId, "First");
        await alex.DisposeAsync();

        await using var again = await room.Members[0].ConnectAsync();
        await again.JoinAsync(room.SessionId);
        var error = await Assert.ThrowsAsync<HubException>(() => again.SendAsync(room.SessionId, "Second on a new connection"));
        Assert.Contains("Slow mode is on", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(301)]
    public async Task Slow_mode_out_of_range_is_refused(int seconds)
    {
        var room = await app.LiveRoomAsync(members: 0);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        await using var _f = facilitator;

        var error = await Assert.ThrowsAsync<HubException>(() => facilitator.CallAsync("SetSlowMode", room.SessionId, seconds));
        Assert.Contains("Slow mode is between 0 (off) and 300 seconds.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_muted_participants_messages_are_refused_for_the_rest_of_the_session_even_after_reconnecting()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _s = sam;

        await facilitator.CallAsync("Mute", room.SessionId, room.Members[0].User.Id);

        var self = (Web.Rooms.RoomMe)(await alex.WaitForAsync("Self", args => ((Web.Rooms.RoomMe)args[0]!).Muted))[0]!;
        Assert.True(self.Muted);
        var error = await Assert.ThrowsAsync<HubException>(() => alex.SendAsync(room.SessionId, "Let me speak"));
        Assert.Contains("paused your messages for the rest of this session", error.Message, StringComparison.Ordinal);
        await alex.DisposeAsync();
        await using var again = await room.Members[0].ConnectAsync();
        var snapshot = await again.JoinAsync(room.SessionId);
        Assert.True(snapshot.Me.Muted);
        await Assert.ThrowsAsync<HubException>(() => again.SendAsync(room.SessionId, "And now?"));
        await sam.SendAsync(room.SessionId, "Others can still talk");

        Assert.Contains(await app.AuditAsync(room.Members[0].User.Id), a => a.Action == AuditActions.RoomParticipantMuted && a.GroupId == room.GroupId);
        // Members are not told who is muted; facilitators are.
        Assert.All((await sam.JoinAsync(room.SessionId)).State.People, p => Assert.Null(p.Muted));
        Assert.True((await facilitator.JoinAsync(room.SessionId)).State.People.Single(p => p.Key == room.Members[0].User.Id).Muted);
    }

    [Fact]
    public async Task Pausing_the_room_stops_members_messages_until_it_resumes()
    {
        var room = await app.LiveRoomAsync(members: 1);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;

        await facilitator.CallAsync("SetPaused", room.SessionId, true);
        await alex.WaitForStateAsync(s => s.Paused);
        var error = await Assert.ThrowsAsync<HubException>(() => alex.SendAsync(room.SessionId, "Hello?"));
        Assert.Contains("paused the room for a moment", error.Message, StringComparison.Ordinal);
        await facilitator.SendAsync(room.SessionId, "Let's take a breath together.");

        await facilitator.CallAsync("SetPaused", room.SessionId, false);
        await alex.SendAsync(room.SessionId, "Thanks");
        var audit = await app.AuditAsync(room.SessionId);
        Assert.Contains(audit, a => a.Action == AuditActions.RoomPaused);
        Assert.Contains(audit, a => a.Action == AuditActions.RoomResumed);
    }

    [Fact]
    public async Task Hiding_a_message_removes_it_for_the_members_and_keeps_it_for_the_facilitators_and_its_author()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;
        await using var _s = sam;
        var sent = await alex.SendAsync(room.SessionId, "Something that breaks the agreement");
        await sam.WaitForMessageAsync(m => m.Id == sent.Id);

        await facilitator.CallAsync("Hide", room.SessionId, sent.Id);

        await sam.WaitForAsync("MessageRemoved", args => (Guid)args[1]! == sent.Id);
        await alex.WaitForAsync("MessageHidden", args => (Guid)args[1]! == sent.Id);
        await facilitator.WaitForAsync("MessageHidden", args => (Guid)args[1]! == sent.Id);
        Assert.DoesNotContain((await sam.JoinAsync(room.SessionId)).Messages, m => m.Id == sent.Id);
        Assert.True((await alex.JoinAsync(room.SessionId)).Messages.Single(m => m.Id == sent.Id).Hidden);
        Assert.True((await facilitator.JoinAsync(room.SessionId)).Messages.Single(m => m.Id == sent.Id).Hidden);
        Assert.Contains(await app.AuditAsync(sent.Id), a => a.Action == AuditActions.ShareHidden && a.ActorId == room.Facilitator.User.Id);

        await facilitator.CallAsync("Unhide", room.SessionId, sent.Id);
        await sam.WaitForMessageAsync(m => m.Id == sent.Id && !m.Hidden && m.Text == "Something that breaks the agreement");
        Assert.Contains(await app.AuditAsync(sent.Id), a => a.Action == AuditActions.ShareUnhidden);
    }

    [Fact]
    public async Task A_removed_participant_is_told_leaves_the_broadcasts_and_cannot_come_back()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;
        await using var _s = sam;

        await facilitator.CallAsync("Remove", room.SessionId, room.Members[0].User.Id);

        await alex.WaitForAsync("Removed");
        var after = await sam.SendAsync(room.SessionId, "Said after the removal");
        await facilitator.WaitForMessageAsync(m => m.Id == after.Id);
        await RoomConnectionProbe.SettleAsync();
        Assert.DoesNotContain(alex.Messages, m => m.Id == after.Id);
        var error = await Assert.ThrowsAsync<HubException>(() => alex.JoinAsync(room.SessionId));
        Assert.Contains("asked you to leave this session", error.Message, StringComparison.Ordinal);
        Assert.Contains("asked you to leave this session", await room.Members[0].Client.PageTextAsync(RoomTestData.RoomPage(room.SessionId)), StringComparison.Ordinal);
        Assert.Contains(await app.AuditAsync(room.Members[0].User.Id), a => a.Action == AuditActions.RoomParticipantRemoved);
        Assert.DoesNotContain((await sam.JoinAsync(room.SessionId)).State.People, p => p.Key == room.Members[0].User.Id);
    }

    [Fact]
    public async Task A_facilitator_cannot_be_muted_or_removed()
    {
        var room = await app.LiveRoomAsync(members: 0);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        await using var _f = facilitator;

        var error = await Assert.ThrowsAsync<HubException>(() => facilitator.CallAsync("Mute", room.SessionId, room.Facilitator.User.Id));
        Assert.Contains("A facilitator can't be muted or removed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_raise_hand_queue_is_in_order_the_floor_is_given_and_passed()
    {
        var room = await app.LiveRoomAsync(members: 3);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;
        await using var _s = sam;
        var (alexId, samId, lateId) = (room.Members[0].User.Id, room.Members[1].User.Id, room.Members[2].User.Id);

        await sam.CallAsync("RaiseHand", room.SessionId);
        await alex.CallAsync("RaiseHand", room.SessionId);
        var (late, _) = await room.Members[2].EnterAsync(room.SessionId);
        await using var _l = late;
        await late.CallAsync("RaiseHand", room.SessionId);

        var queued = await alex.WaitForStateAsync(s => s.Queue.Count == 3);
        Assert.Equal([samId, alexId, lateId], queued.Queue);

        await facilitator.CallAsync("GiveFloor", room.SessionId, samId);
        var floor = await late.WaitForStateAsync(s => s.FloorKey == samId);
        Assert.Equal([alexId, lateId], floor.Queue);

        late.Forget();
        await sam.CallAsync("Pass", room.SessionId);
        var passed = await late.WaitForStateAsync(s => s.FloorKey is null);
        Assert.Equal([alexId, lateId], passed.Queue);
        facilitator.Forget();
        await late.CallAsync("Pass", room.SessionId);
        Assert.Equal([alexId], (await facilitator.WaitForStateAsync(s => !s.Queue.Contains(lateId))).Queue);

        var nothing = await Assert.ThrowsAsync<HubException>(() => sam.CallAsync("Pass", room.SessionId));
        Assert.Contains("nothing to pass", nothing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stepping_out_and_back_is_shown_to_everyone_and_gives_up_the_floor()
    {
        var room = await app.LiveRoomAsync(members: 2);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;
        await using var _s = sam;
        var alexId = room.Members[0].User.Id;
        await facilitator.CallAsync("GiveFloor", room.SessionId, alexId);

        await alex.CallAsync("StepOut", room.SessionId);

        var state = await sam.WaitForStateAsync(s => s.People.Any(p => p.Key == alexId && p.SteppedOut));
        Assert.Null(state.FloorKey);
        await alex.WaitForAsync("Self", args => ((Web.Rooms.RoomMe)args[0]!).SteppedOut);
        var away = await sam.SendAsync(room.SessionId, "While Alex is on a break");

        await alex.CallAsync("ComeBack", room.SessionId);
        await sam.WaitForStateAsync(s => s.People.Any(p => p.Key == alexId && !p.SteppedOut));
        await alex.WaitForMessageAsync(m => m.Id == away.Id);
    }

    [Fact]
    public async Task Talk_time_counts_each_persons_messages_and_characters_for_the_facilitators_only()
    {
        var room = await app.LiveRoomAsync(members: 3);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        var (sam, _) = await room.Members[1].EnterAsync(room.SessionId);
        var (quiet, _) = await room.Members[2].EnterAsync(room.SessionId);
        await using var _f = facilitator;
        await using var _a = alex;
        await using var _s = sam;
        await using var _q = quiet;

        await alex.SendAsync(room.SessionId, "12345");
        await alex.SendAsync(room.SessionId, "1234567890");
        await sam.SendAsync(room.SessionId, "123");
        await sam.SendAsync(room.SessionId, "Only for you", ShareAudience.FacilitatorsOnly);

        var live = (RoomTalk)(await facilitator.WaitForAsync("Talk", args => ((RoomTalk)args[0]!).Key == room.Members[1].User.Id))[0]!;
        Assert.Equal((1, 3), (live.Messages, live.Characters));
        var state = (await facilitator.JoinAsync(room.SessionId)).State;
        var alexRow = state.People.Single(p => p.Key == room.Members[0].User.Id);
        Assert.Equal((2, 15), (alexRow.Messages!.Value, alexRow.Characters!.Value));
        var samRow = state.People.Single(p => p.Key == room.Members[1].User.Id);
        Assert.Equal((1, 3), (samRow.Messages!.Value, samRow.Characters!.Value));
        Assert.Equal(0, state.People.Single(p => p.Key == room.Members[2].User.Id).Messages);
        await RoomConnectionProbe.SettleAsync();
        Assert.DoesNotContain(quiet.Events, e => e.Name == "Talk");
        Assert.DoesNotContain(alex.Events, e => e.Name == "Talk");
        Assert.All(quiet.States.SelectMany(s => s.People), p => Assert.Null(p.Messages));
        Assert.All(quiet.States.SelectMany(s => s.People), p => Assert.Null(p.Characters));
    }

    [Fact]
    public async Task Ending_the_session_closes_the_room_for_everyone_and_records_attendance_from_who_entered()
    {
        var room = await app.LiveRoomAsync(members: 3);
        var (facilitator, _) = await room.Facilitator.EnterAsync(room.SessionId);
        var (alex, _) = await room.Members[0].EnterAsync(room.SessionId);
        await using var _a = alex;
        // Sam acknowledged but never connected; Lee never came at all.
        await room.Members[1].AcknowledgeAsync(room.SessionId);
        var said = await alex.SendAsync(room.SessionId, "Thank you all");

        await facilitator.CallAsync("End", room.SessionId);

        await alex.WaitForAsync("Ended");
        var session = await app.WithDbAsync(db => db.Sessions.Include(s => s.Bookings).SingleAsync(s => s.Id == room.SessionId));
        Assert.Equal(SessionStatus.Ended, session.Status);
        Assert.Equal(Attendance.Attended, session.Bookings.Single(b => b.UserId == room.Members[0].User.Id).Attendance);
        Assert.Equal(Attendance.NoShow, session.Bookings.Single(b => b.UserId == room.Members[1].User.Id).Attendance);
        Assert.Equal(Attendance.NoShow, session.Bookings.Single(b => b.UserId == room.Members[2].User.Id).Attendance);
        Assert.NotNull((await app.WithDbAsync(db => db.SessionRooms.SingleAsync(r => r.SessionId == room.SessionId))).ClosedUtc);
        Assert.False(await app.WithDbAsync(db => db.RoomConnections.AnyAsync(c => c.SessionId == room.SessionId)));
        var error = await Assert.ThrowsAsync<HubException>(() => alex.SendAsync(room.SessionId, "Anyone still here?"));
        Assert.Contains("This session has ended, so the room is closed.", error.Message, StringComparison.Ordinal);
        Assert.Contains("This session has ended", await room.Members[0].Client.PageTextAsync(RoomTestData.RoomPage(room.SessionId)), StringComparison.Ordinal);
        // What was said lives only for the group's retention period after the session.
        Assert.Equal(session.EndUtc.AddDays(room.RetentionDays), (await app.ShareAsync(said.Id)).ExpiresUtc);
        await facilitator.DisposeAsync();
    }
}
