using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>
/// The real app over a real SQLite file of its own (never EF InMemory), with its mail pickup folder
/// and log file in a fresh temporary folder so tests can read what was written.
/// </summary>
public class PeerCircleAppFactory : WebApplicationFactory<Program>
{
    public const string Password = "correct horse battery";

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private int _userCounter;

    public PeerCircleAppFactory()
    {
        Root = Directory.CreateTempSubdirectory("peercircle-test-").FullName;
        _settings["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(Root, "peercircle.db")}";
        _settings["Email:PickupDirectory"] = MailDirectory;
        _settings["Seed:DemoData"] = "false";
        // Tests run the reminder sender themselves, at the moment they choose.
        _settings["Jobs:Reminders:Enabled"] = "false";
        _settings["Jobs:Purge:Enabled"] = "false";
        _settings["Jobs:AccountHousekeeping:Enabled"] = "false";
        _settings["RateLimits:SignInPerMinute"] = "1000";
        _settings["RateLimits:AccountEmailsPerMinute"] = "1000";
        _settings["RateLimits:PostsPerMinute"] = "1000";
        _settings["RateLimits:ReportsPerMinute"] = "1000";
    }

    public string Root { get; }

    /// <summary>Every log event this app wrote; checked for canaries when the factory is disposed.</summary>
    public LogCanary Log { get; } = new();

    public string MailDirectory => Path.Combine(Root, "mail");

    public string LogDirectory => Path.Combine(Root, "logs");

    public string DatabaseFile => Path.Combine(Root, "peercircle.db");

    /// <summary>Overrides a configuration value; call before the first client is created.</summary>
    public PeerCircleAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Not through UseSetting: command-line style keys give the WriteTo array empty parent values,
        // which Serilog reads as a sink with no name.
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:1:Args:path"] = Path.Combine(LogDirectory, "peercircle-.json"),
        }));

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<SqlCommandCounter>();
            // Serilog's ReadFrom.Services adds this sink to the app's logger: it sees every event.
            services.AddSingleton<Serilog.Core.ILogEventSink>(Log);
            services.ConfigureDbContext<SqliteDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<SqlCommandCounter>()));
        });
    }

    /// <summary>
    /// GETs a page twice and returns the run with fewer SQL commands: the page's own commands. Whichever
    /// request happens to refresh a per-instance cache (service settings every 30 s, risk phrases every
    /// 60 s) or the sign-in cookie's periodic security-stamp check runs one more command, and on a loaded
    /// machine that can fall on either side of a comparison.
    /// </summary>
    public async Task<(HttpResponseMessage Response, IReadOnlyList<string> Commands)> GetCountingSqlAsync(HttpClient client, string url)
    {
        var (firstResponse, first) = await GetCountingSqlOnceAsync(client, url);
        var (secondResponse, second) = await GetCountingSqlOnceAsync(client, url);
        if (second.Count <= first.Count)
        {
            firstResponse.Dispose();
            return (secondResponse, second);
        }

        secondResponse.Dispose();
        return (firstResponse, first);
    }

    private async Task<(HttpResponseMessage Response, IReadOnlyList<string> Commands)> GetCountingSqlOnceAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        return await SendCountingSqlAsync(client, request);
    }

    /// <summary>Posts a form once (its fields, the antiforgery token among them) and returns the SQL commands the post ran.</summary>
    public async Task<(HttpResponseMessage Response, IReadOnlyList<string> Commands)> PostCountingSqlAsync(
        HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = content };
        return await SendCountingSqlAsync(client, request);
    }

    private async Task<(HttpResponseMessage Response, IReadOnlyList<string> Commands)> SendCountingSqlAsync(HttpClient client, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(client);
        var requestId = Guid.NewGuid().ToString("N");
        request.Headers.Add(SqlCommandCounter.Header, requestId);
        var response = await client.SendAsync(request);
        return (response, Services.GetRequiredService<SqlCommandCounter>().CommandsFor(requestId));
    }

    /// <summary>
    /// A client that keeps cookies like a browser. Its address is https (the TestServer does not care) because
    /// the sign-in cookie is Secure outside Development and a cookie container sends it back only over https.
    /// </summary>
    public HttpClient CreateBrowserClient() =>
        CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost"),
        });

    /// <summary>Creates a confirmed account with the given roles (Member is always included).</summary>
    public async Task<TestUser> CreateUserAsync(params string[] roles)
    {
        var n = Interlocked.Increment(ref _userCounter);
        var email = $"person{n}-{Guid.NewGuid():N}@example.test";
        var pseudonym = $"Person {n} {Guid.NewGuid().ToString("N")[..6]}";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            Pseudonym = pseudonym,
            CreatedUtc = DateTime.UtcNow,
            AgeConfirmedUtc = DateTime.UtcNow,
            AgeConfirmedMinimum = AgeRequirement.Default,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRolesAsync(user, roles.Append(Roles.Member).Distinct());
        return new TestUser(user.Id, email, user.Pseudonym, Password);
    }

    /// <summary>A client already signed in, through the real sign-in page, as a new person with these roles.</summary>
    public async Task<(HttpClient Client, TestUser User)> SignedInClientAsync(params string[] roles)
    {
        var user = await CreateUserAsync(roles);
        var client = CreateBrowserClient();
        var response = await client.SignInAsync(user.Email, user.Password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return (client, user);
    }

    public IReadOnlyList<string> ReadMail() =>
        Directory.Exists(MailDirectory)
            ? Directory.GetFiles(MailDirectory, "*.eml").Order(StringComparer.Ordinal).Select(ReadWrittenFile).ToList()
            : [];

    /// <summary>
    /// Reads a mail file once its writer is done: an app in another process (the scale-out tests) holds the
    /// file locked while it writes it, and the read is refused until then.
    /// </summary>
    private static string ReadWrittenFile(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (IOException) when (attempt < 100)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>
    /// The log once it shows <paramref name="marker"/>: request logging finishes just after the client
    /// has its response, so a test reading the log straight away could miss the last lines.
    /// </summary>
    public async Task<string> ReadLogsWhenAsync(string marker)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var logs = ReadLogs();
            if (logs.Contains(marker, StringComparison.Ordinal))
            {
                return logs;
            }

            await Task.Delay(100);
        }

        return ReadLogs();
    }

    public string ReadLogs()
    {
        if (!Directory.Exists(LogDirectory))
        {
            return string.Empty;
        }

        // The file sink keeps the file open: read it shared.
        return string.Concat(Directory.GetFiles(LogDirectory).Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a finishing request: the OS cleans the temp folder.
            }

            // Fails the test class whose run logged a password, an email address or shared text.
            var leaks = Log.Violations();
            if (leaks.Count > 0)
            {
                throw new InvalidOperationException($"A canary reached the log ({leaks.Count} events):\n" + string.Join("\n", leaks.Take(10)));
            }
        }
    }
}

public sealed record TestUser(Guid Id, string Email, string Pseudonym, string Password);
