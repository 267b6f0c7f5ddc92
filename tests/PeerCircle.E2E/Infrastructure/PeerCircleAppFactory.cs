using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace PeerCircle.E2E.Infrastructure;

/// <summary>
/// The real PeerCircle app on a real loopback port (Kestrel, not TestServer), so a real browser can
/// reach it. Everything it writes (database, mail, logs) goes to the data folder it is given.
/// </summary>
public sealed class PeerCircleAppFactory : WebApplicationFactory<Program>
{
    public const string EnvironmentName = "Testing";

    private readonly string _dataDirectory;

    public PeerCircleAppFactory(string dataDirectory)
    {
        _dataDirectory = dataDirectory;
        // Port 0: the OS picks a free port, so parallel runs on one machine never collide.
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string PickupDirectory => Path.Combine(_dataDirectory, "mail");

    public string LogDirectory => Path.Combine(_dataDirectory, "logs");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        // Only Development loads the static web assets manifest (which maps URLs to the project's
        // wwwroot) by itself; without it every stylesheet and script request fails with 500.
        builder.UseStaticWebAssets();
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(_dataDirectory, "e2e.db")}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Email:PickupDirectory", PickupDirectory);
        builder.UseSetting("Seed:DemoData", "false");
        // The whole suite signs up and signs in from one address; production limits would throttle it.
        builder.UseSetting("RateLimits:SignInPerMinute", "1000");
        builder.UseSetting("RateLimits:AccountEmailsPerMinute", "1000");

        // Not UseSetting: WebApplicationFactory passes those to the app as command-line arguments, parent
        // keys included ("Serilog:WriteTo:1" = ""), and Serilog reads that empty string as the name of a
        // sink and silently drops the file sink. Serilog reads its configuration when the host is built,
        // so app configuration added here is in time.
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(LogDirectory, "e2e-.json"),
        }));
    }
}
