using PeerCircle.Domain.OneToOne;

namespace PeerCircle.Web.OneToOne;

/// <summary>The form rows for weekly availability (blank rows are ignored), shared by the supporter profile and "ask for support".</summary>
public sealed class AvailabilityInput
{
    public const int Rows = 4;

    public string? TimeZone { get; set; }

    public List<WindowRow> Windows { get; set; } = [.. Enumerable.Range(0, Rows).Select(_ => new WindowRow())];

    public IEnumerable<WeeklyWindow> ToWindows() =>
        Windows.Where(w => w.Day is not null && w.From is not null && w.To is not null)
            .Select(w => new WeeklyWindow(w.Day!.Value, w.From!.Value, w.To!.Value));

    public static AvailabilityInput From(WeeklyAvailability availability)
    {
        ArgumentNullException.ThrowIfNull(availability);
        var input = new AvailabilityInput { TimeZone = availability.TimeZone, Windows = [.. availability.Windows.Select(w => new WindowRow { Day = w.Day, From = w.From, To = w.To })] };
        while (input.Windows.Count < Rows)
        {
            input.Windows.Add(new WindowRow());
        }

        return input;
    }

    public sealed class WindowRow
    {
        public DayOfWeek? Day { get; set; }
        public TimeOnly? From { get; set; }
        public TimeOnly? To { get; set; }
    }
}
