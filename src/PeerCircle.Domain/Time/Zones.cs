using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace PeerCircle.Domain.Time;

/// <summary>Times are stored in UTC and planned or shown in an IANA time zone.</summary>
public static class Zones
{
    // TimeZoneInfo.FindSystemTimeZoneById takes a process-wide lock on every call; a page showing 50 times
    // asked for the viewer's zone 50 times, and under load the requests queued on that lock (issue 9).
    // Zones found are kept here (a few dozen at most); unknown ids are not cached, so bad input cannot grow it.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> s_found = new(StringComparer.Ordinal);

    public static TimeZoneInfo Find(string ianaId)
    {
        if (TryFind(ianaId, out var zone))
        {
            return zone;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ianaId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new DomainException($"\"{ianaId}\" is not a time zone we know. Choose one from the list.", ex);
        }
    }

    public static bool IsKnown(string? ianaId) => TryFind(ianaId, out _);

    private static bool TryFind(string? ianaId, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (string.IsNullOrWhiteSpace(ianaId))
        {
            return false;
        }

        if (s_found.TryGetValue(ianaId, out zone))
        {
            return true;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out var found))
        {
            return false;
        }

        zone = s_found.GetOrAdd(ianaId, found);
        return true;
    }

    public static DateTime ToUtc(DateTime local, string ianaId)
    {
        var zone = Find(ianaId);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            // A wall-clock time skipped by a clock change (e.g. 01:30 on the spring-forward night) is
            // taken as the same moment an hour later, as calendar apps do.
            unspecified = unspecified.AddHours(1);
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }

    public static DateTime ToLocal(DateTime utc, string ianaId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Find(ianaId));
}
