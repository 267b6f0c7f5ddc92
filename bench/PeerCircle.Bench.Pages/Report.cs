using System.Diagnostics;
using System.Globalization;
using System.Text;
using PeerCircle.Bench.Room;

namespace PeerCircle.Bench.Pages;

/// <summary>The Markdown report, between two markers in docs/performance.md (everything else there is kept).</summary>
internal static class Report
{
    public const string Start = "<!-- pages-bench:start (written by bench/PeerCircle.Bench.Pages; edit the bench, not this) -->";
    public const string End = "<!-- pages-bench:end -->";

    private static readonly CultureInfo s_en = CultureInfo.GetCultureInfo("en-GB");

    public static string Section(Baselines baselines, IReadOnlyList<ScaleResult> results, PagesOptions options, string repo, TimeSpan publish, TimeSpan total)
    {
        var md = new StringBuilder();
        md.AppendLine(Start);
        md.AppendLine("## Pages against the stack's own limit (issue 9)");
        md.AppendLine();
        md.AppendLine(s_en, $"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on commit `{BenchHost.Git(repo, "rev-parse --short HEAD")}`{(BenchHost.Git(repo, "status --porcelain --untracked-files=no").Length > 0 ? " (with uncommitted changes)" : string.Empty)}, "
            + $"{Environment.ProcessorCount} cores ({BenchHost.Cpu()}), {Os()}, .NET {Environment.Version}, SQLite, {Wrk()}. Command:");
        md.AppendLine();
        md.AppendLine("    bash bench/pages.sh");
        md.AppendLine();
        md.AppendLine(s_en, $"wrk: {options.Threads} threads, {options.Connections} connections, {options.Seconds} s per page after a warm-up (not counted) "
            + $"({options.WarmupRule}; the seconds are in each table), as a server that has been up a while runs: .NET replaces its first, quickly compiled code with optimized "
            + $"code only once a method has been called often and a background compile has run, which under full load took Fortunes 20–30 s and a page of the app alone about two minutes; "
            + $"the writes: {DataGenerator.Writers} threads of one connection each (one signed-in member per connection, so each member's "
            + $"reply, booking and cancellation follow one another), warmed up by the same script in the same way as a page, each warm-up window and the measured run "
            + $"starting from the seats the one before left. Both servers are the published Release builds, Production environment, "
            + $"shipped logging (Serilog: console and compact-JSON file, one Information line per request), run one at a time on the same machine as wrk. "
            + $"The app runs as shipped except: background jobs off, the posting rate limit raised, and the SQL command tally on "
            + $"(`Diagnostics:SqlCommandCountFile`). **This machine is shared with other engineers' builds and tests while the bench runs**: "
            + $"absolute figures move from run to run, the ratios to Fortunes measured minutes apart in the same run are what count. "
            + $"The baselines do not depend on the data, so they run once: Fortunes and plaintext before the first scale, Fortunes again after the last; "
            + $"every ratio is to the mean of the two Fortunes runs.");
        md.AppendLine();
        md.AppendLine(s_en, $"Whole run {total.TotalMinutes:0.0} min (publishing {publish.TotalSeconds:0} s).");
        md.AppendLine();

        var reference = baselines.Reference;
        var fortunes = reference?.RequestsPerSecond;
        md.AppendLine("### The baselines");
        md.AppendLine();
        var all = new[] { baselines.Fortunes, baselines.FortunesAfter, baselines.Plaintext }.OfType<WrkResult>().Concat(results.SelectMany(r => r.Pages.Select(p => p.Wrk))).ToList();
        var checks = all.Select(w => w.Machine?.SpeedMs).OfType<double>().Order().ToList();
        var usual = checks.Count > 0 ? checks[checks.Count / 2] : double.MaxValue;
        md.AppendLine(s_en, $"Other work on the machine, measured during every run (the last two columns of each table): **steal / others** is the share of the machine's "
            + $"{Environment.ProcessorCount} cores the host gave to other virtual machines (steal time, /proc/stat) and the share other processes here used (busy time that was "
            + $"neither the server's, wrk's nor the bench's); **speed check** is the time of a fixed piece of work on one core (random reads in a 32 MB table, then arithmetic), "
            + $"the mean of one just before and one just after the run (each the median of nine): other work sharing the host's cores and memory slows it without showing as steal; "
            + $"on an idle machine it varies by about a tenth. "
            + $"A run is marked *disturbed* when steal and others together took more than {DisturbedShare * 100:0} % of the machine, or its speed check was more than "
            + $"{(DisturbedSpeed - 1) * 100:0} % slower than the median check of the whole bench ({(usual < double.MaxValue ? usual.ToString("0.0", s_en) + " ms" : "none")}); its ratio then says less about the build.");
        md.AppendLine();
        md.AppendLine("| Page | As | Warm-up | req/s | p50 | p95 | p99 | SQL / request | Server CPU / request | × Fortunes (req/s) | × Fortunes (CPU) | Steal / others | Speed check |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var b in new[] { baselines.Fortunes, baselines.FortunesAfter, baselines.Plaintext }.OfType<WrkResult>())
        {
            md.AppendLine(s_en, $"| {b.Name} | anonymous | {Warmup(b)} | {b.RequestsPerSecond:N0} | {b.P50Ms:0.0} ms | {b.P95Ms:0.0} ms | {b.P99Ms:0.0} ms | {(b == baselines.Plaintext ? "0" : "1")} | {b.CpuMsPerRequest:0.00} ms | {Ratio(b.RequestsPerSecond, fortunes)} | {CpuRatio(b, reference)} | {Machine(b, usual)} |");
        }

        md.AppendLine();
        foreach (var problem in baselines.LogProblems)
        {
            md.AppendLine(s_en, $"- **Problem:** {problem}");
        }

        if (baselines.LogProblems.Count > 0)
        {
            md.AppendLine();
        }

        foreach (var r in results)
        {
            md.AppendLine(s_en, $"### S{r.Scale}");
            md.AppendLine();
            md.AppendLine(s_en, $"Data: {string.Join(", ", r.Manifest.Rows.OrderByDescending(x => x.Value).Select(x => $"{x.Key} {x.Value:N0}"))} "
                + $"({r.Manifest.Rows.Values.Sum():N0} rows) generated in {r.Manifest.Elapsed.TotalSeconds:0.0} s. "
                + $"Server working set after the run: **{r.WorkingSetBytes / 1024.0 / 1024.0:N0} MB**. 1-minute load average at the end: {r.LoadAverage:0.0}. "
                + $"The app's warm-up, all pages in turn: {r.AppWarmupSeconds} s ({r.AppWarmupWindows} req/s).");
            md.AppendLine();
            md.AppendLine("| Page | As | Warm-up | req/s | p50 | p95 | p99 | SQL / request | Server CPU / request | × Fortunes (req/s) | × Fortunes (CPU) | Target met | Steal / others | Speed check |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var p in r.Pages)
            {
                md.AppendLine(s_en, $"| {p.Name} | {p.Role} | {Warmup(p.Wrk)} | {p.Wrk.RequestsPerSecond:N0} | {p.Wrk.P50Ms:0.0} ms | {p.Wrk.P95Ms:0.0} ms | {p.Wrk.P99Ms:0.0} ms | "
                    + $"{p.SqlPerRequest:0.#} | {p.Wrk.CpuMsPerRequest:0.00} ms | {Ratio(p.Wrk.RequestsPerSecond, fortunes)} | {CpuRatio(p.Wrk, reference)} | {Target(p, fortunes, r.Scale)} | {Machine(p.Wrk, usual)} |");
            }

            md.AppendLine();
            if (r.WriteChecks.Count > 0)
            {
                md.AppendLine("Rows after the writes (counted in the database file):");
                md.AppendLine();
                foreach (var c in r.WriteChecks)
                {
                    md.AppendLine(s_en, $"- {c}");
                }

                md.AppendLine();
            }

            if (r.Problems.Count > 0)
            {
                md.AppendLine("**Problems in this run:**");
                md.AppendLine();
                foreach (var p in r.Problems)
                {
                    md.AppendLine(s_en, $"- {p}");
                }

                md.AppendLine();
            }
        }

        if (results.Count > 1)
        {
            var s1 = results[0];
            var s10 = results[^1];
            md.AppendLine(s_en, $"### Cost against data: S{s10.Scale} throughput as a share of S{s1.Scale} (target: within 20 %, i.e. at least 0.80)");
            md.AppendLine();
            md.AppendLine(s_en, $"| Page | S{s1.Scale} req/s | S{s10.Scale} req/s | S{s10.Scale} / S{s1.Scale} | S{s1.Scale} × Fortunes | S{s10.Scale} × Fortunes | SQL / request S{s1.Scale} → S{s10.Scale} |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var p in s1.Pages)
            {
                if (s10.Pages.FirstOrDefault(x => x.Key == p.Key) is { } q)
                {
                    md.AppendLine(s_en, $"| {p.Name} | {p.Wrk.RequestsPerSecond:N0} | {q.Wrk.RequestsPerSecond:N0} | {q.Wrk.RequestsPerSecond / p.Wrk.RequestsPerSecond:0.00} | "
                        + $"{Ratio(p.Wrk.RequestsPerSecond, fortunes)} | {Ratio(q.Wrk.RequestsPerSecond, fortunes)} | {p.SqlPerRequest:0.#} → {q.SqlPerRequest:0.#} |");
                }
            }

            md.AppendLine();
        }

        md.AppendLine("Raw wrk output (the summary lines of every measured run):");
        md.AppendLine();
        md.AppendLine("```");
        var runs = new[] { baselines.Fortunes, baselines.Plaintext }.OfType<WrkResult>().Select(w => (Scale: "", Wrk: w))
            .Concat(results.SelectMany(r => r.Pages.Select(p => (Scale: $"S{r.Scale} ", p.Wrk))))
            .Concat(new[] { baselines.FortunesAfter }.OfType<WrkResult>().Select(w => (Scale: "", Wrk: w)));
        foreach (var (scale, w) in runs)
        {
            md.AppendLine(s_en, $"# {scale}{w.Name}");
            foreach (var line in w.RawLines.Where(l => !l.StartsWith("Running", StringComparison.Ordinal)))
            {
                md.AppendLine(line);
            }

            md.AppendLine(s_en, $"p50/p95/p99/max (µs, from the script): {string.Join(' ', w.ScriptLines.Where(l => l.StartsWith("PERCENTILES", StringComparison.Ordinal)).Select(l => l[12..]))}");
            md.AppendLine(s_en, $"request lines the server logged during the run: {w.LoggedLines:N0}");
        }

        md.AppendLine("```");
        md.AppendLine(End);
        return md.ToString();
    }

    public static async Task WriteSectionAsync(string path, string section)
    {
        var text = await File.ReadAllTextAsync(path);
        var start = text.IndexOf(Start, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        text = start >= 0 && end > start
            ? text[..start] + section.TrimEnd('\n') + text[(end + End.Length)..]
            : text.TrimEnd('\n') + "\n\n" + section;
        await File.WriteAllTextAsync(path, text);
    }

    /// <summary>Fortunes' CPU per request over the page's: the throughput ratio a CPU-bound server would reach, less sensitive to other load on the machine.</summary>
    private static string CpuRatio(WrkResult page, WrkResult? fortunes) =>
        fortunes is { CpuMsPerRequest: > 0 } && page.CpuMsPerRequest > 0 ? (fortunes.CpuMsPerRequest / page.CpuMsPerRequest).ToString("0.00", s_en) : "–";

    /// <summary>Steal and other processes together above this share of the machine mark a run disturbed.</summary>
    private const double DisturbedShare = 0.05;

    /// <summary>A speed check this many times the bench's median marks a run disturbed.</summary>
    private const double DisturbedSpeed = 1.15;

    /// <summary>The two machine columns: steal / others, and the speed check, with "disturbed" where either is over its line.</summary>
    private static string Machine(WrkResult run, double usual)
    {
        if (run.Machine is not { } m)
        {
            return "– | –";
        }

        var disturbed = m.StealShare + m.OtherShare > DisturbedShare || m.SpeedMs > usual * DisturbedSpeed;
        return string.Create(s_en, $"{m.Taken} | {m.SpeedMs:0.0} ms{(disturbed ? " *disturbed*" : string.Empty)}");
    }

    /// <summary>The seconds of warm-up before the measured run; "none" for a run without one.</summary>
    private static string Warmup(WrkResult run) => run.WarmupSeconds > 0 ? $"{run.WarmupSeconds} s" : "none";

    private static string Ratio(double value, double? fortunes) => fortunes is > 0 ? (value / fortunes.Value).ToString("0.00", s_en) : "–";

    /// <summary>The issue's targets: reads p95 under 50 ms (at S10) and ≥ 0.5 × Fortunes (Get help 0.8 ×); writes ≥ 0.25 × and no failures.</summary>
    private static string Target(PageResult p, double? fortunes, int scale)
    {
        if (fortunes is not > 0)
        {
            return "–";
        }

        var ratio = p.Wrk.RequestsPerSecond / fortunes.Value;
        if (p.Key == "writes")
        {
            return ratio >= 0.25 ? "yes" : "**no** (< 0.25 ×)";
        }

        var needed = p.Key == "help" ? 0.8 : 0.5;
        var misses = new List<string>();
        if (ratio < needed)
        {
            misses.Add($"< {needed:0.0#} ×");
        }

        if (p.Wrk.P95Ms >= 50)
        {
            misses.Add("p95 ≥ 50 ms" + (scale < 10 ? " (target is at S10)" : string.Empty));
        }

        return misses.Count == 0 ? "yes" : $"**no** ({string.Join(", ", misses)})";
    }

    private static string Os() =>
        File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "Linux"
            : Environment.OSVersion.ToString();

    private static string Wrk()
    {
        try
        {
            var info = new ProcessStartInfo("wrk", "-v") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return output.Split('\n')[0].Split('[')[0].Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "wrk";
        }
    }
}
