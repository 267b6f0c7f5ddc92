using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace PeerCircle.Bench.Room;

internal static class Report
{
    public const string Heading = "## Live room (SignalR): message delivery latency";

    public const string Command = "dotnet run -c Release --project bench/PeerCircle.Bench.Room";

    public static string Table(IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        text.AppendLine("| Rooms | Connections | Messages | Deliveries (received / expected) | p50 | p95 | p99 | max | Send ack p50 / p99 | Server CPU (of 2 cores) | Server memory before / connected / after | Memory per connection | p99 < 100 ms |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            text.AppendLine(Inv($"| {r.Rooms} | {r.Connections:N0} | {r.Messages:N0} | {r.Delivery.Count:N0} / {r.ExpectedDeliveries:N0} | {r.Delivery.P50:0.0} ms | {r.Delivery.P95:0.0} ms | ")
                + Inv($"{r.Delivery.P99:0.0} ms | {r.Delivery.Max:0} ms | {r.SendAck.P50:0.0} / {r.SendAck.P99:0.0} ms | {r.ServerCpuDuringRun:P0} | ")
                + Inv($"{Mb(r.MemoryBeforeConnections):0} / {Mb(r.MemoryConnected):0} / {Mb(r.MemoryAfterRun):0} MB | {r.MemoryPerConnectionKb:0} KB | ")
                + Inv($"{(r.TargetMet ? "yes" : "**no**")} |"));
        }

        return text.ToString();
    }

    public static string Section(IReadOnlyList<ScenarioResult> results, BenchOptions options, string repo)
    {
        var text = new StringBuilder();
        text.AppendLine(Heading);
        text.AppendLine();
        text.AppendLine(Inv($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on commit `{BenchHost.Git(repo, "rev-parse --short HEAD")}`, {Environment.ProcessorCount} cores ({BenchHost.Cpu()}), ")
            + Inv($"{RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}, SQLite, `ulimit -n` {FileLimit()}. Command:"));
        text.AppendLine();
        text.AppendLine("    " + Command + (options.Arguments.Count == 0 ? string.Empty : " -- " + string.Join(' ', options.Arguments)));
        text.AppendLine();
        text.AppendLine(Inv($"Each room: 1 facilitator and {options.Members} members with a seat, the agreement acknowledged and the session started; everyone ")
            + Inv($"signed in through the sign-in form and connected with the SignalR .NET client (WebSockets) and joined. Each room's members take ")
            + Inv($"turns to send one message a second (rooms spread across the second, sent whether or not the last one was answered); ")
            + Inv($"{options.WarmupSeconds} s of warm-up, then {options.Seconds} s measured. A delivery is one message reaching one of the room's ")
            + Inv($"{options.Members + 1} participants (its author included): its latency runs from just before `Send` is invoked to the `Message` event ")
            + Inv($"in that participant's client. \"Send ack\" is the `Send` invocation's own round trip. The server is the published app ")
            + Inv($"(`dotnet PeerCircle.Web.dll`, Production, its shipped settings and logging, a fresh SQLite file); the clients run in the ")
            + Inv($"bench's own process on the same 2 cores, so both compete for the CPU."));
        text.AppendLine();
        text.AppendLine(options.Nice is { } nice
            ? Inv($"The build machine is shared (other builds and test runs were using it, see \"whole machine\" below), so the bench and the server ran at `nice {nice}` (`--nice {nice}`): the other work still ran, with a smaller share of the 2 cores.")
            : "The bench and the server ran at normal priority, sharing the 2 cores with whatever else ran on the machine (see \"whole machine\" below).");
        if (options.DatabaseDirectory is not null)
        {
            text.AppendLine();
            text.AppendLine(Inv($"**Not the shipped setup**: the SQLite file was in `{options.DatabaseDirectory}` (`--db-dir`)."));
        }

        text.AppendLine();
        text.Append(Table(results));
        text.AppendLine();
        foreach (var r in results)
        {
            text.AppendLine(Inv($"- {r.Rooms} room(s): seeding {r.SeedTime.TotalSeconds:0.0} s; {r.Connections:N0} sign-ins {r.SignInTime.TotalSeconds:0.0} s; ")
                + Inv($"connect and join {r.JoinTime.TotalSeconds:0.0} s ({r.StatesDuringJoin:N0} `State` events received while joining); CPU during the run: bench ")
                + Inv($"{r.BenchCpuDuringRun:P0}, whole machine {r.MachineCpuDuringRun:P0} (other work on the machine ")
                + Inv($"{Math.Max(0, r.MachineCpuDuringRun - r.ServerCpuDuringRun - r.BenchCpuDuringRun):P0}), 1-minute load average {r.LoadAverage}; server threads ")
                + Inv($"{r.ServerThreadsConnected} connected, {r.ServerThreadsAfterRun} after the run; send failures {r.Failures}; server log {r.ServerWarnings} warnings, {r.ServerErrors} errors."));
        }

        text.AppendLine();
        text.AppendLine("Memory is the server process's resident set (RSS), read by the bench from outside: \"before\" after everyone signed in, "
            + "\"connected\" 5 s after the last join; per connection = (connected - before) / connections. It includes what the joins "
            + "allocated and the GC has not yet given back (Server GC, as shipped), so it is an upper bound. "
            + "With a few dozen connections it is mostly one-time cost (code compiled on first use): the figure with the most connections is the one to quote.");
        text.AppendLine();
        text.AppendLine(results.All(r => r.TargetMet)
            ? "**Target met**: p99 under 100 ms in every scenario."
            : "**Target not met** in: " + string.Join(", ", results.Where(r => !r.TargetMet).Select(r => Inv($"{r.Rooms} room(s) (p99 {r.Delivery.P99:0} ms)"))) + ".");
        return text.ToString();
    }

    /// <summary>Replaces the section under <see cref="Heading"/> (up to the next "## ") or adds it at the end; the rest stays as it is.</summary>
    public static async Task WriteSectionAsync(string path, string section)
    {
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path) : "# Performance\n";
        var start = existing.IndexOf(Heading, StringComparison.Ordinal);
        string updated;
        if (start < 0)
        {
            updated = existing.TrimEnd('\n') + "\n\n" + section;
        }
        else
        {
            var next = existing.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
            updated = existing[..start] + section + (next < 0 ? string.Empty : "\n" + existing[(next + 1)..]);
        }

        await File.WriteAllTextAsync(path, updated.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    private static string FileLimit()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            return line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3] ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
