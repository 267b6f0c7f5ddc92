using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Data;
using PeerCircle.Domain.Notifications;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Sessions;
using PeerCircle.Web.Tests.Infrastructure;

namespace PeerCircle.Web.Tests.Performance;

/// <summary>
/// The app's writers take turns at its SQLite database (SqliteWriteTurn): a second writer waits for the turn,
/// without a thread, instead of meeting SQLite's lock and sleeping in its busy handler; the turn comes back
/// however a transaction ends; a seat change reads the seats within its turn, so it never races (issue 9).
/// </summary>
public sealed class WriteTurnTests
{
    [Fact]
    public async Task A_save_of_one_row_waits_for_the_turn_while_another_context_holds_it_and_goes_on_when_that_commits()
    {
        using var app = new PeerCircleAppFactory();
        var user = await app.CreateUserAsync();
        var turn = app.Services.GetRequiredService<SqliteConnectionLender>().WriteTurn;

        await using var holder = app.Services.CreateAsyncScope();
        var holding = holder.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var transaction = await holding.Database.BeginTransactionAsync();
        await holding.Notifications.AnyAsync();
        Assert.True(turn.Taken);

        await using var writer = app.Services.CreateAsyncScope();
        var db = writer.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        db.Notifications.Add(new Notification(user.Id, "One row", null, DateTime.UtcNow));
        var save = db.SaveChangesAsync();
        // It waits for the app's turn (not in SQLite's busy handler, where nothing would count it).
        await WaitUntilAsync(() => turn.Waiting == 1);
        Assert.False(save.IsCompleted);

        await transaction.CommitAsync();
        Assert.Equal(1, await save.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, turn.Waiting);
        Assert.False(turn.Taken);
    }

