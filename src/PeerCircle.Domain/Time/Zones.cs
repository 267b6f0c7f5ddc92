namespace PeerCircle.Domain.Time;

/// <summary>Times are stored in UTC and planned or shown in an IANA time zone.</summary>
public static class Zones
{
    public static TimeZoneInfo Find(string ianaId)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ianaId);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new DomainException($"\"{ianaId}\" is not a time zone we know. Choose one from the list.", ex);
        }
    }

    public static bool IsKnown(string? ianaId) =>
        !string.IsNullOrWhiteSpace(ianaId) && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out _);

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
