using System.Diagnostics;
using System.Globalization;

namespace PeerCircle.Bench.Room;

/// <summary>
/// Optional (--nice -10): runs the bench and the server at a higher scheduling priority, so that other
/// work on a shared build machine (compilers, test runs) takes less of the 2 cores from them while they
/// are measured. Needs root or CAP_SYS_NICE; the report says whether it was used.
/// </summary>
internal static class Priority
{
    /// <summary>Renices every thread of this process (threads created later inherit it from their creator).</summary>
    public static bool RaiseSelf(int nice)
    {
        var ok = true;
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            ok &= Renice(Path.GetFileName(task), nice);
        }

        return ok;
    }

    /// <summary>The program and arguments that start <paramref name="program"/> at that priority.</summary>
    public static (string Program, string[] Prefix) Wrap(string program, int? nice) =>
        nice is { } n ? ("nice", ["-n", n.ToString(CultureInfo.InvariantCulture), program]) : (program, []);

    private static bool Renice(string tid, int nice)
    {
        try
        {
            var info = new ProcessStartInfo("renice") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in (string[])["-n", nice.ToString(CultureInfo.InvariantCulture), "-p", tid])
            {
                info.ArgumentList.Add(arg);
            }

            using var process = Process.Start(info)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
