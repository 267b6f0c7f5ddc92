using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Tests.Groups;

namespace PeerCircle.Domain.Tests.Sessions;

public sealed class SessionTests
{
    private static readonly DateTime s_now = GroupBuilder.Now;
    private static readonly DateTime s_start = s_now.AddDays(3);

    private sealed class Fixture
    {
        public Fixture(bool coFacilitation = false, int capacity = 8)
        {
            Group = GroupBuilder.Group(coFacilitation: coFacilitation);
            Session = new Session(Group, s_start, 90, "Setting boundaries", capacity, s_now);
            Training[Facilitator] = [GroupBuilder.ValidTraining(Facilitator)];
            Session.AssignFacilitator(Group, Facilitator, Training[Facilitator], s_now);
        }

        public Group Group { get; }
        public Session Session { get; }
        public Guid Facilitator { get; } = Guid.NewGuid();
        public Dictionary<Guid, IReadOnlyList<TrainingRecord>> Training { get; } = [];

        public Membership Member(DateTime? when = null) => Membership.Join(Group, Guid.NewGuid(), Group.CurrentAgreementVersion, when ?? s_now);

        public void Start(DateTime? when = null) => Session.Start(Group, Facilitator, Training, when ?? s_start);

        public void End() => Session.End(Facilitator, s_start.AddMinutes(90));
    }

    [Fact]
    public void A_new_session_is_scheduled_with_its_details()
    {
        var f = new Fixture();

        Assert.Equal(SessionStatus.Scheduled, f.Session.Status);
        Assert.Equal(s_start, f.Session.StartUtc);
        Assert.Equal(s_start.AddMinutes(90), f.Session.EndUtc);
        Assert.Equal("Setting boundaries", f.Session.Topic);
        Assert.Equal(8, f.Session.SeatsLeft);
    }

