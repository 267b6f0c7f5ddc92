using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using PeerCircle.Web.Notifications;

namespace PeerCircle.Web.Calendar;

/// <summary>
/// Writes sessions as iCalendar (RFC 5545) for the per-session download and the private feed.
/// Discreet mode (the default) is decided here, in one place: the entry says "PeerCircle session" and
/// carries only a link, never the group's name, its topics, the session's topic or the location.
/// </summary>
public static class SessionCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <summary>The download name: never the group's name, which would show in a downloads folder.</summary>
    public const string FileName = "peercircle-session.ics";

    public const string ProductId = "-//PeerCircle//Sessions//EN";

    /// <summary>Stable per session, so a calendar app updates the entry instead of adding another.</summary>
    public static string Uid(Guid sessionId) => $"{sessionId}@peercircle";

    /// <summary>The download name of a one-to-one check-in: says no more than PeerCircle.</summary>
    public const string CheckInFileName = "peercircle-check-in.ics";

    public const string DiscreetCheckInTitle = "PeerCircle check-in";

    public static byte[] Write(IEnumerable<CalendarEntry> entries, bool discreet, DateTime stampUtc) => Write(entries, [], discreet, stampUtc);

    /// <summary>Sessions and one-to-one check-ins. A check-in says "PeerCircle check-in" in discreet mode, else who it is with (their pseudonym).</summary>
    public static byte[] Write(IEnumerable<CalendarEntry> entries, IEnumerable<CheckInCalendarEntry> checkIns, bool discreet, DateTime stampUtc)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(checkIns);
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", "PeerCircle");
        var stamp = new CalDateTime(DateTime.SpecifyKind(stampUtc, DateTimeKind.Utc), true);
        foreach (var entry in entries)
        {
            calendar.Events.Add(Event(entry, discreet, stamp));
        }

        foreach (var checkIn in checkIns)
        {
            var start = DateTime.SpecifyKind(checkIn.StartUtc, DateTimeKind.Utc);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{checkIn.CheckInId}@peercircle",
                DtStamp = stamp,
                DtStart = new CalDateTime(start, true),
                DtEnd = new CalDateTime(start.AddMinutes(checkIn.DurationMinutes), true),
                Summary = discreet ? DiscreetCheckInTitle : $"PeerCircle one-to-one check-in with {checkIn.OtherPseudonym}",
                Status = EventStatus.Confirmed,
                Description = $"Details: {checkIn.Link}",
                Url = new Uri(checkIn.Link),
            });
        }

        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? string.Empty);
    }

    private static CalendarEvent Event(CalendarEntry entry, bool discreet, CalDateTime stamp)
    {
        var start = DateTime.SpecifyKind(entry.StartUtc, DateTimeKind.Utc);
        var title = SessionEmails.Title(discreet, entry.GroupName) + (entry.Waitlisted ? " (waitlist)" : string.Empty);
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(entry.SessionId),
            DtStamp = stamp,
            DtStart = new CalDateTime(start, true),
            DtEnd = new CalDateTime(start.AddMinutes(entry.DurationMinutes), true),
            Summary = title,
            Status = entry.Waitlisted ? EventStatus.Tentative : EventStatus.Confirmed,
            Description = discreet || string.IsNullOrWhiteSpace(entry.Topic)
                ? $"Details: {entry.Link}"
                : $"{entry.Topic}\n\nDetails: {entry.Link}",
            Url = new Uri(entry.Link),
        };
        if (!discreet)
        {
            calendarEvent.Location = entry.Location;
        }

        return calendarEvent;
    }
}

/// <summary>A booked one-to-one check-in: discreet mode leaves out who it is with.</summary>
public sealed record CheckInCalendarEntry(Guid CheckInId, DateTime StartUtc, int DurationMinutes, string OtherPseudonym, string Link);

/// <summary>One booked (or viewed) session, with everything an entry might show; discreet mode leaves most of it out.</summary>
public sealed record CalendarEntry(
    Guid SessionId, DateTime StartUtc, int DurationMinutes, string GroupName, string Topic, string Location, bool Waitlisted, string Link);
