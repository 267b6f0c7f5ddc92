using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Time;

namespace PeerCircle.Domain.Sessions;

/// <summary>
/// A dated meeting of a group. It owns its seats: <see cref="Reserve"/> and <see cref="CancelBooking"/>
/// are the only ways seats change, and every change renews <see cref="ConcurrencyStamp"/>, so two
/// people taking the last seat at once cannot both succeed (the second save fails and is retried
/// against the fresh count: see docs/architecture.md, "Seats").
/// </summary>
public sealed class Session
{
    public const int TopicMaxLength = 200;
    public const int MinDurationMinutes = 15;
    public const int MaxDurationMinutes = 240;

    /// <summary>A facilitator may open the room this long before the start.</summary>
    public static readonly TimeSpan OpensBeforeStart = TimeSpan.FromMinutes(15);

    private readonly List<Booking> _bookings = [];
    private readonly List<SessionFacilitator> _facilitators = [];

    private Session()
    {
        Topic = string.Empty;
    }

    public Session(Group group, DateTime startUtc, int durationMinutes, string? topic, int capacity, DateTime nowUtc, Guid? seriesId = null)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!group.IsActive)
        {
            throw new DomainException("Sessions can't be scheduled for an archived group.");
        }

        Id = Guid.CreateVersion7();
        GroupId = group.Id;
        SeriesId = seriesId;
        Topic = string.Empty;
        Status = SessionStatus.Scheduled;
        CreatedUtc = nowUtc;
        Reschedule(startUtc, durationMinutes, topic, capacity, nowUtc);
    }

    public Guid Id { get; private set; }
    public Guid GroupId { get; private set; }
    public Guid? SeriesId { get; private set; }
    public DateTime StartUtc { get; private set; }
    public int DurationMinutes { get; private set; }
    public string Topic { get; private set; }
    public int Capacity { get; private set; }
    public int SeatsTaken { get; private set; }
    public SessionStatus Status { get; private set; }
    public DateTime CreatedUtc { get; private set; }
    public DateTime? StartedUtc { get; private set; }
    public DateTime? EndedUtc { get; private set; }
    public DateTime? CancelledUtc { get; private set; }

    /// <summary>True once this occurrence was edited on its own, apart from its series.</summary>
    public bool IsSeriesException { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public IReadOnlyCollection<Booking> Bookings => _bookings;
    public IReadOnlyCollection<SessionFacilitator> Facilitators => _facilitators;

    public DateTime EndUtc => StartUtc.AddMinutes(DurationMinutes);

    public int SeatsLeft => Math.Max(0, Capacity - SeatsTaken);

    /// <summary>Changes when and how long the session is, its topic and its capacity.</summary>
    public void Reschedule(DateTime startUtc, int durationMinutes, string? topic, int capacity, DateTime nowUtc)
    {
        EnsureScheduled("changed");
        if (startUtc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Session times are UTC.", nameof(startUtc));
        }

        if (startUtc <= nowUtc)
        {
            throw new DomainException("A session must start in the future.");
        }

        if (durationMinutes is < MinDurationMinutes or > MaxDurationMinutes)
        {
            throw new DomainException($"A session lasts between {MinDurationMinutes} minutes and {MaxDurationMinutes / 60} hours.");
        }

        if (capacity is < Group.MinCapacity or > Group.MaxCapacity)
        {
            throw new DomainException($"Seats per session must be between {Group.MinCapacity} and {Group.MaxCapacity}.");
        }

        if (capacity < SeatsTaken)
        {
            throw new DomainException($"{SeatsTaken} people are already booked, so the session needs at least {SeatsTaken} seats.");
        }

        var cleanTopic = topic?.Trim() ?? string.Empty;
        if (cleanTopic.Length > TopicMaxLength)
        {
            throw new DomainException($"The topic must be at most {TopicMaxLength} characters.");
        }

        StartUtc = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc);
        DurationMinutes = durationMinutes;
        Topic = cleanTopic;
        Capacity = capacity;
        Touch();
    }

    /// <summary>Marks this occurrence as edited on its own, so "all future" edits of its series leave it alone.</summary>
    public void DetachFromSeries() => IsSeriesException = true;

    /// <summary>
    /// Books a seat for an eligible member: going while seats are left, otherwise on the waitlist.
    /// Booking again after cancelling reuses the same booking.
    /// </summary>
    /// <remarks>
    /// Of <see cref="Bookings"/> it reads only the member's own (the seats taken are <see cref="SeatsTaken"/>), so
    /// it may be given a session with only that booking and the waitlist loaded (as the app's booking does).
    /// </remarks>
    public Booking Reserve(Group group, Membership membership, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(membership);
        if (group.Id != GroupId || membership.GroupId != GroupId)
        {
            throw new DomainException("That session belongs to another group.");
        }

        EnsureScheduled("booked");
        if (!group.IsActive)
        {
            throw new DomainException("This group is archived, so its sessions can't be booked.");
        }

        if (nowUtc >= StartUtc)
        {
            throw new DomainException("This session has already started, so it can't be booked.");
        }

        membership.EnsureCanBook(group);
        var booking = _bookings.SingleOrDefault(b => b.UserId == membership.UserId);
        if (booking is { Status: not BookingStatus.Cancelled })
        {
            throw new DomainException(booking.Status == BookingStatus.Going
                ? "You already have a seat in this session."
                : "You are already on the waitlist for this session.");
        }

        var status = SeatsTaken < Capacity ? BookingStatus.Going : BookingStatus.Waitlisted;
        if (booking is null)
        {
            booking = new Booking(Id, membership.UserId, status, nowUtc);
            _bookings.Add(booking);
        }
        else
        {
            booking.Rebook(status, nowUtc);
        }

        if (status == BookingStatus.Going)
        {
            SeatsTaken++;
        }

        Touch();
        return booking;
    }

    /// <summary>
    /// Cancels a member's booking. A freed seat goes to the first person on the waitlist, who is
    /// returned so they can be told.
    /// </summary>
    /// <remarks>
    /// Of <see cref="Bookings"/> it reads only the member's own and the waitlist, so it may be given a session
    /// with only those loaded (as the app's booking does).
    /// </remarks>
    public Booking? CancelBooking(Guid userId, DateTime nowUtc)
    {
        var booking = _bookings.SingleOrDefault(b => b.UserId == userId && b.Status != BookingStatus.Cancelled)
            ?? throw new DomainException("You don't have a booking in this session.");
        if (Status is SessionStatus.Ended or SessionStatus.Live)
        {
            throw new DomainException("This session has already started, so the booking can't be cancelled.");
        }

        var heldSeat = booking.Status == BookingStatus.Going;
        booking.Cancel(nowUtc);
        Booking? promoted = null;
        if (heldSeat)
        {
            promoted = _bookings
                .Where(b => b.Status == BookingStatus.Waitlisted)
                .OrderBy(b => b.BookedUtc).ThenBy(b => b.Id)
                .FirstOrDefault();
            if (promoted is null || Status != SessionStatus.Scheduled)
            {
                SeatsTaken--;
                promoted = null;
            }
            else
            {
                promoted.Promote(nowUtc);
            }
        }

        Touch();
        return promoted;
    }

    /// <summary>
    /// Assigns a facilitator to this session. Their verified training must be valid on the
    /// session's date (in the group's time zone).
    /// </summary>
    public void AssignFacilitator(Group group, Guid userId, IEnumerable<TrainingRecord> training, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(group);
        EnsureScheduled("changed");
        if (_facilitators.Any(f => f.UserId == userId))
        {
            throw new DomainException("That facilitator is already assigned to this session.");
        }

        if (!TrainingRecord.AnyValidOn(training, LocalDate(group)))
        {
            throw new DomainException($"This facilitator has no verified training valid on {LocalDate(group):d MMMM yyyy}, so they can't be assigned to this session.");
        }

        _facilitators.Add(new SessionFacilitator(Id, userId, nowUtc));
        Touch();
    }

    public void RemoveFacilitator(Guid userId)
    {
        EnsureScheduled("changed");
        var facilitator = _facilitators.SingleOrDefault(f => f.UserId == userId)
            ?? throw new DomainException("That facilitator is not assigned to this session.");
        _facilitators.Remove(facilitator);
        Touch();
    }

    public bool IsFacilitator(Guid userId) => _facilitators.Any(f => f.UserId == userId);

    /// <summary>
    /// Opens the session (scheduled → live). Only an assigned facilitator whose training is valid
    /// today may start it, from 15 minutes before the start until its end; a co-facilitated group
    /// needs two assigned facilitators with valid training.
    /// </summary>
    public void Start(Group group, Guid facilitatorId, IReadOnlyDictionary<Guid, IReadOnlyList<TrainingRecord>> trainingByFacilitator, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(trainingByFacilitator);
        EnsureScheduled("started");
        if (!IsFacilitator(facilitatorId))
        {
            throw new DomainException("Only a facilitator assigned to this session can start it.");
        }

        if (nowUtc < StartUtc - OpensBeforeStart)
        {
            throw new DomainException($"This session can be started from {OpensBeforeStart.TotalMinutes:0} minutes before its start time.");
        }

        if (nowUtc >= EndUtc)
        {
            throw new DomainException("This session's time has passed, so it can't be started.");
        }

        var today = DateOnly.FromDateTime(Zones.ToLocal(nowUtc, group.TimeZoneId));
        bool Valid(Guid id) => trainingByFacilitator.TryGetValue(id, out var records) && TrainingRecord.AnyValidOn(records, today);
        if (!Valid(facilitatorId))
        {
            throw new DomainException("Your verified training is not valid today, so you can't start this session. Please ask an admin to check your training records.");
        }

        if (_facilitators.Count(f => Valid(f.UserId)) < group.RequiredFacilitators)
        {
            throw new DomainException("This group needs two facilitators with valid training for each session. Assign a co-facilitator first.");
        }

        Status = SessionStatus.Live;
        StartedUtc = nowUtc;
        Touch();
    }

    /// <summary>
    /// Ends a live session (live → ended). When the live room says who came in
    /// (<paramref name="entered"/>), attendance is recorded from it: everyone with a seat who entered
    /// attended, everyone else with a seat did not come. A facilitator can still correct it afterwards.
    /// </summary>
    public void End(Guid facilitatorId, DateTime nowUtc, IReadOnlyCollection<Guid>? entered = null)
    {
        if (Status != SessionStatus.Live)
        {
            throw new DomainException("Only a live session can be ended.");
        }

        if (!IsFacilitator(facilitatorId))
        {
            throw new DomainException("Only a facilitator assigned to this session can end it.");
        }

        Status = SessionStatus.Ended;
        EndedUtc = nowUtc;
        if (entered is not null)
        {
            foreach (var booking in _bookings.Where(b => b.Status == BookingStatus.Going))
            {
                booking.Record(entered.Contains(booking.UserId) ? Attendance.Attended : Attendance.NoShow);
            }
        }

        Touch();
    }

    /// <summary>Cancels a scheduled session (scheduled → cancelled). Returns the people booked, to tell them.</summary>
    public IReadOnlyList<Guid> Cancel(DateTime nowUtc)
    {
        EnsureScheduled("cancelled");
        Status = SessionStatus.Cancelled;
        CancelledUtc = nowUtc;
        var affected = _bookings.Where(b => b.Status != BookingStatus.Cancelled).Select(b => b.UserId).ToList();
        Touch();
        return affected;
    }

    /// <summary>Records who came. Only after the session has ended, and only for people who had a seat.</summary>
    public void RecordAttendance(Guid facilitatorId, Guid userId, Attendance attendance)
    {
        if (Status != SessionStatus.Ended)
        {
            throw new DomainException("Attendance is recorded once the session has ended.");
        }

        if (!IsFacilitator(facilitatorId))
        {
            throw new DomainException("Only a facilitator of this session can record attendance.");
        }

        var booking = _bookings.SingleOrDefault(b => b.UserId == userId && b.Status == BookingStatus.Going)
            ?? throw new DomainException("That person did not have a seat in this session.");
        booking.Record(attendance);
        Touch();
    }

    public DateOnly LocalDate(Group group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return DateOnly.FromDateTime(Zones.ToLocal(StartUtc, group.TimeZoneId));
    }

    private void EnsureScheduled(string action)
    {
        if (Status != SessionStatus.Scheduled)
        {
            throw new DomainException(Status switch
            {
                SessionStatus.Cancelled => $"This session was cancelled, so it can't be {action}.",
                SessionStatus.Live => $"This session is live, so it can't be {action}.",
                _ => $"This session has ended, so it can't be {action}.",
            });
        }
    }

    private void Touch() => ConcurrencyStamp = Guid.NewGuid();
}

