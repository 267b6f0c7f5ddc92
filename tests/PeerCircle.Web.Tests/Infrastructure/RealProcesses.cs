using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// Real processes for scale-out and crash tests: the built PeerCircle.Web.dll run with <c>dotnet</c>,
/// Debian's redis-server and nginx. Each runs in the foreground (never daemonized) on a free loopback
/// port with its files in a temp folder, and is killed by the test that started it.
/// scripts/test.sh installs redis-server and nginx; a test that cannot find them fails (it never skips).
/// </summary>
public abstract class RealProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    protected RealProcess(string name) => Name = name;

    public string Name { get; }

    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>The process's console output so far (for failure messages).</summary>
    public string Output => string.Join('\n', _output.TakeLast(200));

    protected void Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException($"{Name} did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Waits for the process to end by itself; its exit code.</summary>
    protected async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} was not started.");
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what is not on disk is gone.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public virtual ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected static async Task WaitUntilAsync(Func<Task<bool>> ready, RealProcess process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited while starting:\n{process.Output}");
            }

            if (await ready())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{process.Name} was not ready after {timeout.TotalSeconds} s:\n{process.Output}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400 && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>An executable from PATH or the usual Debian folders; a clear failure when it is missing.</summary>
    public static string FindExecutable(string name, string debianPackage)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                $"'{name}' was not found. These tests need Debian's {debianPackage} package: scripts/test.sh installs it " +
                $"(or run: apt-get install -y {debianPackage}).{(Environment.GetEnvironmentVariable("CI") == "true" ? " CI=true: failing, not skipping." : string.Empty)}");
    }

    public static async Task<bool> PortAnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>redis-server on a free loopback port, nothing persisted, in the foreground.</summary>
public sealed class RedisProcess : RealProcess
{
    private RedisProcess(string directory) : base("redis-server") => Directory = directory;

    public int Port { get; private set; }

    public string Directory { get; }

    public string ConnectionString => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<RedisProcess> StartAsync(string directory)
    {
        var executable = FindExecutable("redis-server", "redis-server");
        var redis = new RedisProcess(directory) { Port = FreePort() };
        redis.Start(executable,
            ["--port", redis.Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--dir", directory, "--logfile", ""],
            directory);
        await WaitUntilAsync(() => PortAnswersAsync(redis.Port), redis, TimeSpan.FromSeconds(20));
        return redis;
    }
}

/// <summary>
/// nginx in the foreground (daemon off) with a config of the test's making: WebSockets passed through,
/// X-Forwarded-* set, and one listening port per route the test asks for.
/// </summary>
public sealed class NginxProcess : RealProcess
{
    private NginxProcess() : base("nginx")
    {
    }

    /// <summary>Route name to its loopback port (e.g. "both" for round robin over the instances).</summary>
    public IReadOnlyDictionary<string, int> Ports { get; private set; } = new Dictionary<string, int>();

    public Uri Address(string route) => new($"http://127.0.0.1:{Ports[route].ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Starts nginx with one listening port per route.</summary>
    /// <param name="directory">Its own folder: config, pid, logs and temp files.</param>
    /// <param name="routes">Route name to upstream servers ("127.0.0.1:5001"); a server ending in " backup" takes over when the others fail.</param>
    public static async Task<NginxProcess> StartAsync(string directory, IReadOnlyDictionary<string, string[]> routes)
    {
        var executable = FindExecutable("nginx", "nginx");
        var nginx = new NginxProcess { Ports = routes.Keys.ToDictionary(route => route, _ => FreePort()) };
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(directory, routes, nginx.Ports));
        nginx.Start(executable, ["-p", directory + "/", "-c", config, "-e", Path.Combine(directory, "error.log")], directory);
        foreach (var port in nginx.Ports.Values)
        {
            await WaitUntilAsync(() => PortAnswersAsync(port), nginx, TimeSpan.FromSeconds(20));
        }

        return nginx;
    }

    private static string Config(string directory, IReadOnlyDictionary<string, string[]> routes, IReadOnlyDictionary<string, int> ports)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        // As root the workers would switch to "nobody", who cannot use this temp folder.
        if (Environment.UserName == "root")
        {
            text.AppendLine("user root root;");
        }

