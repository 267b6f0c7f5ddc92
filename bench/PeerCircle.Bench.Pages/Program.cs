using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using PeerCircle.Bench.Pages;
using PeerCircle.Bench.Room;

// The page benchmark (issue 9): generate a community at S1 and S10, publish and start the app and the
// Fortunes baseline, sign in with curl, load every page with wrk (32 connections, 15 s each), then the
// mixed writes; count SQL commands per request, rows after the writes and the server's memory; write the
// report into docs/performance.md. See README "Benchmarks" (bash bench/pages.sh installs wrk and runs this).
var options = PagesOptions.Parse(args);
var repo = BenchHost.FindRepositoryRoot();
var total = Stopwatch.StartNew();
var work = Directory.CreateTempSubdirectory("peercircle-pages-bench-").FullName;
Console.WriteLine($"PeerCircle page benchmark: {Environment.ProcessorCount} cores, scales {string.Join(", ", options.Scales.Select(s => "S" + s))}, "
    + $"{options.Connections} connections, {options.Seconds} s per page (after a warm-up in {options.WarmupRule}); work folder {work}");

var webDll = await BenchHost.PublishAsync(repo, "src/PeerCircle.Web", "web", "PeerCircle.Web.dll", options.SkipPublish);
var fortunesDll = await BenchHost.PublishAsync(repo, "bench/PeerCircle.Bench.Fortunes", "fortunes", "PeerCircle.Bench.Fortunes.dll", options.SkipPublish);
var publishTime = total.Elapsed;

// The baselines do not depend on the data: Fortunes and plaintext once before the first scale, Fortunes
// again after the last; every ratio is to the mean of the two Fortunes runs.
var fortunesDir = Directory.CreateDirectory(Path.Combine(work, "fortunes")).FullName;
var baselines = await Baseline.MeasureAsync(fortunesDll, fortunesDir, options, before: true);
var results = new List<ScaleResult>();
foreach (var scale in options.Scales)
{
    results.Add(await ScaleRun.RunAsync(scale, options, work, webDll));
}

baselines = baselines with { FortunesAfter = (await Baseline.MeasureAsync(fortunesDll, fortunesDir, options, before: false)).FortunesAfter };
var report = Report.Section(baselines, results, options, repo, publishTime, total.Elapsed);
Console.WriteLine(report);
if (!options.NoDocs)
{
    var path = Path.Combine(repo, "docs", "performance.md");
    await Report.WriteSectionAsync(path, report);
    Console.WriteLine($"Wrote the page benchmark section of {path} ({total.Elapsed.TotalMinutes:0.0} min in all)");
}

if (!options.Keep)
{
    Directory.Delete(work, recursive: true);
}

return results.All(r => r.Problems.Count == 0) && baselines.LogProblems.Count == 0 ? 0 : 1;

