using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace PeerCircle.Bench.Room;

internal sealed record Percentiles(int Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static Percentiles Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1], sorted.Average());
    }
}

internal sealed record ScenarioResult(
    int Rooms,
    int Connections,
    int Messages,
    long ExpectedDeliveries,
    Percentiles Delivery,
    Percentiles SendAck,
    int Failures,
    string? FirstFailure,
    TimeSpan SeedTime,
    TimeSpan SignInTime,
    TimeSpan JoinTime,
    long MemoryBeforeConnections,
    long MemoryConnected,
    long MemoryAfterRun,
    double ServerCpuDuringRun,
    double BenchCpuDuringRun,
    double MachineCpuDuringRun,
    string LoadAverage,
    int ServerThreadsConnected,
    int ServerThreadsAfterRun,
    long StatesDuringJoin,
    int ServerWarnings,
    int ServerErrors,
    string ServerLog)
{
    public double MemoryPerConnectionKb => (MemoryConnected - MemoryBeforeConnections) / 1024.0 / Connections;

    public bool TargetMet => Failures == 0 && Delivery.Count == ExpectedDeliveries && Delivery.P99 < 100;
}

/// <summary>One scenario on a fresh database and a fresh server process.</summary>
internal static class Scenario
{
    public static async Task<ScenarioResult> RunAsync(int rooms, BenchOptions options, string webDll)
    {
        Console.WriteLine();
        Console.WriteLine($"== {rooms} room(s) x {options.Members + 1} participants ==");
        var work = Directory.CreateTempSubdirectory("peercircle-bench-").FullName;
        // --db-dir puts the database elsewhere, e.g. on tmpfs (/dev/shm) to see what the disk's fsync costs.
        var databaseFolder = options.DatabaseDirectory is null ? work : Directory.CreateDirectory(Path.Combine(options.DatabaseDirectory, Path.GetFileName(work))).FullName;
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(databaseFolder, "bench.db") }.ToString();
        try
        {
            var clock = Stopwatch.StartNew();
            var seeded = await BenchSeeder.SeedAsync(connectionString, rooms, options.Members);
            var seedTime = clock.Elapsed;
            Console.WriteLine($"Seeded {seeded.Sum(r => r.People.Count)} people in {rooms} started room(s) in {seedTime.TotalSeconds:0.0} s");

            await using var server = await ServerProcess.StartAsync(webDll, work, connectionString, options.ServerArgs, options.Nice);
            Console.WriteLine($"Server pid {server.Id} at {server.BaseAddress} (Production), log {server.ConsoleLogPath}");
            var deliveries = new Deliveries();
            var clients = seeded.SelectMany(r => r.People.Select(p => new RoomClient(r, p, deliveries))).ToList();
            try
            {
                return await MeasureAsync(rooms, options, server, seeded, clients, deliveries, seedTime, work);
            }
            finally
            {
                await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
            }
        }
        finally
        {
            if (!options.Keep)
            {
                SqliteConnection.ClearAllPools();
                TryDelete(work);
                if (databaseFolder != work)
                {
                    TryDelete(databaseFolder);
                }
            }
            else
            {
                Console.WriteLine($"Kept {work}");
            }
        }
    }

    private static async Task<ScenarioResult> MeasureAsync(
        int rooms, BenchOptions options, ServerProcess server, IReadOnlyList<BenchRoom> seeded, List<RoomClient> clients, Deliveries deliveries, TimeSpan seedTime, string work)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism };

        // Sign everyone in through the form (each is a password check on the server).
        var clock = Stopwatch.StartNew();
        var cookies = new Dictionary<Guid, string>();
        using (var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = options.Parallelism })
        using (var http = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) })
        {
            await Parallel.ForEachAsync(clients, parallel, async (client, _) =>
            {
                var cookie = await SignIn.SignInAsync(http, client.Person.Email, BenchSeeder.Password);
                lock (cookies)
                {
                    cookies[client.Person.Id] = cookie;
                }
            });
        }

        var signInTime = clock.Elapsed;
        Console.WriteLine($"Signed in {clients.Count} people in {signInTime.TotalSeconds:0.0} s");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var memoryBefore = server.WorkingSet();

        // Everyone connects (WebSockets) and joins their room.
        clock.Restart();
        await Parallel.ForEachAsync(clients, parallel, async (client, _) => await client.ConnectAndJoinAsync(server.BaseAddress, cookies[client.Person.Id]));
        var joinTime = clock.Elapsed;
        Console.WriteLine($"Connected and joined {clients.Count} connections in {joinTime.TotalSeconds:0.0} s");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var statesDuringJoin = clients.Sum(c => c.States);
        var memoryConnected = server.WorkingSet();
        var threadsConnected = server.Threads();
        Console.WriteLine($"Server memory: {Mb(memoryBefore):0} MB before connections, {Mb(memoryConnected):0} MB with {clients.Count} connected");

        // Open loop: each room sends once a second whatever the answers, rooms staggered across the second.
        var acks = new List<double>();
        var ackLog = new List<(double SentAtSeconds, double Milliseconds)>();
        var failures = 0;
        string? firstFailure = null;
        var sends = new List<Task>();
        var byRoom = clients.GroupBy(c => c.Room.Index).ToDictionary(g => g.Key, g => g.ToList());
        var total = options.WarmupSeconds + options.Seconds;
        var measuredMessages = 0;
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
        var cpuStart = TimeSpan.Zero;
        var benchCpuStart = TimeSpan.Zero;
        var machineStart = (Busy: 0L, Total: 0L);
        var loops = seeded.Select(room => Task.Run(async () =>
        {
            var offset = TimeSpan.FromMilliseconds(1000.0 * room.Index / rooms);
            for (var tick = 0; tick < total; tick++)
            {
                var due = start + (long)((offset + TimeSpan.FromSeconds(tick)).TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var measured = tick >= options.WarmupSeconds;
                if (measured && tick == options.WarmupSeconds && room.Index == 0)
                {
                    cpuStart = server.CpuTime();
                    benchCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
                    machineStart = MachineCpu.Read();
                }

                // Members take turns: the facilitator listens.
                var sender = byRoom[room.Index][1 + ((tick + room.Index) % options.Members)];
                var sent = Stopwatch.GetTimestamp();
                deliveries.Sent(Tag.Key(room.Index, tick), sent, measured);
                var send = SendOneAsync(sender, Tag.Text(room.Index, tick), sent, measured);
                lock (sends)
                {
                    sends.Add(send);
                    if (measured)
                    {
                        measuredMessages++;
                    }
                }
            }
        })).ToList();

        async Task SendOneAsync(RoomClient sender, string text, long sent, bool measured)
        {
            try
            {
                await sender.SendAsync(text);
                if (measured)
                {
                    var ms = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                    lock (acks)
                    {
                        acks.Add(ms);
                        ackLog.Add(((sent - start) / (double)Stopwatch.Frequency, ms));
                    }
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                lock (acks)
                {
                    failures++;
                    firstFailure ??= ex.Message;
                }
            }
        }

        await Task.WhenAll(loops);
        Task[] pending;
        lock (sends)
        {
            pending = [.. sends];
        }

        await Task.WhenAll(pending);
        var cpuEnd = server.CpuTime();
        var benchCpuEnd = Process.GetCurrentProcess().TotalProcessorTime;
        var machineEnd = MachineCpu.Read();
        var loadAverage = MachineCpu.LoadAverage();
        var runSeconds = options.Seconds + 1.0 * (rooms - 1) / rooms;
        var expected = (long)measuredMessages * (options.Members + 1);
        var drain = Stopwatch.StartNew();
        while (deliveries.Latencies().Length < expected && drain.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
        }

        var memoryAfter = server.WorkingSet();
        var threadsAfter = server.Threads();
        if (options.Keep)
        {
            // Raw figures for a closer look: each send's moment (s from the start) and its round trip (ms); every delivery's latency.
            await File.WriteAllLinesAsync(Path.Combine(work, "acks.csv"), ackLog.OrderBy(a => a.SentAtSeconds)
                .Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.SentAtSeconds:0.000},{a.Milliseconds:0.0}")));
            await File.WriteAllLinesAsync(Path.Combine(work, "deliveries.csv"), deliveries.Latencies()
                .Select(l => l.ToString("0.0", CultureInfo.InvariantCulture)));
        }

        var latencies = deliveries.Latencies();
        var log = await File.ReadAllLinesAsync(server.ConsoleLogPath);
        var result = new ScenarioResult(
            rooms, clients.Count, measuredMessages, expected, Percentiles.Of(latencies), Percentiles.Of(acks), failures, firstFailure,
            seedTime, signInTime, joinTime, memoryBefore, memoryConnected, memoryAfter,
            (cpuEnd - cpuStart).TotalSeconds / runSeconds / Environment.ProcessorCount,
            (benchCpuEnd - benchCpuStart).TotalSeconds / runSeconds / Environment.ProcessorCount,
            machineEnd.Total == machineStart.Total ? double.NaN : (double)(machineEnd.Busy - machineStart.Busy) / (machineEnd.Total - machineStart.Total),
            loadAverage,
            threadsConnected,
            threadsAfter,
            statesDuringJoin,
            log.Count(l => l.Contains(" WRN] ", StringComparison.Ordinal)),
            log.Count(l => l.Contains(" ERR] ", StringComparison.Ordinal) || l.Contains(" FTL] ", StringComparison.Ordinal)),
            server.ConsoleLogPath);
        Console.WriteLine($"Deliveries {result.Delivery.Count}/{expected}: p50 {result.Delivery.P50:0.0} ms, p95 {result.Delivery.P95:0.0}, "
            + $"p99 {result.Delivery.P99:0.0}, max {result.Delivery.Max:0.0}; send failures {failures}{(firstFailure is null ? "" : $" ({firstFailure})")}; "
            + $"server CPU {result.ServerCpuDuringRun:P0}, bench {result.BenchCpuDuringRun:P0}, whole machine {result.MachineCpuDuringRun:P0} of {Environment.ProcessorCount} cores (load {loadAverage}); unknown deliveries {deliveries.Unknown}");
        return result;
    }

    private static double Mb(long bytes) => bytes / 1024.0 / 1024.0;

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
