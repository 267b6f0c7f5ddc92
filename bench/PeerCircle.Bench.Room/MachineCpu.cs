using System.Globalization;

namespace PeerCircle.Bench.Room;

/// <summary>
/// The whole machine's CPU time from /proc/stat, to tell how much of it neither the server nor the bench
/// used: other work on a shared build machine makes the figures worse, and the report says how much there was.
/// </summary>
internal static class MachineCpu
{
    /// <summary>Busy and total time of all cores so far, in clock ticks (zero when /proc/stat cannot be read); steal counts as busy.</summary>
    public static (long Busy, long Total) Read()
    {
        var ticks = ReadTicks();
        return (ticks.Busy + ticks.Steal, ticks.All);
    }

    /// <summary>
    /// All cores' time so far, in clock ticks (<see cref="CpuTicks.PerSecond"/>): busy (user, nice, system, irq, softirq; guest
    /// time is already in user), steal (given by the host to other virtual machines), idle (with waiting for the disk), and all.
    /// Zero when /proc/stat cannot be read.
    /// </summary>
    public static CpuTicks ReadTicks()
    {
        try
        {
            // user nice system idle iowait irq softirq steal
            var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return new CpuTicks(f[0] + f[1] + f[2] + f[5] + f[6], f[7], f[3] + f[4], f.Sum());
        }
        catch (IOException)
        {
            return default;
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

/// <summary>A reading of /proc/stat (<see cref="MachineCpu.ReadTicks"/>), or the difference of two.</summary>
internal readonly record struct CpuTicks(long Busy, long Steal, long Idle, long All)
{
    /// <summary>USER_HZ: /proc/stat counts in hundredths of a second on Linux.</summary>
    public const double PerSecond = 100;

    public static CpuTicks operator -(CpuTicks a, CpuTicks b) => new(a.Busy - b.Busy, a.Steal - b.Steal, a.Idle - b.Idle, a.All - b.All);
}
