using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Time;

namespace PeerCircle.Domain.Sessions;

/// <summary>
/// A recurring schedule (weekly, fortnightly or monthly) planned in the group's time zone: the
/// wall-clock time stays the same across daylight-saving changes. Its occurrences are expanded from
/// an RRULE by Ical.Net and stored as ordinary <see cref="Session"/>s.
/// </summary>
public sealed class SessionSeries
{
    public const int MaxOccurrences = 52;
    public const int RuleMaxLength = 100;

    private SessionSeries()
    {
        TimeZoneId = string.Empty;
        Topic = string.Empty;
        RecurrenceRule = string.Empty;
    }

    public SessionSeries(Group group, RecurrenceFrequency frequency, DateOnly firstDate, TimeOnly localStartTime,
        int durationMinutes, string? topic, int capacity, int occurrences, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (occurrences is < 2 or > MaxOccurrences)
        {
            throw new DomainException($"A series has between 2 and {MaxOccurrences} sessions.");
        }

        Id = Guid.CreateVersion7();
        GroupId = group.Id;
        Frequency = frequency;
        FirstDate = firstDate;
        LocalStartTime = localStartTime;
        TimeZoneId = group.TimeZoneId;
        DurationMinutes = durationMinutes;
        Topic = topic?.Trim() ?? string.Empty;
        Capacity = capacity;
        Occurrences = occurrences;
        CreatedUtc = nowUtc;
        RecurrenceRule = Rule(frequency, occurrences);
    }

    public Guid Id { get; private set; }
    public Guid GroupId { get; private set; }
    public RecurrenceFrequency Frequency { get; private set; }
    public DateOnly FirstDate { get; private set; }
    public TimeOnly LocalStartTime { get; private set; }
    public string TimeZoneId { get; private set; }
    public int DurationMinutes { get; private set; }
    public string Topic { get; private set; }
    public int Capacity { get; private set; }
    public int Occurrences { get; private set; }

    /// <summary>The RFC 5545 rule, e.g. FREQ=WEEKLY;INTERVAL=2;COUNT=10.</summary>
    public string RecurrenceRule { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public static string Rule(RecurrenceFrequency frequency, int count) => frequency switch
    {
        RecurrenceFrequency.Weekly => $"FREQ=WEEKLY;INTERVAL=1;COUNT={count}",
        RecurrenceFrequency.Fortnightly => $"FREQ=WEEKLY;INTERVAL=2;COUNT={count}",
        RecurrenceFrequency.Monthly => $"FREQ=MONTHLY;INTERVAL=1;COUNT={count}",
        _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, null),
    };

    /// <summary>The start of every occurrence, in UTC, in order.</summary>
    public IReadOnlyList<DateTime> OccurrenceStartsUtc()
    {
        Zones.Find(TimeZoneId);
        var local = FirstDate.ToDateTime(LocalStartTime);
        var calendarEvent = new CalendarEvent
        {
            DtStart = new CalDateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second, TimeZoneId),
            RecurrenceRule = new RecurrencePattern(RecurrenceRule),
        };
        return calendarEvent.GetOccurrences()
            .Take(MaxOccurrences)
            .Select(o => DateTime.SpecifyKind(o.Period.StartTime.AsUtc, DateTimeKind.Utc))
            .ToList();
    }

    /// <summary>Creates the series' sessions; every occurrence must be in the future.</summary>
    public IReadOnlyList<Session> CreateSessions(Group group, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (group.Id != GroupId)
        {
            throw new DomainException("That series belongs to another group.");
        }

        var starts = OccurrenceStartsUtc();
        if (starts.Count == 0 || starts[0] <= nowUtc)
        {
            throw new DomainException("The first session of a series must be in the future.");
        }

        return starts.Select(start => new Session(group, start, DurationMinutes, Topic, Capacity, nowUtc, Id)).ToList();
    }

    /// <summary>
    /// Changes the time, length, topic and seats of every future occurrence that is still scheduled
    /// and was not edited on its own. Each keeps its own date; the new time is local to the group.
    /// </summary>
    public int RescheduleFuture(IEnumerable<Session> sessions, TimeOnly localStartTime, int durationMinutes, string? topic, int capacity, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var changed = 0;
        foreach (var session in Future(sessions, nowUtc))
        {
            var localDate = DateOnly.FromDateTime(Zones.ToLocal(session.StartUtc, TimeZoneId));
            session.Reschedule(Zones.ToUtc(localDate.ToDateTime(localStartTime), TimeZoneId), durationMinutes, topic, capacity, nowUtc);
            changed++;
        }

        LocalStartTime = localStartTime;
        DurationMinutes = durationMinutes;
        Topic = topic?.Trim() ?? string.Empty;
        Capacity = capacity;
        return changed;
    }

    /// <summary>Cancels every future scheduled occurrence; returns the people to tell, per session.</summary>
    public IReadOnlyList<(Session Session, IReadOnlyList<Guid> People)> CancelFuture(IEnumerable<Session> sessions, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return Future(sessions, nowUtc, includeExceptions: true).Select(s => (s, s.Cancel(nowUtc))).ToList();
    }

    private List<Session> Future(IEnumerable<Session> sessions, DateTime nowUtc, bool includeExceptions = false) =>
        sessions.Where(s => s.SeriesId == Id && s.Status == SessionStatus.Scheduled && s.StartUtc > nowUtc
                && (includeExceptions || !s.IsSeriesException))
            .OrderBy(s => s.StartUtc)
            .ToList();
}

/// <summary>
/// A claim that one reminder was sent for one booking: the unique key (session, person, kind) makes
/// sending idempotent, however many times or on however many instances the job runs.
/// </summary>
public sealed class ReminderDispatch
{
    private ReminderDispatch()
    {
    }

    public ReminderDispatch(Guid sessionId, Guid userId, ReminderKind kind, DateTime claimedUtc)
    {
        Id = Guid.CreateVersion7();
        SessionId = sessionId;
        UserId = userId;
        Kind = kind;
        ClaimedUtc = claimedUtc;
    }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public Guid UserId { get; private set; }
    public ReminderKind Kind { get; private set; }
    public DateTime ClaimedUtc { get; private set; }
}
