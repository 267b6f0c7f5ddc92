using System.Globalization;
using PeerCircle.Bench.Room;

// The live room's benchmark (issue 5, "Performance"): message delivery latency from send to receipt by
// every participant, for 1 room and for 50 rooms of 1 facilitator + 30 members, at 1 message per second
// per room, against the real app in its own process. See README "Benchmarks" and docs/performance.md.
var options = BenchOptions.Parse(args);
var repo = BenchHost.FindRepositoryRoot();
var webDll = options.WebDll ?? await BenchHost.PublishAsync(repo, "src/PeerCircle.Web", "web", "PeerCircle.Web.dll", options.SkipPublish);

if (options.Nice is { } nice && !Priority.RaiseSelf(nice))
{
    Console.WriteLine($"Could not renice the bench to {nice} (needs root or CAP_SYS_NICE): running at normal priority.");
    options = options with { Nice = null };
}

// The clients are this process; a small pool would add its own ramp-up delay to the first seconds.
ThreadPool.SetMinThreads(Math.Max(64, Environment.ProcessorCount * 8), Math.Max(64, Environment.ProcessorCount * 8));

Console.WriteLine($"PeerCircle live room benchmark: {Environment.ProcessorCount} cores, {options.Members} members + 1 facilitator per room, "
    + $"1 message/s per room, {options.WarmupSeconds} s warm-up + {options.Seconds} s measured; server {webDll}");
var results = new List<ScenarioResult>();
foreach (var rooms in options.Scenarios)
{
    results.Add(await Scenario.RunAsync(rooms, options, webDll));
}

Console.WriteLine();
Console.WriteLine(Report.Table(results));
if (!options.NoDocs)
{
    var path = Path.Combine(repo, "docs", "performance.md");
    await Report.WriteSectionAsync(path, Report.Section(results, options, repo));
    Console.WriteLine($"Wrote the \"Live room\" section of {path}");
}

return results.All(r => r.Failures == 0) ? 0 : 1;

internal sealed record BenchOptions(
    IReadOnlyList<int> Scenarios, int Members, int Seconds, int WarmupSeconds, int Parallelism, string? WebDll, bool SkipPublish, bool NoDocs, bool Keep,
    IReadOnlyList<string> ServerArgs, int? Nice, string? DatabaseDirectory, IReadOnlyList<string> Arguments)
{
    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var serverArgs = new List<string>();
        var flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--server-arg" && i + 1 < args.Length)
            {
                // Extra configuration for the server, e.g. --server-arg Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore.Database.Command=Information
                serverArgs.Add("--" + args[++i]);
            }
            else if (i + 1 < args.Length && (!args[i + 1].StartsWith("--", StringComparison.Ordinal) || args[i] == "--nice"))
            {
                values[args[i]] = args[++i];
            }
            else
            {
                flags.Add(args[i]);
            }
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var scenarios = values.TryGetValue("--rooms", out var list)
            ? list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
            : [1, 50];
        return new BenchOptions(scenarios, Int("--members", 30), Int("--seconds", 30), Int("--warmup", 5), Int("--parallel", 16),
            values.GetValueOrDefault("--web-dll"), flags.Contains("--no-publish"), flags.Contains("--no-docs"), flags.Contains("--keep"), serverArgs,
            values.TryGetValue("--nice", out var nice) ? int.Parse(nice, CultureInfo.InvariantCulture) : null,
            values.GetValueOrDefault("--db-dir"), args);
    }
}