    [Fact]
    public async Task The_turn_comes_back_however_a_transaction_ends()
    {
        using var app = new PeerCircleAppFactory();
        var user = await app.CreateUserAsync();
        var turn = app.Services.GetRequiredService<SqliteConnectionLender>().WriteTurn;

        await InScopeAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Notifications.AnyAsync();
            Assert.True(turn.Taken);
            await transaction.CommitAsync();
            Assert.False(turn.Taken);

            await using var rolledBack = await db.Database.BeginTransactionAsync();
            await db.Notifications.AnyAsync();
            Assert.True(turn.Taken);
            await rolledBack.RollbackAsync();
            Assert.False(turn.Taken);

            var disposed = await db.Database.BeginTransactionAsync();
            await db.Notifications.AnyAsync();
            Assert.True(turn.Taken);
            await disposed.DisposeAsync();
            Assert.False(turn.Taken);

            // And the synchronous way.
            using (db.Database.BeginTransaction())
            {
                _ = db.Notifications.Any();
                Assert.True(turn.Taken);
            }

            Assert.False(turn.Taken);

            // A write outside a transaction has the turn only while it runs.
            await db.Notifications.Where(n => n.UserId == user.Id).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadUtc, DateTime.UtcNow));
            Assert.False(turn.Taken);
            db.Notifications.Where(n => n.UserId == user.Id).ExecuteUpdate(u => u.SetProperty(n => n.ReadUtc, DateTime.UtcNow));
            Assert.False(turn.Taken);
        });

        // Left open when the request ends: the context's reset ends it.
        await InScopeAsync(async db =>
        {
            await db.Database.BeginTransactionAsync();
            await db.Notifications.AnyAsync();
            Assert.True(turn.Taken);
        });
        Assert.False(turn.Taken);

        // A save that fails (the same notification twice) gives it back too, and the next save goes through.
        var id = Guid.Empty;
        await InScopeAsync(async db =>
        {
            var notification = new Notification(user.Id, "Once", null, DateTime.UtcNow);
            db.Notifications.Add(notification);
            await db.SaveChangesAsync();
            id = notification.Id;
        });
        await InScopeAsync(async db =>
        {
            var again = new Notification(user.Id, "Twice", null, DateTime.UtcNow);
            db.Entry(again).Property(n => n.Id).CurrentValue = id;
            db.Notifications.Add(again);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        });
        Assert.False(turn.Taken);
        await InScopeAsync(async db =>
        {
            db.Notifications.Add(new Notification(user.Id, "After", null, DateTime.UtcNow));
            Assert.Equal(1, await db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        });

        async Task InScopeAsync(Func<PeerCircleDbContext, Task> action)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await action(scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>());
        }
    }

    [Fact]
    public async Task Every_save_runs_in_a_transaction_also_on_a_pooled_context_used_again()
    {
        using var app = new PeerCircleAppFactory();
        for (var i = 0; i < 3; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            Assert.Equal(AutoTransactionBehavior.Always, db.Database.AutoTransactionBehavior);
            db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        }
    }

    [Fact]
    public async Task A_transaction_takes_the_turn_at_its_first_command_not_when_it_begins_and_a_read_outside_one_never_waits()
    {
        using var app = new PeerCircleAppFactory();
        var user = await app.CreateUserAsync();
        var turn = app.Services.GetRequiredService<SqliteConnectionLender>().WriteTurn;

        await using var holder = app.Services.CreateAsyncScope();
        var holding = holder.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var transaction = await holding.Database.BeginTransactionAsync();
        Assert.False(turn.Taken);

        // Begun, it holds nothing yet: another writer saves and commits meanwhile.
        await using (var writer = app.Services.CreateAsyncScope())
        {
            var db = writer.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            db.Notifications.Add(new Notification(user.Id, "Meanwhile", null, DateTime.UtcNow));
            Assert.Equal(1, await db.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        }

        // Its first command waits for the turn; it then reads what was committed before it, and keeps the turn.
        Assert.Equal(1, await holding.Notifications.CountAsync(n => n.UserId == user.Id));
        Assert.True(turn.Taken);

        // Reading outside a transaction does not wait for it (SQLite's log lets readers read while one writes).
        await using (var reader = app.Services.CreateAsyncScope())
        {
            var db = reader.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == user.Id).WaitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.Equal(0, turn.Waiting);
        await transaction.CommitAsync();
        Assert.False(turn.Taken);
    }

    [Fact]
    public async Task A_write_outside_a_transaction_waits_for_the_turn_so_a_transaction_that_read_first_can_still_write()
    {
        using var app = new PeerCircleAppFactory();
        var user = await app.CreateUserAsync();
        var turn = app.Services.GetRequiredService<SqliteConnectionLender>().WriteTurn;
        await using (var seed = app.Services.CreateAsyncScope())
        {
            var db = seed.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
            db.Notifications.Add(new Notification(user.Id, "Unread", null, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        // A transaction reads first (SQLite takes its snapshot then), as a seat change does.
        await using var holder = app.Services.CreateAsyncScope();
        var holding = holder.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var transaction = await holding.Database.BeginTransactionAsync();
        var notification = await holding.Notifications.SingleAsync(n => n.UserId == user.Id);

        // A write outside any transaction (marking notifications read) waits for the turn.
        await using var other = app.Services.CreateAsyncScope();
        var markRead = other.ServiceProvider.GetRequiredService<PeerCircleDbContext>().Notifications
            .Where(n => n.UserId == user.Id).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadUtc, DateTime.UtcNow));
        await WaitUntilAsync(() => turn.Waiting == 1);
        Assert.False(markRead.IsCompleted);

        // Had it written meanwhile, SQLite would refuse this write: the transaction's snapshot would be out of date.
        holding.Notifications.Remove(notification);
        await holding.SaveChangesAsync();
        await transaction.CommitAsync();

        Assert.Equal(0, await markRead.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(turn.Taken);
        Assert.Equal(0, turn.Waiting);
    }

    [Fact]
    public async Task A_turn_not_free_in_time_fails_as_SQLite_does_when_its_database_is_locked()
    {
        var turn = new SqliteWriteTurn(TimeSpan.FromMilliseconds(50));
        await turn.TakeAsync(CancellationToken.None);
        var busy = await Assert.ThrowsAsync<SqliteException>(() => turn.TakeAsync(CancellationToken.None));
        Assert.Equal(5, busy.SqliteErrorCode);
        Assert.Throws<SqliteException>(turn.Take);
        Assert.Equal(0, turn.Waiting);
        turn.GiveBack();
        await turn.TakeAsync(CancellationToken.None);
        Assert.True(turn.Taken);
    }

    [Fact]
    public async Task The_turn_goes_to_writers_in_the_order_they_came_and_straight_to_the_next_on_the_thread_that_gives_it_back()
    {
        var turn = new SqliteWriteTurn(TimeSpan.FromSeconds(10));
        await turn.TakeAsync(CancellationToken.None);
        var order = new List<int>();
        var writersCount = SqliteWriteTurn.MaxHandOnDepth + 2;
        var inline = new bool[writersCount];
        var giver = 0;
        var giving = false;

        // Each writer, once it has the turn, notes itself and whether it runs inside the GiveBack below, on its thread,
        // and gives the turn back.
        async Task WriterAsync(int number)
        {
            await turn.TakeAsync(CancellationToken.None);
            lock (order)
            {
                order.Add(number);
            }

            inline[number] = Volatile.Read(ref giving) && Environment.CurrentManagedThreadId == giver;
            turn.GiveBack();
        }

        // Started on the thread pool, as requests are (no synchronization context to post their continuations to),
        // one after another in the queue.
        var writers = new List<Task>();
        for (var i = 0; i < writersCount; i++)
        {
            var number = i;
            writers.Add(Task.Run(() => WriterAsync(number)));
            await WaitUntilAsync(() => turn.Waiting == number + 1);
        }

        giver = Environment.CurrentManagedThreadId;
        Volatile.Write(ref giving, true);
        turn.GiveBack();
        Volatile.Write(ref giving, false);

        // The first MaxHandOnDepth writers ran on this thread, one inside the other, before GiveBack returned; the next
        // went to the thread pool (a queue of writers never builds one deep stack), and the rest follow, in order.
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(0, writersCount), order);
        Assert.Equal(Enumerable.Range(0, writersCount).Select(n => n < SqliteWriteTurn.MaxHandOnDepth), inline);
        Assert.False(turn.Taken);
        Assert.Equal(0, turn.Waiting);
    }

    [Fact]
    public async Task A_writer_that_stops_waiting_leaves_the_queue_and_the_turn_goes_to_the_next()
    {
        var turn = new SqliteWriteTurn(TimeSpan.FromSeconds(10));
        await turn.TakeAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var stopped = turn.TakeAsync(stop.Token);
        var next = turn.TakeAsync(CancellationToken.None);
        Assert.Equal(2, turn.Waiting);

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
        Assert.Equal(1, turn.Waiting);
        Assert.False(next.IsCompleted);
        turn.GiveBack();
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(turn.Taken);
        Assert.Equal(0, turn.Waiting);
        turn.GiveBack();
        Assert.False(turn.Taken);
    }

    [Fact]
    public async Task A_booking_reads_the_seats_within_its_turn_so_a_change_made_while_it_waited_does_not_make_it_try_again()
    {
        using var app = new SessionUpdatesAppFactory();
        var group = await app.CreateGroupAsync(capacity: 5);
        var session = await app.CreateSessionAsync(group.Id, capacity: 5);
        var booker = await app.CreateUserAsync();
        var other = await app.CreateUserAsync();
        await app.AddMemberAsync(group.Id, booker.Id, other.Id);
        var turn = app.Services.GetRequiredService<SqliteConnectionLender>().WriteTurn;

        await using var holder = app.Services.CreateAsyncScope();
        var holding = holder.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var transaction = await holding.Database.BeginTransactionAsync();
        await holding.Sessions.AnyAsync();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var booking = scope.ServiceProvider.GetRequiredService<BookingService>().ReserveAsync(session.Id, booker.Id);
        await WaitUntilAsync(() => turn.Waiting == 1);

        // Someone else takes a seat while the booking waits for its turn.
        var seats = await holding.Sessions.Include(s => s.Bookings).SingleAsync(s => s.Id == session.Id);
        var theirGroup = await holding.Groups.SingleAsync(g => g.Id == group.Id);
        var membership = await holding.Memberships.SingleAsync(m => m.GroupId == group.Id && m.UserId == other.Id);
        seats.Reserve(theirGroup, membership, DateTime.UtcNow);
        await holding.SaveChangesAsync();
        await transaction.CommitAsync();

        Assert.Equal(BookingStatus.Going, await booking.WaitAsync(TimeSpan.FromSeconds(10)));
        // One UPDATE of the session: it read the seats after the change. Read before it, its stamp was stale
        // and it saved twice.
        Assert.Equal(1, app.Interceptor.SessionUpdatesBy(db));
        // Nor a savepoint within its turn: a failed save ends the attempt's transaction.
        Assert.Equal(0, app.Interceptor.SavepointsBy(db));
        Assert.Equal(2, (await app.SessionAsync(session.Id)).SeatsTaken);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => Poll.UntilAsync(condition, TimeSpan.FromSeconds(5));

    /// <summary>
    /// Counts, per context, the UPDATEs of a session's row (one per attempt at a seat change) and the savepoints
    /// EF Core makes around a save within a transaction.
    /// </summary>
    public sealed class SessionUpdates : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private readonly ConcurrentDictionary<DbContext, int> _updates = new(ReferenceEqualityComparer.Instance);
        private readonly ConcurrentDictionary<DbContext, int> _savepoints = new(ReferenceEqualityComparer.Instance);

        public int SessionUpdatesBy(DbContext context) => _updates.GetValueOrDefault(context);

        public int SavepointsBy(DbContext context) => _savepoints.GetValueOrDefault(context);

        public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context is { } context)
            {
                _savepoints.AddOrUpdate(context, 1, (_, n) => n + 1);
            }

            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count(command, eventData);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count(command, eventData);
            return ValueTask.FromResult(result);
        }

        private void Count(DbCommand command, CommandEventData eventData)
        {
            if (eventData.Context is { } context && command.CommandText.Contains("UPDATE \"Sessions\"", StringComparison.Ordinal))
            {
                _updates.AddOrUpdate(context, 1, (_, n) => n + 1);
            }
        }
    }

    public sealed class SessionUpdatesAppFactory() : InterceptedAppFactory<SessionUpdates>(new SessionUpdates())
    {
        public new SessionUpdates Interceptor => base.Interceptor;
    }
}
