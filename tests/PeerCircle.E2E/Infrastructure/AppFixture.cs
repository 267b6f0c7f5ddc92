using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.E2E.Infrastructure;

/// <summary>
/// One running PeerCircle (fresh database, mail and log folders in a unique temp folder) and one
/// headless Debian Chromium, shared by every test of the <see cref="BrowserSuite"/>. Each test opens
/// its own browser context, so cookies and storage never leak from one test to the next.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync, which disposes the factory.")]
public sealed class AppFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "PEERCIRCLE_CHROMIUM";
    public const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] s_chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly string _dataDirectory =
        Path.Combine(Path.GetTempPath(), $"peercircle-e2e-{Guid.NewGuid():N}");

    private PeerCircleAppFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public Mailbox Mailbox { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>The running app's services, for tests that arrange data straight through the domain.</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("The app is not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        _factory = new PeerCircleAppFactory(_dataDirectory);
        _factory.StartServer();
        BaseAddress = ReadServerAddress(_factory);
        Mailbox = new Mailbox(_factory.PickupDirectory);

        // Expectations wait for the page; ten seconds is plenty on a loopback port and fails fast.
        Assertions.SetDefaultExpectTimeout(10_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = FindChromium(),
            Headless = true,
            Args = s_chromiumArgs,
        });
    }

    /// <summary>A fresh, isolated browser context pointed at the app (relative URLs work).</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL = BaseAddress.ToString();
        // Bootstrap's colour transitions are off under reduced motion, so axe measures the colours people
        // end up seeing, not a button caught half-way through its hover transition after a click.
        options.ReducedMotion ??= ReducedMotion.Reduce;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(15_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        IReadOnlyList<string> leaks = [];
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            KeepLogs(_factory.LogDirectory);
            if (Directory.Exists(_factory.LogDirectory))
            {
                leaks = LogLeaks(Directory.EnumerateFiles(_factory.LogDirectory).SelectMany(File.ReadLines));
            }
        }

        // Pooled SQLite connections keep the database file open; release them before deleting it.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a stray temp folder behind; the run itself is fine.
        }
        catch (UnauthorizedAccessException)
        {
        }

        // The whole browser suite's log output, read back from the app's log files: no password, no email, no shared text.
        if (leaks.Count > 0)
        {
            throw new InvalidOperationException($"A canary reached the log ({leaks.Count} lines):\n" + string.Join("\n", leaks.Take(10)));
        }
    }

    /// <summary>
    /// Log lines that carry a canary: the test password, a test email address (@example.test) or a text a person
    /// shared in the browser tests (<see cref="SharedText"/>), each with the canary it carries.
    /// </summary>
    public static IReadOnlyList<string> LogLeaks(IEnumerable<string> lines) => LogLeakScan.Find(lines, Password, SharedText.Canaries);

    public const string Password = "a long e2e passphrase";

    /// <summary>
    /// A confirmed account made straight through Identity (the sign-up flow has its own test), with
    /// roles and, for facilitators, verified training valid for a year either side of today.
    /// </summary>
    public async Task<(string Email, string Pseudonym)> CreatePersonAsync(string pseudonymPrefix, params string[] roles)
    {
        var factory = _factory ?? throw new InvalidOperationException("The app is not started.");
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var email = $"{pseudonymPrefix.ToLowerInvariant()}-{suffix}@example.test";
        var now = DateTime.UtcNow;
        var user = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, Pseudonym = $"{pseudonymPrefix} {suffix}",
            CreatedUtc = now, AgeConfirmedUtc = now, AgeConfirmedMinimum = 18, Region = "GB",
        };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRolesAsync(user, roles.Append(Roles.Member).Distinct());
        if (roles.Contains(Roles.Facilitator))
        {
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            var today = DateOnly.FromDateTime(now);
            var training = new TrainingRecord(user.Id, "Peer support facilitation", "Mind", today.AddYears(-1), today.AddYears(1), now);
            training.Verify(Guid.NewGuid(), now);
            db.TrainingRecords.Add(training);
            await db.SaveChangesAsync();
        }

        return (email, user.Pseudonym);
    }

    private static Uri ReadServerAddress(PeerCircleAppFactory factory)
    {
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started without an address.");
        var uri = new Uri(address.EndsWith('/') ? address : address + "/");
        if (uri.Port == 0)
        {
            throw new InvalidOperationException($"Kestrel reported no real port: {address}.");
        }

        return uri;
    }

    private static string FindChromium()
    {
        var configured = Environment.GetEnvironmentVariable(ChromiumVariable);
        var path = string.IsNullOrWhiteSpace(configured) ? DefaultChromium : configured;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"Chromium was not found at {path}. Run 'bash scripts/test.sh' (it installs Debian's chromium) " +
                $"or set {ChromiumVariable} to a Chromium executable. 'playwright install' is not used by this project.");
    }

    /// <summary>The app's JSON logs go to artifacts/e2e-logs so a failed run can be read afterwards.</summary>
    private static void KeepLogs(string logDirectory)
    {
        if (!Directory.Exists(logDirectory))
        {
            return;
        }

        var target = Directory.CreateDirectory(RepositoryPaths.E2ELogs).FullName;
        foreach (var file in Directory.EnumerateFiles(logDirectory))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }
}