internal sealed record PagesOptions(
    IReadOnlyList<int> Scales, int Seconds, int Warmup, int WarmupMin, int WarmupMax, int PageWarmupMin, int PageWarmupMax,
    int AppWarmup, int AppWarmupMin, int AppWarmupMax, int AppWarmupConnections, int Connections, int Threads, bool SkipPublish, bool NoDocs, bool Keep,
    IReadOnlyList<string> Only, IReadOnlyList<string> ServerArgs)
{
    public static PagesOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var flags = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var serverArgs = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--server-arg" && i + 1 < args.Length)
            {
                serverArgs.Add("--" + args[++i]);
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[args[i]] = args[++i];
            }
            else
            {
                flags.Add(args[i]);
            }
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var options = new PagesOptions(
            values.TryGetValue("--scales", out var scales) ? scales.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [1, 10],
            Int("--seconds", 15), Int("--warmup", 3), Int("--warmup-min", 21), Int("--warmup-max", 60), Int("--page-warmup-min", 6), Int("--page-warmup-max", 30),
            Int("--app-warmup", 10), Int("--app-warmup-min", 60), Int("--app-warmup-max", 120), Int("--app-warmup-connections", 4),
            Int("--connections", 32), Int("--threads", 2),
            flags.Contains("--no-publish"), flags.Contains("--no-docs"), flags.Contains("--keep"),
            values.TryGetValue("--only", out var only) ? only.Split(',') : [], serverArgs);
        if (options.LongestReplaySeconds >= 60)
        {
            throw new ArgumentException($"--page-warmup-max + --seconds must stay under 60 s (the app re-checks a sign-in cookie once it is a minute old); they are {options.LongestReplaySeconds} s.");
        }

        return options;
    }

    /// <summary>A warm-up window within this share of the one before counts as settled (<c>WarmUpAsync</c>).</summary>
    public const double SettledWithin = 0.05;

    /// <summary>The warm-up rules in words, for the console and the report.</summary>
    public string WarmupRule =>
        string.Create(CultureInfo.InvariantCulture, $"the baselines: {Warmup}-s windows, at least {WarmupMin} s and then until throughput stops rising (a window within {SettledWithin * 100:0} % of the one before), at most {WarmupMax} s; "
            + $"the app: first all its pages in turn at {AppWarmupConnections} connections, in {AppWarmup}-s windows, at least {AppWarmupMin} s and then until settled in the same way, at most {AppWarmupMax} s, "
            + $"then each page on its own in {Warmup}-s windows, at least {PageWarmupMin} s and then until settled, at most {PageWarmupMax} s");

    /// <summary>The longest a sign-in cookie is replayed: the app re-checks an older one on every request (see <c>ScaleRun</c>).</summary>
    public int LongestReplaySeconds => PageWarmupMax + Seconds;

    public bool Runs(string key) => Only.Count == 0 || Only.Contains(key, StringComparer.OrdinalIgnoreCase);
}


/// <summary>One page or scenario measured at one scale.</summary>
internal sealed record PageResult(string Key, string Name, string Path, string Role, WrkResult Wrk, double? SqlPerRequest);

internal sealed record ScaleResult(
    int Scale, Manifest Manifest, IReadOnlyList<PageResult> Pages, long WorkingSetBytes,
    IReadOnlyList<string> WriteChecks, IReadOnlyList<string> Problems, double LoadAverage, int AppWarmupSeconds, string AppWarmupWindows);

/// <summary>The baselines of the run: Fortunes and plaintext before the first scale, Fortunes again after the last.</summary>
internal sealed record Baselines(WrkResult? Fortunes, WrkResult? Plaintext, WrkResult? FortunesAfter)
{
    /// <summary>Runs of the baselines whose server logged fewer request lines than requests (<see cref="WrkResult.LogProblem"/>).</summary>
    public IReadOnlyList<string> LogProblems => new[] { Fortunes, Plaintext, FortunesAfter }.Select(w => w?.LogProblem).OfType<string>().ToList();

    /// <summary>
    /// What the pages are compared with: the mean of Fortunes measured before the app's pages and again after
    /// them, since other load on this shared machine moves during the minutes between (one run alone, if only one).
    /// </summary>
    public WrkResult? Reference => (Fortunes, FortunesAfter) switch
    {
        ({ } before, { } after) => before with
        {
            Name = "Fortunes (mean of both runs)",
            RequestsPerSecond = (before.RequestsPerSecond + after.RequestsPerSecond) / 2,
            CpuMsPerRequest = (before.CpuMsPerRequest + after.CpuMsPerRequest) / 2,
        },
        ({ } before, null) => before,
        _ => FortunesAfter,
    };
}

