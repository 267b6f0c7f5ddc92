using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Rooms;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Sharing;
using PeerCircle.Domain.Tests.Groups;

namespace PeerCircle.Domain.Tests.Rooms;

/// <summary>The rules of the live room: who may send when, the floor and the queue, mute and removal, attendance.</summary>
public sealed class SessionRoomTests
{
    private static readonly DateTime s_start = GroupBuilder.Now.AddDays(3);

    private sealed class Fixture
    {
        public Fixture()
        {
            Group = GroupBuilder.Group();
            Session = new Session(Group, s_start, 60, null, 8, GroupBuilder.Now);
            var training = new Dictionary<Guid, IReadOnlyList<TrainingRecord>> { [FacilitatorId] = [GroupBuilder.ValidTraining(FacilitatorId)] };
            Session.AssignFacilitator(Group, FacilitatorId, training[FacilitatorId], GroupBuilder.Now);
            Session.Start(Group, FacilitatorId, training, s_start);
            Room = new SessionRoom(Session, s_start);
            Facilitator = Enter(FacilitatorId, isFacilitator: true);
        }

        public Guid FacilitatorId { get; } = Guid.NewGuid();
        public Group Group { get; }
        public Session Session { get; }
        public SessionRoom Room { get; }
        public RoomParticipant Facilitator { get; }

        public RoomParticipant Enter(Guid? userId = null, bool isFacilitator = false, DateTime? when = null)
        {
            var participant = RoomParticipant.Acknowledge(Room, userId ?? Guid.NewGuid(), isFacilitator, Group.CurrentAgreementVersion, when ?? s_start);
            participant.Enter(when ?? s_start);
            return participant;
        }
    }

    [Fact]
    public void The_room_opens_only_for_a_live_session()
    {
        var group = GroupBuilder.Group();
        var session = new Session(group, s_start, 60, null, 8, GroupBuilder.Now);

        var error = Assert.Throws<DomainException>(() => new SessionRoom(session, s_start));
        Assert.Equal("The room opens when a facilitator starts the session.", error.Message);
    }

    [Fact]
    public void Slow_mode_lets_a_member_send_once_per_interval_and_never_holds_back_a_facilitator()
    {
        var f = new Fixture();
        var member = f.Enter();
        f.Room.SetSlowMode(f.Facilitator, 30);

        f.Room.EnsureMaySend(member, s_start);
        member.RecordMessage(s_start, 10, toGroup: true);
        var error = Assert.Throws<DomainException>(() => f.Room.EnsureMaySend(member, s_start.AddSeconds(29)));
        Assert.Contains("in 1 second.", error.Message, StringComparison.Ordinal);
        f.Room.EnsureMaySend(member, s_start.AddSeconds(30));

        f.Facilitator.RecordMessage(s_start, 10, toGroup: true);
        f.Room.EnsureMaySend(f.Facilitator, s_start.AddSeconds(1));
    }

    [Fact]
    public void Pausing_holds_back_members_but_not_facilitators()
    {
        var f = new Fixture();
        var member = f.Enter();

        f.Room.SetPaused(f.Facilitator, true);

        Assert.Contains("paused the room", Assert.Throws<DomainException>(() => f.Room.EnsureMaySend(member, s_start)).Message, StringComparison.Ordinal);
        f.Room.EnsureMaySend(f.Facilitator, s_start);
        Assert.Throws<DomainException>(() => f.Room.SetPaused(f.Facilitator, true));
        f.Room.SetPaused(f.Facilitator, false);
        f.Room.EnsureMaySend(member, s_start);
    }

    [Fact]
    public void Only_a_facilitator_of_this_room_controls_it()
    {
        var f = new Fixture();
        var member = f.Enter();
        var elsewhere = new Fixture().Facilitator;

        foreach (var who in (RoomParticipant[])[member, elsewhere])
        {
            Assert.Throws<DomainException>(() => f.Room.SetPaused(who, true));
            Assert.Throws<DomainException>(() => f.Room.SetSlowMode(who, 10));
            Assert.Throws<DomainException>(() => f.Room.GiveFloor(who, member));
            Assert.Throws<DomainException>(() => f.Room.ClearFloor(who));
            Assert.Throws<DomainException>(() => member.Mute(who, s_start));
            Assert.Throws<DomainException>(() => member.Remove(who, s_start));
        }

        Assert.False(f.Room.IsPaused);
        Assert.False(member.IsMuted);
    }

    [Fact]
    public void A_muted_member_cannot_send_for_the_rest_of_the_session()
    {
        var f = new Fixture();
        var member = f.Enter();
        member.RaiseHand(s_start);

        member.Mute(f.Facilitator, s_start);

        Assert.False(member.IsHandRaised);
        Assert.Contains("for the rest of this session", Assert.Throws<DomainException>(() => f.Room.EnsureMaySend(member, s_start.AddMinutes(50))).Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => member.Mute(f.Facilitator, s_start));
    }

    [Fact]
    public void A_removed_member_is_out_of_the_room()
    {
        var f = new Fixture();
        var member = f.Enter();

        member.Remove(f.Facilitator, s_start);

        Assert.Throws<DomainException>(() => member.Enter(s_start));
        Assert.Throws<DomainException>(() => member.RaiseHand(s_start));
        Assert.Throws<DomainException>(() => f.Room.EnsureMaySend(member, s_start));
        Assert.Throws<DomainException>(() => f.Room.GiveFloor(f.Facilitator, member));
    }