public sealed class Booking
{
    private Booking()
    {
    }

    internal Booking(Guid sessionId, Guid userId, BookingStatus status, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        SessionId = sessionId;
        UserId = userId;
        Status = status;
        BookedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public Guid UserId { get; private set; }
    public BookingStatus Status { get; private set; }

    /// <summary>When the person booked (or booked again): the waitlist is served in this order.</summary>
    public DateTime BookedUtc { get; private set; }

    public DateTime? PromotedUtc { get; private set; }
    public DateTime? CancelledUtc { get; private set; }
    public Attendance Attendance { get; private set; }

    internal void Rebook(BookingStatus status, DateTime nowUtc)
    {
        Status = status;
        BookedUtc = nowUtc;
        CancelledUtc = null;
        PromotedUtc = null;
    }

    internal void Cancel(DateTime nowUtc)
    {
        Status = BookingStatus.Cancelled;
        CancelledUtc = nowUtc;
    }

    internal void Promote(DateTime nowUtc)
    {
        Status = BookingStatus.Going;
        PromotedUtc = nowUtc;
    }

    internal void Record(Attendance attendance) => Attendance = attendance;
}

public sealed class SessionFacilitator
{
    private SessionFacilitator()
    {
    }

    internal SessionFacilitator(Guid sessionId, Guid userId, DateTime assignedUtc)
    {
        SessionId = sessionId;
        UserId = userId;
        AssignedUtc = assignedUtc;
    }

    public Guid SessionId { get; private set; }
    public Guid UserId { get; private set; }
    public DateTime AssignedUtc { get; private set; }
}
