using System.Globalization;

namespace PeerCircle.Bench.Room;

/// <summary>
/// The whole machine's CPU time from /proc/stat, to tell how much of it neither the server nor the bench
/// used: other work on a shared build machine makes the figures worse, and the report says how much there was.
/// </summary>
internal static class MachineCpu
{
    /// <summary>Busy and total time of all cores so far, in clock ticks (zero when /proc/stat cannot be read).</summary>
    public static (long Busy, long Total) Read()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + fields[4];
            var total = fields.Take(8).Sum();
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    /// <summary>The 1-minute load average.</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