internal static class Baseline
{
    /// <summary>
    /// Starts the Fortunes app on its own and measures Fortunes (and, <paramref name="before"/> the pages, plaintext).
    /// The app never runs at the same time.
    /// </summary>
    public static async Task<Baselines> MeasureAsync(string fortunesDll, string fortunesDir, PagesOptions options, bool before)
    {
        var dir = Path.GetDirectoryName(fortunesDir)!;
        await using var baseline = await ServerProcess.StartAsync(fortunesDll, fortunesDir, $"Data Source={Path.Combine(fortunesDir, "fortunes.db")}", [], null);
        var name = before ? "Fortunes (baseline)" : "Fortunes (baseline, again after the pages)";
        var fortunes = options.Runs("fortunes")
            ? await ScaleRun.MeasureAsync(baseline, name, new Uri(baseline.BaseAddress, "/fortunes"), null, dir, "fortunes", options, options.WarmupMin, options.WarmupMax)
            : null;
        var plaintext = before && options.Runs("plaintext")
            ? await ScaleRun.MeasureAsync(baseline, "Plaintext (baseline)", new Uri(baseline.BaseAddress, "/plaintext"), null, dir, "plaintext", options, options.WarmupMin, options.WarmupMax)
            : null;
        return before ? new Baselines(fortunes, plaintext, null) : new Baselines(null, null, fortunes);
    }
}

internal static class ScaleRun
{
    public static async Task<ScaleResult> RunAsync(int scale, PagesOptions options, string work, string webDll)
    {
        var dir = Directory.CreateDirectory(Path.Combine(work, "S" + scale)).FullName;
        var database = Path.Combine(dir, "peercircle.db");
        var connectionString = $"Data Source={database}";
        Console.WriteLine($"S{scale}: generating data ...");
        var manifest = await DataGenerator.GenerateAsync(connectionString, scale);
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"S{scale}: {manifest.Rows.Values.Sum():N0} rows in {manifest.Elapsed.TotalSeconds:0.0} s "
            + $"({string.Join(", ", manifest.Rows.OrderByDescending(r => r.Value).Select(r => $"{r.Key} {r.Value:N0}"))})");

        var problems = new List<string>();
        var pages = new List<PageResult>();
        var tallyFile = Path.Combine(dir, "sql-commands.txt");
        var checks = new List<string>();
        long workingSet;
        int appWarmup;
        string appWindows;

