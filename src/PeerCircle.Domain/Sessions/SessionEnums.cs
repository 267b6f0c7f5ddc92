namespace PeerCircle.Domain.Sessions;

public enum SessionStatus
{
    Scheduled,
    Live,
    Ended,
    Cancelled,
}

public enum BookingStatus
{
    Going,
    Waitlisted,
    Cancelled,
}

public enum Attendance
{
    Unknown,
    Attended,
    NoShow,
}

public enum RecurrenceFrequency
{
    Weekly,
    Fortnightly,
    Monthly,
}

public enum ReminderKind
{
    DayBefore,
    HourBefore,
}
