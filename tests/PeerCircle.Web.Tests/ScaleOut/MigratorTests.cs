using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;
using PeerCircle.Data;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.ScaleOut;

/// <summary>
/// docker-compose's one-shot <c>migrate</c> service: the real app with Database:MigrateOnly applies every
/// migration and creates the roles, then exits 0 without serving; run again it changes nothing and exits 0.
/// </summary>
public sealed class MigratorTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("peercircle-migrator-");

    [Fact]
    public async Task The_one_shot_migrator_migrates_an_empty_database_creates_the_roles_and_exits()
    {
        var database = Path.Combine(_root.FullName, "peercircle.db");
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["ConnectionStrings__Sqlite"] = $"Data Source={database}",
            ["Database__MigrateOnly"] = "true",
            // As in docker-compose.yml: instances never migrate, the migrator always does.
            ["Database__MigrateOnStartup"] = "false",
            ["App__PublicBaseUrl"] = "https://peercircle.test",
            ["Serilog__WriteTo__1__Args__path"] = Path.Combine(_root.FullName, "logs", "migrator-.json"),
        };

        var first = await AppProcess.RunToEndAsync("migrator", settings);
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.DoesNotContain("Now listening on", first.Output, StringComparison.Ordinal);
        var migrations = typeof(SqliteDbContext).Assembly.GetTypes()
            .Where(t => t.Namespace == "PeerCircle.Data.Migrations.Sqlite" && t.GetCustomAttribute<MigrationAttribute>() is not null)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()!.Id).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(migrations);
        Assert.Equal(migrations, await ColumnAsync(database, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId"));
        Assert.Equal(4, (await ColumnAsync(database, "SELECT Name FROM AspNetRoles")).Count);

        var second = await AppProcess.RunToEndAsync("migrator", settings);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Equal(migrations, await ColumnAsync(database, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId"));
    }

    private static async Task<List<string>> ColumnAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }
}