        string[] serverArgs =
        [
            $"--Diagnostics:SqlCommandCountFile={tallyFile}",
            // Background jobs off: they would add their own SQL and CPU at moments the bench does not choose.
            "--Jobs:Reminders:Enabled=false", "--Jobs:Purge:Enabled=false", "--Jobs:AccountHousekeeping:Enabled=false",
            // 32 members posting as fast as they can from one address: the abuse limits would answer 429.
            "--RateLimits:PostsPerMinute=100000000",
            .. options.ServerArgs,
        ];
        await using (var server = await ServerProcess.StartAsync(webDll, dir, connectionString, serverArgs, null))
        {
            var b = server.BaseAddress;
            (string Key, string Name, string Path, string Role, string? Email)[] list =
            [
                ("help", "Get help (anonymous)", "/Help", "anonymous", null),
                ("home", "Home", "/", "member", manifest.MemberEmail),
                ("groups", "Group list", "/Groups", "member", manifest.MemberEmail),
                ("group", "A group page", $"/Groups/Details/{manifest.MemberGroupId}", "member", manifest.MemberEmail),
                ("mine", "My sessions", "/Sessions/Mine", "member", manifest.MemberEmail),
                ("thread", $"A board thread ({manifest.ThreadPosts} posts, first page)", $"/Groups/Board/Thread/{manifest.ThreadId}", "member", manifest.MemberEmail),
                ("admin", "Admin dashboard", "/Admin", "admin", manifest.AdminEmail),
            ];
            (appWarmup, appWindows) = await WarmUpAppAsync(b, list.Where(p => options.Runs(p.Key)).Select(p => (p.Path, p.Email)).ToList(), dir, options);
            foreach (var page in list.Where(p => options.Runs(p.Key)))
            {
                // A fresh sign-in for every page: the app re-checks a cookie's security stamp once it is a
                // minute old and sends a renewed cookie, which a browser keeps but wrk cannot; replaying an
                // old cookie would make every request re-check it (5 more SQL commands and a new cookie).
                // The page's warm-up and run together stay under that minute (LongestReplaySeconds).
                var cookie = page.Email is null ? null : await Curl.SignInAsync(b, page.Email, DataGenerator.Password);
                var url = new Uri(b, page.Path);
                var (status, headers, body) = await Curl.RunAsync(url, cookie);
                if (status != 200)
                {
                    problems.Add($"{page.Name}: GET {page.Path} answered {status} before the run");
                    continue;
                }

                cookie = Curl.KeepAntiforgeryCookie(cookie, headers);

                var sql = await SqlPerRequestAsync(url, cookie, tallyFile);
                var result = await MeasureAsync(server, page.Name, url, cookie, dir, page.Key, options, options.PageWarmupMin, options.PageWarmupMax);
                pages.Add(new PageResult(page.Key, page.Name, page.Path, page.Role, result, sql));
                if (result.Non2xx3xx > 0 || result.Errors > 0)
                {
                    problems.Add($"{page.Name}: {result.Non2xx3xx} non-2xx/3xx responses, {result.Errors} socket errors");
                }

                _ = body;
            }

            if (options.Runs("writes"))
            {
                var (result, sql, writeChecks) = await WritesAsync(server, manifest, b, dir, tallyFile, database, options);
                pages.Add(new PageResult("writes", "Mixed writes (reply, book, cancel)", "POST (3 forms)", "32 members", result, sql));
                checks.AddRange(writeChecks.Where(c => !c.StartsWith('!')));
                problems.AddRange(writeChecks.Where(c => c.StartsWith('!')).Select(c => c[1..]));
            }

            workingSet = server.WorkingSet();
            problems.AddRange(pages.Select(p => p.Wrk.LogProblem).OfType<string>());
        }