    [Fact]
    public void A_facilitator_cannot_be_muted_or_removed()
    {
        var f = new Fixture();
        var other = f.Enter(isFacilitator: true);

        Assert.Throws<DomainException>(() => other.Mute(f.Facilitator, s_start));
        Assert.Throws<DomainException>(() => other.Remove(f.Facilitator, s_start));
    }

    [Fact]
    public void Giving_the_floor_takes_the_hand_down_and_passing_gives_it_back()
    {
        var f = new Fixture();
        var alex = f.Enter();
        var sam = f.Enter();
        alex.RaiseHand(s_start);
        sam.RaiseHand(s_start.AddSeconds(1));

        f.Room.GiveFloor(f.Facilitator, alex);

        Assert.Equal(alex.UserId, f.Room.FloorUserId);
        Assert.False(alex.IsHandRaised);
        Assert.True(sam.IsHandRaised);
        Assert.True(f.Room.Pass(alex));
        Assert.Null(f.Room.FloorUserId);
        Assert.True(f.Room.Pass(sam));
        Assert.False(sam.IsHandRaised);
        Assert.False(f.Room.Pass(sam));
        alex.RaiseHand(s_start.AddSeconds(2));
        Assert.Equal("Your hand is already raised.", Assert.Throws<DomainException>(() => alex.RaiseHand(s_start.AddSeconds(3))).Message);
    }

    [Fact]
    public void A_member_on_a_break_cannot_be_given_the_floor_and_stepping_out_keeps_them_in_the_room()
    {
        var f = new Fixture();
        var alex = f.Enter();

        alex.StepOut(s_start);

        Assert.Contains("stepped out", Assert.Throws<DomainException>(() => f.Room.GiveFloor(f.Facilitator, alex)).Message, StringComparison.Ordinal);
        alex.ComeBack();
        f.Room.GiveFloor(f.Facilitator, alex);
    }

    [Fact]
    public void Talk_time_counts_only_messages_to_the_group()
    {
        var f = new Fixture();
        var alex = f.Enter();

        alex.RecordMessage(s_start, 12, toGroup: true);
        alex.RecordMessage(s_start.AddSeconds(5), 30, toGroup: false);

        Assert.Equal(1, alex.MessageCount);
        Assert.Equal(12, alex.CharacterCount);
        Assert.Equal(s_start.AddSeconds(5), alex.LastMessageUtc);
    }

    [Fact]
    public void A_closed_room_takes_nothing_more()
    {
        var f = new Fixture();
        var alex = f.Enter();

        f.Room.Close(s_start.AddMinutes(60));

        Assert.Equal("This session has ended, so the room is closed.", Assert.Throws<DomainException>(() => f.Room.EnsureMaySend(alex, s_start)).Message);
        Assert.Throws<DomainException>(() => RoomParticipant.Acknowledge(f.Room, Guid.NewGuid(), false, 1, s_start));
        Assert.Throws<DomainException>(() => f.Room.SetSlowMode(f.Facilitator, 10));
    }

    [Fact]
    public void Ending_records_attendance_from_who_entered_the_room()
    {
        var group = GroupBuilder.Group();
        var session = new Session(group, s_start, 60, null, 8, GroupBuilder.Now);
        var facilitatorId = Guid.NewGuid();
        var training = new Dictionary<Guid, IReadOnlyList<TrainingRecord>> { [facilitatorId] = [GroupBuilder.ValidTraining(facilitatorId)] };
        session.AssignFacilitator(group, facilitatorId, training[facilitatorId], GroupBuilder.Now);
        var came = Membership.Join(group, Guid.NewGuid(), group.CurrentAgreementVersion, GroupBuilder.Now);
        var missed = Membership.Join(group, Guid.NewGuid(), group.CurrentAgreementVersion, GroupBuilder.Now);
        session.Reserve(group, came, GroupBuilder.Now);
        session.Reserve(group, missed, GroupBuilder.Now);
        session.Start(group, facilitatorId, training, s_start);

        session.End(facilitatorId, s_start.AddMinutes(60), new HashSet<Guid> { came.UserId });

        Assert.Equal(Attendance.Attended, session.Bookings.Single(b => b.UserId == came.UserId).Attendance);
        Assert.Equal(Attendance.NoShow, session.Bookings.Single(b => b.UserId == missed.UserId).Attendance);
    }

    [Fact]
    public void A_check_in_is_for_the_facilitators_only_and_its_score_is_purged_with_its_text()
    {
        var group = GroupBuilder.Group();
        var author = new ShareAuthor(Guid.NewGuid(), group.Id, true, true, false);

        var checkIn = Share.CheckIn(author, Guid.NewGuid(), s_start.AddMinutes(60), 30, closing: false, 2, s_start);

        Assert.Equal(ShareKind.CheckIn, checkIn.Kind);
        Assert.Equal(ShareAudience.FacilitatorsOnly, checkIn.Audience);
        Assert.Equal(2, checkIn.Score);
        Assert.Equal("Check-in: 2 of 5 (low)", checkIn.Text);
        Assert.Equal(s_start.AddMinutes(60).AddDays(30), checkIn.ExpiresUtc);
        checkIn.Purge(s_start.AddDays(31));
        Assert.Null(checkIn.Score);
        Assert.Null(checkIn.Text);
        Assert.Throws<DomainException>(() => Share.CheckIn(author, Guid.NewGuid(), s_start, 30, closing: true, 6, s_start));
    }
}
