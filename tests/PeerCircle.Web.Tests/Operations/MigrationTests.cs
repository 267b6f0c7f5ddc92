using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Operations;

/// <summary>
/// Both providers' migrations must match the model the app really builds (Identity's part of the model
/// depends on the app's AddIdentity options, so the context comes from the app's own service provider).
/// </summary>
public sealed class MigrationTests(PeerCircleAppFactory app) : IClassFixture<PeerCircleAppFactory>
{
    [Fact]
    public async Task The_sqlite_migrations_match_the_model_and_are_all_applied()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();

        Assert.IsType<SqliteDbContext>(db);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no Sqlite migration captures: add a migration.");
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public void The_sql_server_migrations_match_the_model_and_the_script_generates()
    {
        using var sqlServer = SqlServerApp();
        using var scope = sqlServer.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();

        Assert.IsType<SqlServerDbContext>(db);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no SqlServer migration captures: add a migration.");
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script, StringComparison.Ordinal);
        Assert.Contains("[NormalizedPseudonym] nvarchar(128) NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX [IX_AspNetUsers_NormalizedPseudonym]", script, StringComparison.Ordinal);
        Assert.Equal(
            app.Services.CreateScope().ServiceProvider.GetRequiredService<PeerCircleDbContext>().Database.GetMigrations().Select(Name),
            db.Database.GetMigrations().Select(Name));
    }

    [Fact]
    public void A_group_s_topics_joined_over_a_grouped_subquery_translate_to_STRING_AGG_on_sql_server()
    {
        // The group list joins each group's topics in SQL (Pages/Groups/Index, issue 9). No SQL Server runs
        // here, so this checks the same subquery's translation without a connection.
        using var sqlServer = SqlServerApp();
        using var scope = sqlServer.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();

        var sql = db.Groups.Select(g => db.Set<GroupTopic>().Where(x => x.GroupId == g.Id).GroupBy(x => x.GroupId)
            .Select(x => string.Join(",", x.Select(t => t.Topic.ToString()))).FirstOrDefault()).ToQueryString();

        Assert.Contains("STRING_AGG(", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("LEFT JOIN", sql, StringComparison.Ordinal);
    }

    /// <summary>The app on the SQL Server provider, never connecting: enough for its model, migrations and SQL.</summary>
    private static PeerCircleAppFactory SqlServerApp() => new PeerCircleAppFactory()
        .With("Database:Provider", "SqlServer")
        .With("ConnectionStrings:SqlServer", "Server=127.0.0.1,1;Database=PeerCircleModelCheck;User Id=sa;Password=unused;TrustServerCertificate=True")
        .With("Database:MigrateOnStartup", "false");

    private static string Name(string migrationId) => migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..];
}
