using System.Globalization;
using PeerCircle.Domain.Time;

namespace PeerCircle.Domain.OneToOne;

/// <summary>A window of a week in someone's own time zone, e.g. Wednesday 18:00–20:00.</summary>
public readonly record struct WeeklyWindow(DayOfWeek Day, TimeOnly From, TimeOnly To)
{
    public const int MinMinutes = 30;

    public int Minutes => (int)(To - From).TotalMinutes;

    /// <summary>"Wed 18:00-20:00", the stored form.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Day.ToString()[..3]} {From:HH\\:mm}-{To:HH\\:mm}");
}

/// <summary>
/// When someone is free, as weekly windows in their IANA time zone. Matching compares two people's
/// windows in UTC (for the week that contains a given moment, so clock changes are taken into account).
/// </summary>
public sealed class WeeklyAvailability
{
    public const int MaxWindows = 7;
    public const int StoredMaxLength = 200;
    private const int MinutesPerWeek = 7 * 24 * 60;

    private WeeklyAvailability(string timeZone, IReadOnlyList<WeeklyWindow> windows)
    {
        TimeZone = timeZone;
        Windows = windows;
    }

    public string TimeZone { get; }
    public IReadOnlyList<WeeklyWindow> Windows { get; }

    /// <summary>Checks the windows (end after start, at least 30 minutes, at most seven) and the zone.</summary>
    public static WeeklyAvailability Create(string? timeZone, IEnumerable<WeeklyWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (!Zones.IsKnown(timeZone))
        {
            throw new DomainException("Choose your time zone from the list.");
        }

        var list = windows.Distinct().OrderBy(w => w.Day).ThenBy(w => w.From).ToList();
        if (list.Count == 0)
        {
            throw new DomainException("Add at least one time in the week when you are free.");
        }

        if (list.Count > MaxWindows)
        {
            throw new DomainException($"Add at most {MaxWindows} times in the week.");
        }

        foreach (var window in list)
        {
            if (window.To <= window.From)
            {
                throw new DomainException($"On {window.Day}, the end time must be after the start time.");
            }

            if (window.Minutes < WeeklyWindow.MinMinutes)
            {
                throw new DomainException($"Each time you are free must be at least {WeeklyWindow.MinMinutes} minutes long.");
            }
        }

        return new WeeklyAvailability(timeZone!, list);
    }

    /// <summary>The stored form: "Mon 18:00-20:00;Wed 19:00-21:30".</summary>
    public string Serialize() => string.Join(';', Windows.Select(w => w.ToString()));

    public static WeeklyAvailability Parse(string timeZone, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var windows = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var day = Enum.GetValues<DayOfWeek>().Single(d => d.ToString().StartsWith(part[..3], StringComparison.Ordinal));
            var times = part[4..].Split('-');
            return new WeeklyWindow(day, TimeOnly.ParseExact(times[0], "HH:mm", CultureInfo.InvariantCulture),
                TimeOnly.ParseExact(times[1], "HH:mm", CultureInfo.InvariantCulture));
        });
        return Create(timeZone, windows);
    }

    /// <summary>
    /// Minutes per week both people are free, comparing in UTC for the week around <paramref name="atUtc"/>
    /// (so a supporter in New York and a member in London overlap only where their evenings really meet).
    /// </summary>
    public int OverlapMinutes(WeeklyAvailability other, DateTime atUtc)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = Merge(ToUtcWeek(atUtc));
        var theirs = Merge(other.ToUtcWeek(atUtc));
        var total = 0;
        foreach (var (s1, e1) in mine)
        {
            foreach (var (s2, e2) in theirs)
            {
                total += Math.Max(0, Math.Min(e1, e2) - Math.Max(s1, s2));
            }
        }

        return total;
    }

    /// <summary>Each window as [start, end) minutes of a UTC week starting Sunday 00:00; a window crossing the week's end is split.</summary>
    private List<(int Start, int End)> ToUtcWeek(DateTime atUtc)
    {
        var zone = Zones.Find(TimeZone);
        var localNow = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(atUtc, DateTimeKind.Utc), zone);
        var sunday = localNow.Date.AddDays(-(int)localNow.DayOfWeek);
        var result = new List<(int, int)>();
        foreach (var window in Windows)
        {
            var localStart = sunday.AddDays((int)window.Day).Add(window.From.ToTimeSpan());
            var utcStart = Zones.ToUtc(localStart, TimeZone);
            var utcSunday = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc).Date.AddDays(-(int)atUtc.DayOfWeek);
            var start = (int)Math.Floor((utcStart - utcSunday).TotalMinutes);
            start = ((start % MinutesPerWeek) + MinutesPerWeek) % MinutesPerWeek;
            var end = start + window.Minutes;
            if (end <= MinutesPerWeek)
            {
                result.Add((start, end));
            }
            else
            {
                result.Add((start, MinutesPerWeek));
                result.Add((0, end - MinutesPerWeek));
            }
        }

        return result;
    }

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> spans)
    {
        var merged = new List<(int Start, int End)>();
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }
}