    [Theory]
    [InlineData(-60, 90, 8, "must start in the future")]
    [InlineData(0, 90, 8, "must start in the future")]
    [InlineData(60, 10, 8, "between 15 minutes and 4 hours")]
    [InlineData(60, 241, 8, "between 15 minutes and 4 hours")]
    [InlineData(60, 90, 1, "Seats per session must be between 2 and 50.")]
    [InlineData(60, 90, 500, "Seats per session must be between 2 and 50.")]
    public void A_session_with_impossible_details_is_refused(int startMinutesFromNow, int duration, int capacity, string expected)
    {
        var group = GroupBuilder.Group();

        var error = Assert.Throws<DomainException>(() => new Session(group, s_now.AddMinutes(startMinutesFromNow), duration, null, capacity, s_now));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    // --- Transitions: scheduled → live → ended, or scheduled → cancelled; nothing else. ---

    [Fact]
    public void A_scheduled_session_goes_live_and_then_ends()
    {
        var f = new Fixture();

        f.Start();
        Assert.Equal(SessionStatus.Live, f.Session.Status);
        Assert.Equal(s_start, f.Session.StartedUtc);

        f.End();
        Assert.Equal(SessionStatus.Ended, f.Session.Status);
        Assert.Equal(s_start.AddMinutes(90), f.Session.EndedUtc);
    }

    [Fact]
    public void A_scheduled_session_can_be_cancelled()
    {
        var f = new Fixture();

        f.Session.Cancel(s_now);

        Assert.Equal(SessionStatus.Cancelled, f.Session.Status);
        Assert.Equal(s_now, f.Session.CancelledUtc);
    }

    [Fact]
    public void A_scheduled_session_cannot_end()
    {
        var f = new Fixture();

        Assert.Equal("Only a live session can be ended.", Assert.Throws<DomainException>(f.End).Message);
    }

    [Fact]
    public void A_live_session_cannot_start_again_be_cancelled_or_be_changed()
    {
        var f = new Fixture();
        f.Start();

        Assert.Contains("is live", Assert.Throws<DomainException>(() => f.Start()).Message, StringComparison.Ordinal);
        Assert.Contains("is live", Assert.Throws<DomainException>(() => f.Session.Cancel(s_start)).Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => f.Session.Reschedule(s_start.AddDays(1), 60, null, 8, s_start));
        Assert.Equal(SessionStatus.Live, f.Session.Status);
    }

    [Fact]
    public void An_ended_session_cannot_start_end_or_be_cancelled()
    {
        var f = new Fixture();
        f.Start();
        f.End();

        Assert.Contains("has ended", Assert.Throws<DomainException>(() => f.Start()).Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(f.End);
        Assert.Contains("has ended", Assert.Throws<DomainException>(() => f.Session.Cancel(s_start)).Message, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Ended, f.Session.Status);
    }

    [Fact]
    public void A_cancelled_session_cannot_start_end_be_cancelled_again_or_be_changed()
    {
        var f = new Fixture();
        f.Session.Cancel(s_now);

        Assert.Contains("was cancelled", Assert.Throws<DomainException>(() => f.Start()).Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(f.End);
        Assert.Throws<DomainException>(() => f.Session.Cancel(s_now));
        Assert.Throws<DomainException>(() => f.Session.Reschedule(s_start.AddDays(1), 60, null, 8, s_now));
        Assert.Equal(SessionStatus.Cancelled, f.Session.Status);
    }

    [Fact]
    public void Only_an_assigned_facilitator_can_start_or_end()
    {
        var f = new Fixture();
        var stranger = Guid.NewGuid();
        f.Training[stranger] = [GroupBuilder.ValidTraining(stranger)];

        Assert.Contains("Only a facilitator assigned", Assert.Throws<DomainException>(() => f.Session.Start(f.Group, stranger, f.Training, s_start)).Message, StringComparison.Ordinal);
        f.Start();
        Assert.Contains("Only a facilitator assigned", Assert.Throws<DomainException>(() => f.Session.End(stranger, s_start)).Message, StringComparison.Ordinal);
    }

    // --- Seats ---

    [Fact]
    public void Reserving_gives_seats_until_full_and_then_waitlists()
    {
        var f = new Fixture(capacity: 2);

        var first = f.Session.Reserve(f.Group, f.Member(), s_now);
        var second = f.Session.Reserve(f.Group, f.Member(), s_now);
        var third = f.Session.Reserve(f.Group, f.Member(), s_now);

        Assert.Equal(BookingStatus.Going, first.Status);
        Assert.Equal(BookingStatus.Going, second.Status);
        Assert.Equal(BookingStatus.Waitlisted, third.Status);
        Assert.Equal(2, f.Session.SeatsTaken);
        Assert.Equal(0, f.Session.SeatsLeft);
    }

    [Fact]
    public void The_sessions_of_an_archived_group_cannot_be_booked()
    {
        var f = new Fixture();
        var member = f.Member();
        f.Group.Archive(s_now);

        Assert.Equal("This group is archived, so its sessions can't be booked.",
            Assert.Throws<DomainException>(() => f.Session.Reserve(f.Group, member, s_now)).Message);
        Assert.Equal(0, f.Session.SeatsTaken);
    }

    [Fact]
    public void Booking_twice_is_refused()
    {
        var f = new Fixture();
        var member = f.Member();
        f.Session.Reserve(f.Group, member, s_now);

        Assert.Equal("You already have a seat in this session.", Assert.Throws<DomainException>(() => f.Session.Reserve(f.Group, member, s_now)).Message);
    }

    [Fact]
    public void Cancelling_a_seat_promotes_the_first_waitlisted_by_booking_time_and_keeps_the_seats_taken()
    {
        var f = new Fixture(capacity: 2);
        var going = f.Member();
        f.Session.Reserve(f.Group, going, s_now);
        f.Session.Reserve(f.Group, f.Member(), s_now);
        var later = f.Member();
        var earlier = f.Member();
        f.Session.Reserve(f.Group, later, s_now.AddMinutes(10));
        f.Session.Reserve(f.Group, earlier, s_now.AddMinutes(5));

        var promoted = f.Session.CancelBooking(going.UserId, s_now.AddHours(1));

        Assert.NotNull(promoted);
        Assert.Equal(earlier.UserId, promoted.UserId);
        Assert.Equal(BookingStatus.Going, promoted.Status);
        Assert.Equal(s_now.AddHours(1), promoted.PromotedUtc);
        Assert.Equal(2, f.Session.SeatsTaken);
        Assert.Equal(BookingStatus.Waitlisted, f.Session.Bookings.Single(b => b.UserId == later.UserId).Status);
    }

    [Fact]
    public void Cancelling_a_seat_without_a_waitlist_frees_it()
    {
        var f = new Fixture(capacity: 2);
        var member = f.Member();
        f.Session.Reserve(f.Group, member, s_now);

        var promoted = f.Session.CancelBooking(member.UserId, s_now);

        Assert.Null(promoted);
        Assert.Equal(0, f.Session.SeatsTaken);
        Assert.Equal(BookingStatus.Cancelled, f.Session.Bookings.Single().Status);
    }

    [Fact]
    public void Cancelling_a_place_on_the_waitlist_keeps_the_seats()
    {
        var f = new Fixture(capacity: 2);
        f.Session.Reserve(f.Group, f.Member(), s_now);
        f.Session.Reserve(f.Group, f.Member(), s_now);
        var waiting = f.Member();
        f.Session.Reserve(f.Group, waiting, s_now);

        Assert.Null(f.Session.CancelBooking(waiting.UserId, s_now));
        Assert.Equal(2, f.Session.SeatsTaken);
    }

    [Fact]
    public void Cancelling_the_session_returns_everyone_booked_or_waiting()
    {
        var f = new Fixture(capacity: 2);
        var members = Enumerable.Range(0, 3).Select(_ => f.Member()).ToList();
        members.ForEach(m => f.Session.Reserve(f.Group, m, s_now));

        var affected = f.Session.Cancel(s_now);

        Assert.Equal(members.Select(m => m.UserId).Order(), affected.Order());
    }

    // --- Facilitators and training ---

    [Fact]
    public void A_facilitator_with_unverified_training_cannot_be_assigned()
    {
        var f = new Fixture();
        var newcomer = Guid.NewGuid();
        var unverified = GroupBuilder.Training(newcomer, new DateOnly(2026, 1, 1), new DateOnly(2029, 1, 1), verified: false);

        var error = Assert.Throws<DomainException>(() => f.Session.AssignFacilitator(f.Group, newcomer, [unverified], s_now));

        Assert.Equal("This facilitator has no verified training valid on 7 January 2027, so they can't be assigned to this session.", error.Message);
        Assert.False(f.Session.IsFacilitator(newcomer));
    }

    [Fact]
    public void A_facilitator_whose_training_expires_before_the_session_cannot_be_assigned()
    {
        var f = new Fixture();
        var lapsed = Guid.NewGuid();
        var expired = GroupBuilder.Training(lapsed, new DateOnly(2024, 1, 1), new DateOnly(2027, 1, 6));

        var error = Assert.Throws<DomainException>(() => f.Session.AssignFacilitator(f.Group, lapsed, [expired], s_now));

        Assert.Contains("7 January 2027", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_is_checked_on_the_sessions_local_date_in_the_groups_time_zone()
    {
        // 02:00 UTC on 10 March is still 9 March in New York (21:00 EST).
        var group = GroupBuilder.Group(timeZone: "America/New_York");
        var session = new Session(group, new DateTime(2027, 3, 10, 2, 0, 0, DateTimeKind.Utc), 60, null, 8, s_now);
        var expiresOnTheLocalDate = Guid.NewGuid();
        var startsTheNextDay = Guid.NewGuid();

        session.AssignFacilitator(group, expiresOnTheLocalDate, [GroupBuilder.Training(expiresOnTheLocalDate, new DateOnly(2026, 1, 1), new DateOnly(2027, 3, 9))], s_now);
        var error = Assert.Throws<DomainException>(() => session.AssignFacilitator(
            group, startsTheNextDay, [GroupBuilder.Training(startsTheNextDay, new DateOnly(2027, 3, 10), new DateOnly(2029, 1, 1))], s_now));

        Assert.True(session.IsFacilitator(expiresOnTheLocalDate));
        Assert.Contains("9 March 2027", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_facilitator_is_not_assigned_twice_and_can_be_removed()
    {
        var f = new Fixture();

        Assert.Throws<DomainException>(() => f.Session.AssignFacilitator(f.Group, f.Facilitator, f.Training[f.Facilitator], s_now));
        f.Session.RemoveFacilitator(f.Facilitator);
        Assert.False(f.Session.IsFacilitator(f.Facilitator));
        Assert.Throws<DomainException>(() => f.Session.RemoveFacilitator(f.Facilitator));
    }

    [Fact]
    public void A_session_cannot_be_started_more_than_15_minutes_before_its_start()
    {
        var f = new Fixture();

        var error = Assert.Throws<DomainException>(() => f.Start(s_start.AddMinutes(-16)));

        Assert.Equal("This session can be started from 15 minutes before its start time.", error.Message);
        f.Start(s_start.AddMinutes(-15));
        Assert.Equal(SessionStatus.Live, f.Session.Status);
    }

    [Fact]
    public void A_session_cannot_be_started_once_its_time_has_passed()
    {
        var f = new Fixture();

        var error = Assert.Throws<DomainException>(() => f.Start(s_start.AddMinutes(90)));

        Assert.Equal("This session's time has passed, so it can't be started.", error.Message);
        f.Start(s_start.AddMinutes(89));
    }

    [Fact]
    public void A_facilitator_whose_training_lapsed_since_assignment_cannot_start()
    {
        var f = new Fixture();
        f.Training[f.Facilitator] = [GroupBuilder.Training(f.Facilitator, new DateOnly(2025, 1, 1), new DateOnly(2027, 1, 5))];

        var error = Assert.Throws<DomainException>(() => f.Start());

        Assert.Contains("Your verified training is not valid today", error.Message, StringComparison.Ordinal);
        Assert.Equal(SessionStatus.Scheduled, f.Session.Status);
    }

    [Fact]
    public void A_co_facilitated_group_needs_two_facilitators_with_valid_training_to_start()
    {
        var f = new Fixture(coFacilitation: true);

        var alone = Assert.Throws<DomainException>(() => f.Start());
        Assert.Contains("needs two facilitators", alone.Message, StringComparison.Ordinal);

        var partner = Guid.NewGuid();
        f.Session.AssignFacilitator(f.Group, partner, [GroupBuilder.Training(partner, new DateOnly(2026, 1, 1), new DateOnly(2029, 1, 1))], s_now);
        f.Training[partner] = [GroupBuilder.Training(partner, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 5))];
        Assert.Throws<DomainException>(() => f.Start());

        f.Training[partner] = [GroupBuilder.ValidTraining(partner)];
        f.Start();
        Assert.Equal(SessionStatus.Live, f.Session.Status);
    }

    // --- Attendance ---

    [Fact]
    public void Attendance_is_recorded_after_the_end_for_people_who_had_a_seat()
    {
        var f = new Fixture(capacity: 2);
        var came = f.Member();
        var missed = f.Member();
        var waiting = f.Member();
        foreach (var m in new[] { came, missed, waiting })
        {
            f.Session.Reserve(f.Group, m, s_now);
        }

        f.Start();
        Assert.Contains("once the session has ended", Assert.Throws<DomainException>(() => f.Session.RecordAttendance(f.Facilitator, came.UserId, Attendance.Attended)).Message, StringComparison.Ordinal);
        f.End();

        f.Session.RecordAttendance(f.Facilitator, came.UserId, Attendance.Attended);
        f.Session.RecordAttendance(f.Facilitator, missed.UserId, Attendance.NoShow);

        Assert.Equal(Attendance.Attended, f.Session.Bookings.Single(b => b.UserId == came.UserId).Attendance);
        Assert.Equal(Attendance.NoShow, f.Session.Bookings.Single(b => b.UserId == missed.UserId).Attendance);
        Assert.Throws<DomainException>(() => f.Session.RecordAttendance(f.Facilitator, waiting.UserId, Attendance.Attended));
        Assert.Throws<DomainException>(() => f.Session.RecordAttendance(Guid.NewGuid(), came.UserId, Attendance.NoShow));
    }
}
