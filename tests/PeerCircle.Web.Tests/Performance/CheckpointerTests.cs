using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Domain.Notifications;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>
/// The app's SQLite log is copied into the database file by a thread of its own, not inside a commit that holds the
/// write turn (SqliteCheckpointer, issue 9).
/// </summary>
public sealed class CheckpointerTests
{
    [Fact]
    public async Task The_checkpointer_copies_the_log_into_the_database_file_after_enough_commits_and_not_before()
    {
        var path = Path.Combine(Path.GetTempPath(), "peercircle-checkpoint-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
            await using var writer = new SqliteConnection(connectionString);
            await writer.OpenAsync();
            // As the app's connections: WAL, and no commit checkpoints by itself here.
            await ExecuteAsync(writer, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE Notes (Text TEXT NOT NULL);");
            using var checkpointer = new SqliteCheckpointer(connectionString);

            for (var i = 1; i < SqliteCheckpointer.CommitsPerCheckpoint; i++)
            {
                await ExecuteAsync(writer, "INSERT INTO Notes VALUES ('note')");
                checkpointer.Committed();
            }

            await Task.Delay(300);
            Assert.Equal(0, checkpointer.Checkpoints);
            Assert.Equal(0, await CountInDatabaseFileAsync(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'Notes'"));

            await ExecuteAsync(writer, "INSERT INTO Notes VALUES ('note')");
            checkpointer.Committed();
            await WaitForAsync(() => checkpointer.Checkpoints == 1);
            Assert.Equal(SqliteCheckpointer.CommitsPerCheckpoint, await CountInDatabaseFileAsync(path, "SELECT COUNT(*) FROM Notes"));

            // Stopped with the app: no checkpoint after that.
            checkpointer.Dispose();
            await ExecuteAsync(writer, "INSERT INTO Notes VALUES ('note')");
            checkpointer.Wake();
            await Task.Delay(300);
            Assert.Equal(1, checkpointer.Checkpoints);
            Assert.Equal(SqliteCheckpointer.CommitsPerCheckpoint, await CountInDatabaseFileAsync(path, "SELECT COUNT(*) FROM Notes"));
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task The_app_leaves_its_checkpoints_to_the_checkpointer_and_counts_its_commits_for_it()
    {
        using var app = new PeerCircleAppFactory();
        var user = await app.CreateUserAsync();
        var checkpointer = app.Services.GetRequiredService<SqliteConnectionLender>().Checkpointer;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();

        // A commit checkpoints only once the log is far longer than SQLite's default of 1,000 pages.
        await db.Database.OpenConnectionAsync();
        await using (var command = db.Database.GetDbConnection().CreateCommand())
        {
            command.CommandText = "PRAGMA wal_autocheckpoint";
            Assert.Equal((long)SqliteCheckpointer.WriterThreshold, (long)(await command.ExecuteScalarAsync())!);
        }

        // The app's saves count as commits: enough of them, and the log is copied into the database file itself, where
        // a reader that ignores the log finds them.
        var before = checkpointer.Checkpoints;
        for (var i = 0; i < SqliteCheckpointer.CommitsPerCheckpoint; i++)
        {
            db.Notifications.Add(new Notification(user.Id, "Checkpointed", null, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        await WaitForAsync(() => checkpointer.Checkpoints > before);
        var inFile = await CountInDatabaseFileAsync(app.DatabaseFile, "SELECT COUNT(*) FROM Notifications WHERE Text = 'Checkpointed'");
        Assert.InRange(inFile, 1, SqliteCheckpointer.CommitsPerCheckpoint);

        // So do its writes outside a transaction.
        before = checkpointer.Checkpoints;
        for (var i = 0; i < SqliteCheckpointer.CommitsPerCheckpoint; i++)
        {
            await db.Notifications.Where(n => n.UserId == user.Id).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadUtc, DateTime.UtcNow.AddSeconds(i)));
        }

        await WaitForAsync(() => checkpointer.Checkpoints > before);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static Task WaitForAsync(Func<bool> condition) => Poll.UntilAsync(condition, TimeSpan.FromSeconds(10), "the checkpointer did not run");

    // Reads the database file as it is on the disk, without its write-ahead log (SQLite's immutable mode).
    private static async Task<long> CountInDatabaseFileAsync(string path, string sql)
    {
        var uri = new Uri(Path.GetFullPath(path)).AbsoluteUri + "?immutable=1";
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = uri, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
