using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Domain.Notifications;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>
/// A commit is answered only once its write-ahead log has been flushed since it was written, and commits that
/// come while a flush runs share the next one (SqliteGroupCommit, issue 9).
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task A_commit_waits_for_a_flush_that_began_after_it_and_commits_that_come_meanwhile_share_the_next()
    {
        using var flushes = new FlushGate();
        var log = new SqliteGroupCommit(flushes.Flush);

        // The first commit's caller runs the flush on its own thread.
        var first = Task.Run(() => log.WaitDurableAsync(log.Commit()));
        await flushes.WaitStartedAsync(1);
        // Written while the first flush runs: that flush may have missed them.
        var meanwhile = Enumerable.Range(0, 3).Select(_ => log.WaitDurableAsync(log.Commit())).ToList();
        flushes.Finish();
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, log.Durable);
        Assert.All(meanwhile, w => Assert.False(w.IsCompleted));

        await flushes.WaitStartedAsync(2);
        Assert.All(meanwhile, w => Assert.False(w.IsCompleted));
        flushes.Finish();
        await Task.WhenAll(meanwhile).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4, log.Durable);
        Assert.Equal(2, log.Flushes);

        // Already durable: answered at once, with no flush.
        await log.WaitDurableAsync(3).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, log.Flushes);
    }

    [Fact]
    public async Task A_flush_that_fails_fails_its_commits_and_the_next_commit_flushes_again()
    {
        var fail = true;
        var log = new SqliteGroupCommit(() =>
        {
            if (fail)
            {
                throw new IOException("disk gone");
            }
        });

        await Assert.ThrowsAsync<IOException>(() => log.WaitDurableAsync(log.Commit()));
        Assert.Equal(0, log.Durable);
        fail = false;
        await log.WaitDurableAsync(log.Commit()).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, log.Durable);

        var ticket = log.Commit();
        log.WaitDurable(ticket);
        Assert.Equal(ticket, log.Durable);
    }

    [Fact]
    public async Task The_app_answers_a_save_and_a_write_outside_a_transaction_only_once_the_log_is_flushed()
    {
        using var app = new PeerCircleAppFactory();
        var user = await app.CreateUserAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var path = ((SqliteConnection)db.Database.GetDbConnection()).DataSource;
        Assert.Equal(Path.GetFullPath(app.DatabaseFile), path);
        var log = SqliteGroupCommit.For(path);

        // In WAL mode SQLite leaves the flush to the app.
        Assert.Equal("wal", await Scalar<string>(db, "PRAGMA journal_mode"));
        Assert.Equal(1L, await Scalar<long>(db, "PRAGMA synchronous"));

        var before = log.Committed;
        db.Notifications.Add(new Notification(user.Id, "Saved", null, DateTime.UtcNow));
        await db.SaveChangesAsync();
        Assert.True(log.Committed > before);
        Assert.True(log.Durable > before, $"saved and answered, but only commits up to {log.Durable} were flushed ({before} before the save)");

        before = log.Committed;
        await db.Notifications.Where(n => n.UserId == user.Id).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadUtc, DateTime.UtcNow));
        Assert.True(log.Committed > before);
        Assert.True(log.Durable > before, $"updated and answered, but only commits up to {log.Durable} were flushed ({before} before the update)");

        before = log.Committed;
        db.Notifications.Add(new Notification(user.Id, "Saved in sync", null, DateTime.UtcNow));
        db.SaveChanges();
        Assert.True(log.Durable > before);
    }

    private static async Task<T> Scalar<T>(PeerCircleDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A flush that runs until the test lets it finish.</summary>
    private sealed class FlushGate : IDisposable
    {
        private readonly SemaphoreSlim _finish = new(0);
        private int _started;

        public void Flush()
        {
            Interlocked.Increment(ref _started);
            _finish.Wait(TimeSpan.FromSeconds(10));
        }

        public void Finish() => _finish.Release();

        public void Dispose() => _finish.Dispose();

        public async Task WaitStartedAsync(int count)
        {
            for (var i = 0; i < 400 && Volatile.Read(ref _started) < count; i++)
            {
                await Task.Delay(25);
            }

            Assert.Equal(count, Volatile.Read(ref _started));
        }
    }
}
