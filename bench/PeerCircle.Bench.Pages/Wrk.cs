using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PeerCircle.Bench.Pages;

/// <summary>One wrk run: its figures and the raw lines it printed.</summary>
internal sealed record WrkResult(
    string Name, double RequestsPerSecond, long Requests, long Errors, long Non2xx3xx, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    IReadOnlyList<string> RawLines, IReadOnlyList<string> ScriptLines)
{
    /// <summary>The server's CPU time (user + system) during the run, per request answered.</summary>
    public double CpuMsPerRequest { get; init; }

    /// <summary>Seconds of load before the measured run (<c>WarmUpAsync</c>): until throughput stopped rising.</summary>
    public int WarmupSeconds { get; init; }

    /// <summary>What else the machine did during the run (<see cref="MachineMeter"/>); null where not measured.</summary>
    public MachineUse? Machine { get; init; }

    /// <summary>The request lines the server logged during the run (<see cref="RequestLog"/>): at least one per request answered.</summary>
    public long LoggedLines { get; init; }

    /// <summary>A problem, if the server logged fewer request lines than the requests wrk counted as answered.</summary>
    public string? LogProblem => LoggedLines < Requests
        ? string.Create(CultureInfo.InvariantCulture, $"{Name}: the server logged {LoggedLines:N0} request lines for {Requests:N0} requests answered (one per request is the app's logging)")
        : null;
}

/// <summary>Runs wrk (Debian's package) with a Lua script and reads its output.</summary>
internal static partial class Wrk
{
    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();

    public static async Task<WrkResult> RunAsync(string name, Uri url, string script, int threads, int connections, int seconds)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
                     "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s", "--timeout", "10s", "-s", script, url.ToString()])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not run wrk.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {output}\n{error}");
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var scriptLines = lines.Where(l => l.StartsWith("PERCENTILES ", StringComparison.Ordinal) || l.StartsWith("WRITER ", StringComparison.Ordinal)
            || l.StartsWith("FAILURE ", StringComparison.Ordinal)).ToList();
        var raw = lines.Except(scriptLines).ToList();
        var percentiles = scriptLines.Single(l => l.StartsWith("PERCENTILES ", StringComparison.Ordinal)).Split(' ')[1..]
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture) / 1000).ToArray();
        var errors = SocketErrors().Match(output) is { Success: true } m ? Enumerable.Range(1, 4).Sum(i => long.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture)) : 0;
        return new WrkResult(
            name,
            double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            errors,
            Non2xx().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            percentiles[0], percentiles[1], percentiles[2], percentiles[3],
            raw, scriptLines);
    }

    /// <summary>Writes a read script that replays <paramref name="cookie"/> (none for an anonymous page).</summary>
    public static string ReadScript(string directory, string name, string? cookie)
    {
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "read.lua"));
        var path = Path.Combine(directory, $"read-{name}.lua");
        File.WriteAllText(path, template.Replace("--COOKIE--", Escape(cookie ?? string.Empty), StringComparison.Ordinal));
        return path;
    }

    /// <summary>Writes a script that asks for each page in turn, each with its cookie (none for an anonymous page).</summary>
    public static string RoundRobinScript(string directory, IEnumerable<(string Path, string? Cookie)> pages)
    {
        var table = string.Join(", ", pages.Select(p => $"{{ path = \"{Escape(p.Path)}\", cookie = \"{Escape(p.Cookie ?? string.Empty)}\" }}"));
        var path = Path.Combine(directory, "round-robin.lua");
        File.WriteAllText(path, $$"""
            -- wrk script for the app's warm-up (bench/PeerCircle.Bench.Pages): every page in turn, each with its role's cookie.
            local pages = { {{table}} }
            local i = 0
            function request()
              i = i + 1
              local page = pages[((i - 1) % #pages) + 1]
              local headers = {}
              if page.cookie ~= "" then headers["Cookie"] = page.cookie end
              return wrk.format("GET", page.path, headers)
            end
            function done(summary, latency, requests)
              io.write(string.format("PERCENTILES %d %d %d %d\n", latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
            end
            """);
        return path;
    }

    /// <summary>
    /// Writes the mixed-writes script: each writer with their sign-in cookie, form token, thread and session, and
    /// whether they hold a seat now (<paramref name="holds"/>): one who does starts by cancelling it.
    /// </summary>
    public static string WriteScript(string directory, IEnumerable<Writer> writers, Func<Writer, bool> holds)
    {
        var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "writes.lua"));
        var table = string.Join(", ", writers.Select(w =>
            $"{{ cookie = \"{Escape(w.Cookie)}\", token = \"{Uri.EscapeDataString(w.Token)}\", thread = \"{w.Thread}\", session = \"{w.Session}\", "
            + $"holds = {(holds(w) ? "true" : "false")} }}"));
        var path = Path.Combine(directory, "writes.lua");
        File.WriteAllText(path, template.Replace("--WRITERS--", table, StringComparison.Ordinal));
        return path;
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}

/// <summary>One member of the mixed writes: signed in, with the form token of their session, replying in one thread and booking one session.</summary>
internal sealed record Writer(string Email, string Cookie, string Token, Guid Thread, Guid Session);
