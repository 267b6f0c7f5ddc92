using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PeerCircle.Bench.Room;

/// <summary>
/// The real app as its own process (<c>dotnet PeerCircle.Web.dll</c>), in the Production environment
/// with its shipped configuration, except: a fresh SQLite file, no demo data, sign-in rate limit raised
/// (every bench client signs in from 127.0.0.1), and its log file and mail folder in the bench's temp folder.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly FileStream _console;

    private ServerProcess(Process process, FileStream console, Uri baseAddress, string consoleLogPath, string workDirectory)
    {
        _process = process;
        _console = console;
        BaseAddress = baseAddress;
        ConsoleLogPath = consoleLogPath;
        WorkDirectory = workDirectory;
    }

    public Uri BaseAddress { get; }

    /// <summary>The folder of the server's log files (<c>logs/</c>), mail and console log.</summary>
    public string WorkDirectory { get; }

    public string ConsoleLogPath { get; }

    public int Id => _process.Id;

    public static async Task<ServerProcess> StartAsync(string webDll, string workDirectory, string connectionString, IEnumerable<string> extraArgs, int? nice)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var (program, prefix) = Priority.Wrap("dotnet", nice);
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])
                 [
                     .. prefix,
                     webDll, "--urls", baseAddress.ToString().TrimEnd('/'),
                     $"--ConnectionStrings:Sqlite={connectionString}",
                     "--Database:Provider=Sqlite",
                     $"--App:PublicBaseUrl={baseAddress}",
                     "--Seed:DemoData=false",
                     "--Seed:Scale=0",
                     "--RateLimits:SignInPerMinute=1000000",
                     $"--Email:PickupDirectory={Path.Combine(workDirectory, "mail")}",
                     $"--Serilog:WriteTo:1:Args:path={Path.Combine(workDirectory, "logs", "peercircle-.json")}",
                 ])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in extraArgs)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        var consoleLogPath = Path.Combine(workDirectory, "server-console.log");
        // The server's console (one Serilog line per request) goes to the file as it comes, in whole chunks, rather than
        // line by line through events, each line decoded, written and flushed on its own, on the cores the bench measures
        // (issue 9). Unbuffered, so the file is complete whenever it is read.
        var console = new FileStream(consoleLogPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1);
        var server = new ServerProcess(process, console, baseAddress, consoleLogPath, workDirectory);
        _ = server.PumpAsync(process.StandardOutput.BaseStream);
        _ = server.PumpAsync(process.StandardError.BaseStream);

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}; see {consoleLogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"The server did not become ready in 60 s; see {consoleLogPath}.");
    }

    /// <summary>Resident set size (what the OS counts as the process's memory), in bytes.</summary>
    public long WorkingSet()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }

    /// <summary>CPU time used by the server so far (user + system).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Threads of the server process right now (a thread-pool starved by blocking shows here).</summary>
    public int Threads()
    {
        _process.Refresh();
        return _process.Threads.Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_console)
        {
            _console.Dispose();
        }
    }

    /// <summary>Copies one of the server's output streams to the console log until the server exits.</summary>
    private async Task PumpAsync(Stream source)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                lock (_console)
                {
                    _console.Write(buffer, 0, read);
                }
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or IOException)
        {
            // The server was stopped and the log closed.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
