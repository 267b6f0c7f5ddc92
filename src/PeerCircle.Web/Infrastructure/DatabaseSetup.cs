using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Web.Seeding;

namespace PeerCircle.Web.Infrastructure;

internal static class DatabaseSetup
{
    public static WebApplicationBuilder AddPeerCircleDatabase(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration.GetValue("Database:Provider", DatabaseProvider.Sqlite);
        var connectionString = builder.Configuration.GetConnectionString(provider.ToString())
            ?? throw new InvalidOperationException($"ConnectionStrings:{provider} is not configured.");
        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = DatabaseRegistration.ResolveSqliteConnectionString(connectionString, builder.Environment.ContentRootPath);
        }

        // EF Core's concurrent-use check: off in Production for its cost, on elsewhere (tests, development) (issue 9).
        var threadSafetyChecks = builder.Configuration.GetValue("Database:ThreadSafetyChecks", !builder.Environment.IsProduction());
        builder.Services.AddPeerCircleDbContext(provider, connectionString, threadSafetyChecks);
        builder.AddSqlCommandTallyForBenchmarks(provider);
        builder.Services.AddScoped<RoleSeeder>();
        builder.Services.AddScoped<DemoDataSeeder>();
        builder.Services.AddScoped<ScaleDataSeeder>();
        return builder;
    }

    /// <summary>
    /// Database:MigrateOnly: the process is a one-shot migrator (docker-compose's <c>migrate</c> service): it
    /// initializes the database as below, whatever Database:MigrateOnStartup says, and exits without serving,
    /// so several instances started afterwards never race to apply migrations.
    /// </summary>
    public static bool IsMigrateOnly(this WebApplication app) => app.Configuration.GetValue("Database:MigrateOnly", false);

    /// <summary>
    /// Applies migrations (when configured to) and seeds what every environment needs (the roles),
    /// plus demo people when Seed:DemoData is on (Development), and Seed:Scale groups of realistic volume.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var configuration = app.Configuration;
        if (!configuration.GetValue("Database:MigrateOnStartup", true) && !app.IsMigrateOnly())
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging: readers never block the writer, and a crash loses no committed write.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            // A new database's first connection was opened before WAL and kept synchronous = FULL; in WAL mode
            // the app flushes each commit itself, outside SQLite's write lock (SqliteGroupCommit), as every
            // connection opened from now on does; and it leaves the log's checkpoints to the app's checkpointer.
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL;");
            await db.Database.ExecuteSqlRawAsync(SqliteCheckpointer.WriterThresholdPragma);
            // Table statistics for the query planner (SQLite's recommended start-up call; bounded, it samples
            // at most a few thousand rows per index). Without them SQLite picks an index by its shape alone
            // and read a whole group's shares (room messages included) for one board thread (issue 9).
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;");
        }

        await scope.ServiceProvider.GetRequiredService<RoleSeeder>().SeedAsync();
        if (configuration.GetValue("Seed:DemoData", false))
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        if (configuration.GetValue("Seed:Scale", 0) is > 0 and var groups)
        {
            await scope.ServiceProvider.GetRequiredService<ScaleDataSeeder>()
                .SeedAsync(groups, configuration.GetValue("Seed:ScaleSessionsPerGroup", ScaleDataSeeder.DefaultSessionsPerGroup));
        }
    }
}