        var load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        return new ScaleResult(scale, manifest, pages, workingSet, checks, problems, load, appWarmup, appWindows);
    }

    public static async Task<WrkResult> MeasureAsync(
        ServerProcess server, string name, Uri url, string? cookie, string dir, string key, PagesOptions options, int warmupMin, int warmupMax)
    {
        var script = Wrk.ReadScript(dir, key, cookie);
        var (warmup, _) = await WarmUpAsync(name, options.Warmup, warmupMin, warmupMax,
            () => Wrk.RunAsync(name, url, script, options.Threads, options.Connections, options.Warmup));
        return await MeasuredRunAsync(server, name, warmup, () => Wrk.RunAsync(name, url, script, options.Threads, options.Connections, options.Seconds));
    }

    /// <summary>
    /// The measured run of a page or of the writes: the server's CPU per request, what else the machine did
    /// (<see cref="MachineMeter"/>) and the request lines the server logged (<see cref="RequestLog"/>).
    /// </summary>
    private static async Task<WrkResult> MeasuredRunAsync(ServerProcess server, string label, int warmup, Func<Task<WrkResult>> run)
    {
        var meter = MachineMeter.Start(server);
        var log = RequestLog.Mark(server.WorkDirectory);
        var result = await run();
        // The meter's speed check after the run (a third of a second) lets the last answered requests' lines be written.
        var machine = meter.Stop();
        result = result with
        {
            CpuMsPerRequest = machine.ServerCpu.TotalMilliseconds / Math.Max(1, result.Requests), WarmupSeconds = warmup, Machine = machine, LoggedLines = log.Count(),
        };
        Console.WriteLine($"  {label}: {result.RequestsPerSecond:N0} req/s, p50 {result.P50Ms:0.0} ms, p95 {result.P95Ms:0.0} ms, p99 {result.P99Ms:0.0} ms, "
            + $"server CPU {result.CpuMsPerRequest:0.00} ms/request (after {warmup} s of warm-up); {Describe(machine)}");
        return result;
    }

    private static string Describe(MachineUse m) => string.Create(CultureInfo.InvariantCulture,
        $"machine: steal {m.StealShare * 100:0.0} %, other processes {m.OtherShare * 100:0.0} %, server {m.ServerShare * 100:0} %, wrk {m.WrkShare * 100:0} %, "
        + $"bench {m.BenchShare * 100:0.0} %, idle {m.IdleShare * 100:0.0} %, "
        + $"speed check {m.SpeedBeforeMs:0.0} / {m.SpeedAfterMs:0.0} ms");

    /// <summary>
    /// The whole app's warm-up, before any page is measured: every page in turn (each with its role's sign-in)
    /// at a few connections, in windows, until the throughput stops rising. .NET first runs a method's quickly
    /// compiled code, then instrumented code, and replaces it with optimized code only after a background
    /// compile has run; under full load on 2 cores that compile waits for the CPU, and a page alone took about
    /// two minutes to settle (a board thread: 400 req/s for the first 40 s, 1,300 after 2 minutes). With a
    /// few connections the compiles get the CPU and every page settles together, in about a minute; each page
    /// then needs only a short warm-up of its own.
    /// </summary>
    private static Task<(int Seconds, string Windows)> WarmUpAppAsync(Uri baseAddress, List<(string Path, string? Email)> pages, string dir, PagesOptions options)
    {
        if (pages.Count == 0)
        {
            return Task.FromResult((0, string.Empty));
        }

        return WarmUpAsync("The app's pages in turn", options.AppWarmup, options.AppWarmupMin, options.AppWarmupMax, async () =>
        {
            // Signed in afresh for each window, so no cookie is replayed for a minute (see the page loop).
            var cookies = new Dictionary<string, string>();
            foreach (var email in pages.Select(p => p.Email).OfType<string>().Distinct())
            {
                cookies[email] = await Curl.SignInAsync(baseAddress, email, DataGenerator.Password);
            }

            var script = Wrk.RoundRobinScript(dir, pages.Select(p => (p.Path, p.Email is null ? null : cookies[p.Email])));
            return await Wrk.RunAsync("the app's pages in turn", baseAddress, script, options.Threads, options.AppWarmupConnections, options.AppWarmup);
        });
    }

    /// <summary>
    /// Runs <paramref name="runWindow"/> (a load of <paramref name="window"/> seconds) for at least <paramref name="min"/>
    /// seconds and then until the throughput stops rising (a window within 5 % of the one before), at most
    /// <paramref name="max"/> seconds. The minimum because the speed rises in steps, with flat stretches between
    /// them (Fortunes: 2,663 then 2,794 req/s after 9 s, then 5,432 measured): .NET replaces its first, quickly
    /// compiled code with optimized code only after a method has been called often and a background compile
    /// has run. The baselines get 21 s at least; the app's pages, already warmed together
    /// (<see cref="WarmUpAppAsync"/>), 6 s. So each is measured settled, as a server that has been up a while.
    /// </summary>
    private static async Task<(int Seconds, string Windows)> WarmUpAsync(string name, int window, int min, int max, Func<Task<WrkResult>> runWindow)
    {
        if (window <= 0)
        {
            return (0, string.Empty);
        }

        var seconds = 0;
        double previous = 0;
        var windows = new List<string>();
        while (seconds < max)
        {
            var run = await runWindow();
            seconds += window;
            windows.Add(run.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
            if (seconds >= min && previous > 0 && run.RequestsPerSecond <= previous * (1 + PagesOptions.SettledWithin))
            {
                break;
            }

            previous = run.RequestsPerSecond;
        }

        var line = string.Join(" → ", windows);
        Console.WriteLine($"  {name}: warm-up {seconds} s ({line} req/s)");
        return (seconds, line);
    }

    /// <summary>SQL commands per request: 20 requests one after another, the server's tally before and after.</summary>
    private static async Task<double> SqlPerRequestAsync(Uri url, string? cookie, string tallyFile)
    {
        const int Requests = 20;
        using var handler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        async Task Get()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
        }

        await Get(); // compiles the page's queries and views, if not yet
        var before = await TallyAsync(tallyFile);
        for (var i = 0; i < Requests; i++)
        {
            await Get();
        }

        return (await TallyAsync(tallyFile) - before) / (double)Requests;
    }

    private static async Task<long> TallyAsync(string tallyFile)
    {
        await Task.Delay(350); // the server writes its tally every 100 ms
        return File.Exists(tallyFile) ? long.Parse(await File.ReadAllTextAsync(tallyFile), CultureInfo.InvariantCulture) : 0;
    }

    private static async Task<(WrkResult Result, double Sql, List<string> Checks)> WritesAsync(
        ServerProcess server, Manifest manifest, Uri b, string dir, string tallyFile, string database, PagesOptions options)
    {
        async Task<List<Writer>> SignInAsync()
        {
            Console.WriteLine($"  Mixed writes: signing in {manifest.WriterEmails.Count} members ...");
            var signedIn = new List<Writer>();
            for (var i = 0; i < manifest.WriterEmails.Count; i++)
            {
                var email = manifest.WriterEmails[i];
                var thread = manifest.WriteThreadIds[i % manifest.WriteThreadIds.Count];
                var session = manifest.WriteSessionIds[i % manifest.WriteSessionIds.Count];
                var cookie = await Curl.SignInAsync(b, email, DataGenerator.Password);
                // The thread page's form token; the same token is valid for every form of this person's session.
                var (token, cookies) = await Curl.FormTokenAsync(new Uri(b, $"/Groups/Board/Thread/{thread}"), cookie);
                signedIn.Add(new Writer(email, cookies, token, thread, session));
            }

            return signedIn;
        }

        var writers = await SignInAsync();

        SqliteConnection Open()
        {
            var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
            connection.Open();
            return connection;
        }

        long Count(string sql)
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        static string Id(Guid id) => $"'{id.ToString().ToUpperInvariant()}'";
        var threads = string.Join(", ", manifest.WriteThreadIds.Select(Id));
        var sessions = string.Join(", ", manifest.WriteSessionIds.Select(Id));
        // Which writer holds a seat or a waitlist place in their own session now.
        Func<Writer, bool> Holding()
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT u.NormalizedEmail, b.SessionId FROM Bookings b JOIN AspNetUsers u ON u.Id = b.UserId "
                + $"WHERE b.SessionId IN ({sessions}) AND b.Status <> 'Cancelled'";
            using var reader = command.ExecuteReader();
            var held = new HashSet<(string Email, Guid Session)>();
            while (reader.Read())
            {
                held.Add((reader.GetString(0), Guid.Parse(reader.GetString(1))));
            }

            return w => held.Contains((w.Email.ToUpperInvariant(), w.Session));
        }

        // Warmed up like every page: the write handlers run a while before they are measured, so .NET has
        // compiled them fully (a server that has been up a while). Each window starts from the seats the one
        // before left: a member holding one starts by cancelling it.
        var (warmup, _) = await WarmUpAsync("Mixed writes", options.Warmup, options.PageWarmupMin, options.PageWarmupMax, async () =>
        {
            var window = await Wrk.RunAsync("Mixed writes (warm-up)", new Uri(b, "/"), Wrk.WriteScript(dir, writers, Holding()), writers.Count, writers.Count, options.Warmup);
            await Task.Delay(500); // the requests in flight when wrk stopped finish
            return window;
        });
        // Signed in afresh for the measured run, so no cookie is replayed for a minute (see the page loop).
        writers = await SignInAsync();
        var script = Wrk.WriteScript(dir, writers, Holding());
        var repliesBefore = Count($"SELECT COUNT(*) FROM Shares WHERE ThreadId IN ({threads})");
        var before = await TallyAsync(tallyFile);
        var result = await MeasuredRunAsync(server, "Mixed writes", warmup,
            () => Wrk.RunAsync("Mixed writes (reply, book, cancel)", new Uri(b, "/"), script, writers.Count, writers.Count, options.Seconds));
        var sql = (await TallyAsync(tallyFile) - before) / (double)result.Requests;
        await Task.Delay(1000); // let the last requests in flight when wrk stopped finish

        var perWriter = result.ScriptLines.Where(l => l.StartsWith("WRITER ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();
        long okReplies = perWriter.Sum(w => long.Parse(w[2], CultureInfo.InvariantCulture));
        long okBooks = perWriter.Sum(w => long.Parse(w[3], CultureInfo.InvariantCulture));
        long okCancels = perWriter.Sum(w => long.Parse(w[4], CultureInfo.InvariantCulture));
        long failed = perWriter.Sum(w => long.Parse(w[5], CultureInfo.InvariantCulture));
        var repliesAfter = Count($"SELECT COUNT(*) FROM Shares WHERE ThreadId IN ({threads})");
        var going = Count($"SELECT COUNT(*) FROM Bookings WHERE SessionId IN ({sessions}) AND Status = 'Going'");
        var holding = Count($"SELECT COUNT(*) FROM Bookings WHERE SessionId IN ({sessions}) AND Status <> 'Cancelled'");
        var expectedHolding = perWriter.Count(w => w[6] == "book");
        // Every session: its seat count is its bookings, within capacity.
        var seatsWrong = Count($"SELECT COUNT(*) FROM Sessions s WHERE s.Id IN ({sessions}) AND (s.SeatsTaken > s.Capacity OR s.SeatsTaken <> "
            + "(SELECT COUNT(*) FROM Bookings b WHERE b.SessionId = s.Id AND b.Status = 'Going'))");

        // Each member's place now must be what their last answered action left, unless a seat request
        // of theirs was still in flight when wrk stopped (then either state is right).
        var mismatched = 0;
        var holdsNow = Holding();
        foreach (var w in perWriter)
        {
            var holds = holdsNow(writers[int.Parse(w[1], CultureInfo.InvariantCulture) - 1]);
            var inFlight = w[7] == "0" && w[8] != "reply";
            if (!inFlight && holds != (w[6] == "book"))
            {
                mismatched++;
            }
        }

        var added = repliesAfter - repliesBefore;
        var checks = new List<string>
        {
            $"replies: {okReplies:N0} answered 302 to wrk, {added:N0} rows added to the thread (up to {writers.Count} more can be in flight when wrk stops)",
            $"replies spread over {manifest.WriteThreadIds.Count} threads, seats over {manifest.WriteSessionIds.Count} sessions ({writers.Count / manifest.WriteSessionIds.Count} members to a session)",
            $"seats: {okBooks:N0} bookings and {okCancels:N0} cancellations answered 302; now {holding} people hold a seat or a waitlist place "
                + $"({expectedHolding} members' last answered action was a booking), {going} going; sessions whose seat count is not their bookings or is over capacity: {seatsWrong}",
            $"failed (not 302): {failed:N0}",
        };
        if (added < okReplies || added > okReplies + writers.Count)
        {
            checks.Add($"!lost or extra replies: {okReplies} answered, {added} rows");
        }

        if (mismatched > 0)
        {
            checks.Add($"!{mismatched} members' seats do not match their last answered booking or cancellation");
        }

        if (seatsWrong > 0)
        {
            checks.Add($"!seat count wrong in {seatsWrong} sessions");
        }

        if (failed > 0 || result.Errors > 0)
        {
            checks.Add($"!{failed} write requests did not redirect back to their page, {result.Errors} socket errors; first failures: "
                + string.Join("; ", result.ScriptLines.Where(l => l.StartsWith("FAILURE ", StringComparison.Ordinal)).Take(3)));
        }

        return (result, sql, checks);
    }
}