        text.AppendLine(c, $"daemon off; worker_processes 1; pid {directory}/nginx.pid; error_log {directory}/error.log info;");
        text.AppendLine("events { worker_connections 512; }");
        text.AppendLine("http {");
        text.AppendLine(c, $"  access_log {directory}/access.log; client_body_temp_path {directory}/body; proxy_temp_path {directory}/proxy;");
        text.AppendLine(c, $"  fastcgi_temp_path {directory}/fastcgi; uwsgi_temp_path {directory}/uwsgi; scgi_temp_path {directory}/scgi;");
        text.AppendLine("  map $http_upgrade $connection_upgrade { default upgrade; '' close; }");
        foreach (var (route, servers) in routes)
        {
            text.AppendLine(c, $"  upstream {route} {{");
            foreach (var server in servers)
            {
                text.AppendLine(c, $"    server {server} max_fails=1 fail_timeout=30s;");
            }

            text.AppendLine("  }");
            text.AppendLine(c, $"  server {{ listen 127.0.0.1:{ports[route]}; location / {{");
            text.AppendLine(c, $"    proxy_pass http://{route}; proxy_http_version 1.1;");
            text.AppendLine("    proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $connection_upgrade;");
            text.AppendLine("    proxy_set_header Host $host; proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
            text.AppendLine("    proxy_set_header X-Forwarded-Proto $scheme; proxy_read_timeout 300s; proxy_connect_timeout 2s;");
            text.AppendLine("    proxy_next_upstream error timeout http_502; add_header X-Upstream $upstream_addr always;");
            text.AppendLine("  } }");
        }

        text.AppendLine("}");
        return text.ToString();
    }
}

/// <summary>
/// The built app (src/PeerCircle.Web/bin/&lt;configuration&gt;/net10.0/PeerCircle.Web.dll) run with <c>dotnet</c>
/// in Production on a loopback port. The database is migrated beforehand, once (Database:MigrateOnStartup=false).
/// </summary>
public sealed class AppProcess : RealProcess
{
    private readonly Dictionary<string, string?> _settings;

    private AppProcess(string name, int port, Dictionary<string, string?> settings) : base(name)
    {
        Port = port;
        _settings = settings;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public string Upstream => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Where the built app is: the test project builds it with the same configuration as itself.</summary>
    public static string AppDirectory { get; } = FindAppDirectory();

    /// <param name="name">For messages: "instance A".</param>
    /// <param name="settings">Configuration as environment variables (Section__Key).</param>
    public static async Task<AppProcess> StartAsync(string name, IReadOnlyDictionary<string, string?> settings)
    {
        var app = new AppProcess(name, FreePort(), new Dictionary<string, string?>(settings, StringComparer.Ordinal));
        await app.StartAgainAsync();
        return app;
    }

    /// <summary>Runs the app to its end (e.g. as the one-shot migrator); its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(string name, IReadOnlyDictionary<string, string?> settings)
    {
        await using var app = new AppProcess(name, FreePort(), new Dictionary<string, string?>(settings, StringComparer.Ordinal));
        var environment = new Dictionary<string, string?>(settings, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = app.Address.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        app.Start("dotnet", [Path.Combine(AppDirectory, "PeerCircle.Web.dll")], AppDirectory, environment);
        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return (exitCode, app.Output);
    }

    /// <summary>Starts the process (again, after <see cref="RealProcess.Kill"/>) on the same port and settings.</summary>
    public async Task StartAgainAsync()
    {
        var environment = new Dictionary<string, string?>(_settings, StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = Address.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Database__MigrateOnStartup"] = "false",
        };
        Start("dotnet", [Path.Combine(AppDirectory, "PeerCircle.Web.dll")], AppDirectory, environment);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync(async () =>
        {
            try
            {
                return (await http.GetAsync(new Uri(Address, "/health/ready"))).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, this, TimeSpan.FromSeconds(90));
    }

    private static string FindAppDirectory()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        // tests/PeerCircle.Web.Tests/bin/<Configuration>/<tfm>
        var tfm = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "PeerCircle.sln")))
        {
            root = root.Parent;
        }

        var directory = Path.Combine(root?.FullName ?? throw new InvalidOperationException("PeerCircle.sln not found"),
            "src", "PeerCircle.Web", "bin", configuration, tfm);
        return File.Exists(Path.Combine(directory, "PeerCircle.Web.dll"))
            ? directory
            : throw new InvalidOperationException($"The built app is not at {directory}: build the solution first.");
    }
}

/// <summary>
/// A cookie jar shared by clients of one "browser": like a browser, it keeps cookies per host (not per port),
/// and sends the Secure <c>__Host-</c> sign-in cookie over the test's plain-http loopback proxy (TLS would be
/// terminated in front of nginx in production).
/// </summary>
public sealed class BrowserCookies
{
    private static readonly Uri s_site = new("https://127.0.0.1/");
    private readonly CookieContainer _cookies = new();

    public string Header => _cookies.GetCookieHeader(s_site);

    /// <summary>A client for this browser against <paramref name="address"/> (redirects are not followed).</summary>
    public HttpClient ClientFor(Uri address) =>
        new(new Handler(_cookies) { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false } })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };

    private sealed class Handler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(s_site);
            request.Headers.Remove("Cookie");
            if (header.Length > 0)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    cookies.SetCookies(s_site, setCookie);
                }
            }

            return response;
        }
    }
}
