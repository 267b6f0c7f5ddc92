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

    public static byte[] Write(IEnumerable<CalendarEntry> entries, bool discreet, DateTime stampUtc)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", "PeerCircle");
        var stamp = new CalDateTime(DateTime.SpecifyKind(stampUtc, DateTimeKind.Utc), true);
        foreach (var entry in entries)
        {
            calendar.Events.Add(Event(entry, discreet, stamp));
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

/// <summary>One booked (or viewed) session, with everything an entry might show; discreet mode leaves most of it out.</summary>
public sealed record CalendarEntry(
    Guid SessionId, DateTime StartUtc, int DurationMinutes, string GroupName, string Topic, string Location, bool Waitlisted, string Link);
