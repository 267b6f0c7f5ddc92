using Microsoft.EntityFrameworkCore;
using PeerCircle.Bench.Fortunes;
using Serilog;
using Serilog.AspNetCore;

// The stack's own limit for the page benchmark (bench/PeerCircle.Bench.Pages): the TechEmpower "Fortunes"
// test as it defines it (one query of the 12 fortunes, one more added at request time, sorted by message,
// an escaped HTML table) as a Razor Page over EF Core on SQLite, and "plaintext" as the machine's limit.
// Configuration keys are the app's own (ConnectionStrings:Sqlite, the Serilog section), so the bench
// starts both the same way.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(builder.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext(), preserveStaticLogger: true);
// The request log line goes to this host's logger, as in the app (LoggingSetup): without this, Serilog's request
// logging writes to the static Log.Logger, which preserveStaticLogger leaves silent, and the baseline logged no
// request at all while the app logs one line per request to the console and the file (issue 9; until 7 December).
builder.Services.AddOptions<RequestLoggingOptions>().Configure<Serilog.ILogger>((options, logger) => options.Logger = logger);
var connectionString = builder.Configuration.GetConnectionString("Sqlite") ?? "Data Source=fortunes.db";
builder.Services.AddDbContext<FortunesDb>(options => options.UseSqlite(connectionString));
builder.Services.AddRazorPages();

var app = builder.Build();
app.UseSerilogRequestLogging();
app.MapRazorPages();
app.MapGet("/plaintext", () => Results.Text("Hello, World!", "text/plain"));
app.MapGet("/health/ready", () => Results.Text("Healthy", "text/plain"));

await using (var scope = app.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<FortunesDb>().SeedAsync();
}

await app.RunAsync();
