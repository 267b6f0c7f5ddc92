using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Web.Rooms;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.ScaleOut;

/// <summary>
/// Two real app processes (A and B) over one SQLite file and one local Redis, with nginx in front.
/// The in-process <see cref="PeerCircleAppFactory"/> plays the one-shot migrator (it migrates the shared
/// database before either instance starts; both start with Database:MigrateOnStartup=false) and arranges
/// test data straight in the shared database. Mail from both instances goes to its pickup folder.
/// nginx routes: "a" and "b" reach one instance each, "both" is round robin, "failover" is B with A as backup.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    public PeerCircleAppFactory App { get; } = new();

    public RedisProcess Redis { get; private set; } = null!;

    public AppProcess A { get; private set; } = null!;

    public AppProcess B { get; private set; } = null!;

    public NginxProcess Nginx { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Migrates, sets WAL and creates the roles, once; then makes the first Data Protection key so the
        // instances do not race to create one.
        App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("warm-up").Protect("key");

        Redis = await RedisProcess.StartAsync(Directory.CreateDirectory(Path.Combine(App.Root, "redis")).FullName);
        var starting = new[]
        {
            AppProcess.StartAsync("instance A", Settings(App, "a", Redis.ConnectionString)),
            AppProcess.StartAsync("instance B", Settings(App, "b", Redis.ConnectionString)),
        };
        var started = await Task.WhenAll(starting);
        (A, B) = (started[0], started[1]);
        Nginx = await NginxProcess.StartAsync(Directory.CreateDirectory(Path.Combine(App.Root, "nginx")).FullName, new Dictionary<string, string[]>
        {
            ["a"] = [A.Upstream],
            ["b"] = [B.Upstream],
            ["both"] = [A.Upstream, B.Upstream],
            ["failover"] = [B.Upstream, A.Upstream + " backup"],
        });
    }

    /// <summary>The settings of a real instance over the factory's database and mail folder; its own log file in the factory's log folder.</summary>
    public static Dictionary<string, string?> Settings(PeerCircleAppFactory app, string instance, string? redis)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new(StringComparer.Ordinal)
        {
            ["ConnectionStrings__Sqlite"] = $"Data Source={app.DatabaseFile}",
            ["ConnectionStrings__Redis"] = redis,
            ["Email__PickupDirectory"] = app.MailDirectory,
            ["Serilog__WriteTo__1__Args__path"] = Path.Combine(app.LogDirectory, $"instance-{instance}-.json"),
            ["App__PublicBaseUrl"] = "https://peercircle.test",
            ["Seed__DemoData"] = "false",
            ["Jobs__Reminders__IntervalSeconds"] = "1",
            ["Jobs__Purge__IntervalSeconds"] = "1",
            ["RateLimits__SignInPerMinute"] = "1000",
            ["RateLimits__AccountEmailsPerMinute"] = "1000",
            ["RateLimits__PostsPerMinute"] = "100000",
        };
    }

    /// <summary>A hub connection for the browser with these cookies, through nginx's <paramref name="route"/>.</summary>
    public HubConnection Hub(BrowserCookies browser, string route, bool reconnect = false)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(Nginx.Address(route), RoomHub.Path), options =>
            {
                // Like the room's script: negotiate, then a WebSocket (nginx passes the upgrade on).
                options.Transports = HttpTransportType.WebSockets;
                options.Headers["Cookie"] = browser.Header;
            });
        if (reconnect)
        {
            builder.WithAutomaticReconnect([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)]);
        }

        return builder.Build();
    }

    /// <summary>Signs the person in through <paramref name="route"/> with a new browser.</summary>
    public async Task<BrowserCookies> SignInAsync(TestUser user, string route)
    {
        ArgumentNullException.ThrowIfNull(user);
        var browser = new BrowserCookies();
        using var client = browser.ClientFor(Nginx.Address(route));
        var response = await client.SignInAsync(user.Email, user.Password);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect,
            $"Sign-in through {route} answered {(int)response.StatusCode}");
        return browser;
    }

    public static string UpstreamOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.TryGetValues("X-Upstream", out var values) ? string.Join(",", values) : string.Empty;
    }

    public async Task DisposeAsync()
    {
        foreach (var process in new RealProcess?[] { Nginx, A, B, Redis })
        {
            if (process is not null)
            {
                await process.DisposeAsync();
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        App.Dispose();
    }
}
