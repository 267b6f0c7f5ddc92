using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PeerCircle.Bench.Room;

namespace PeerCircle.Bench.Pages;

/// <summary>
/// What else the machine was doing while a page was measured, so a run slowed by other work on this shared
/// machine can be told from a slower build. Two kinds of disturbance: CPU time the host gave to other virtual
/// machines (steal, from /proc/stat) or that other processes here used (every busy tick that was not the
/// server's, wrk's or the bench's own); and a slower machine without either, when the cores are shared with
/// other work that takes cache and memory bandwidth, which <see cref="SpeedCheck"/> measures as the time of a
/// fixed piece of work, run just before and just after the page.
/// </summary>
internal sealed record MachineUse(double StealShare, double OtherShare, double ServerShare, double WrkShare, double SpeedBeforeMs, double SpeedAfterMs)
{
    /// <summary>The share no one used (idle and waiting for the disk), and the bench's own: the console shows them.</summary>
    public double IdleShare { get; init; }

    public double BenchShare { get; init; }

    /// <summary>The server's CPU time (user + system) during the run.</summary>
    public TimeSpan ServerCpu { get; init; }

    /// <summary>The mean of the two speed checks around the run.</summary>
    public double SpeedMs => (SpeedBeforeMs + SpeedAfterMs) / 2;

    /// <summary>"0.1 % / 0.4 %": steal, then other processes, as the report writes them.</summary>
    public string Taken => string.Create(CultureInfo.InvariantCulture, $"{StealShare * 100:0.0} % / {OtherShare * 100:0.0} %");
}

/// <summary>Measures <see cref="MachineUse"/> over one run: <see cref="Start"/> before it, <see cref="Stop"/> after.</summary>
internal sealed class MachineMeter
{
    private readonly ServerProcess _server;
    private readonly double _speedBefore;
    private readonly CpuTicks _stat;
    private readonly TimeSpan _serverCpu;
    private readonly TimeSpan _children;
    private readonly TimeSpan _self;

    private MachineMeter(ServerProcess server)
    {
        _server = server;
        _speedBefore = SpeedCheck.Measure();
        _stat = MachineCpu.ReadTicks();
        _serverCpu = server.CpuTime();
        _children = ChildrenCpu();
        _self = Process.GetCurrentProcess().TotalProcessorTime;
    }

    public static MachineMeter Start(ServerProcess server) => new(server);

    /// <summary>
    /// The shares of the machine (all its cores over the run) taken by steal, by other processes, by the server
    /// and by wrk (a child of this process, so its CPU shows in this process's children once it has exited).
    /// </summary>
    public MachineUse Stop()
    {
        var stat = MachineCpu.ReadTicks() - _stat;
        var serverCpu = _server.CpuTime() - _serverCpu;
        var server = serverCpu.TotalSeconds;
        var wrk = (ChildrenCpu() - _children).TotalSeconds;
        var self = (Process.GetCurrentProcess().TotalProcessorTime - _self).TotalSeconds;
        var speedAfter = SpeedCheck.Measure();
        if (stat.All <= 0)
        {
            return new MachineUse(0, 0, 0, 0, _speedBefore, speedAfter) { ServerCpu = serverCpu };
        }

        var capacity = stat.All / CpuTicks.PerSecond;
        var other = Math.Max(0, (stat.Busy / CpuTicks.PerSecond) - server - wrk - self);
        return new MachineUse((double)stat.Steal / stat.All, other / capacity, server / capacity, wrk / capacity, _speedBefore, speedAfter)
        {
            IdleShare = (double)stat.Idle / stat.All,
            BenchShare = self / capacity,
            ServerCpu = serverCpu,
        };
    }

    private static TimeSpan ChildrenCpu()
    {
        const int Children = -1; // RUSAGE_CHILDREN: the children that have exited and been waited for
        return getrusage(Children, out var usage) == 0
            ? TimeSpan.FromSeconds(usage.UserSeconds + usage.SystemSeconds + ((usage.UserMicroseconds + usage.SystemMicroseconds) / 1e6))
            : TimeSpan.Zero;
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int getrusage(int who, out RUsage usage);

    /// <summary>Linux's struct rusage on 64-bit: two timevals, then fourteen longs this bench does not read.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 144)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
    }
}

/// <summary>
/// The time of a fixed piece of work on one core: reads at random places in a 32 MB table (memory, which
/// other work on the same host competes for) and a run of arithmetic (the core itself). The median of nine.
/// Measured on an idle machine, 30 checks a fifth of a second apart: 33–38 ms, all but three (27.6, 40.3, 41.7);
/// with this virtual machine's other core busy, the same (so it measures the host, not this machine's load).
/// A check well above the bench's usual one means the host gave this machine less than usual.
/// </summary>
internal static class SpeedCheck
{
    private static readonly int[] s_table = Table();
    private static long s_sink;

    public static double Measure()
    {
        var times = new double[9];
        for (var i = 0; i < times.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            s_sink += Work(s_table); // kept, so the work cannot be left out
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }

    /// <summary>Compiled optimized at once, so the first check is as fast as the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static long Work(int[] table)
    {
        long sum = 0;
        var at = 0;
        for (var i = 0; i < 200_000; i++)
        {
            at = table[at]; // each read depends on the one before: memory latency, not bandwidth
            sum += at;
        }

        var x = 0x2545F4914F6CDD1DUL;
        for (var i = 0; i < 5_000_000; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        return sum + (long)(x & 0xFF);
    }

    /// <summary>A random cycle through the whole table (Sattolo's shuffle), so the reads cannot be prefetched.</summary>
    private static int[] Table()
    {
        var table = Enumerable.Range(0, 8 * 1024 * 1024).ToArray();
        var random = new Random(9);
        for (var i = table.Length - 1; i > 0; i--)
        {
            var j = random.Next(i);
            (table[i], table[j]) = (table[j], table[i]);
        }

        return table;
    }
}
