using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PeerCircle.Data;
using PeerCircle.Domain;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Notifications;

namespace PeerCircle.Web.Sessions;

/// <summary>
/// Books and cancels seats. The rule (never more going than seats; a freed seat goes to the first
/// on the waitlist) lives in <see cref="Session"/>; this service makes it hold under concurrency.
/// Every seat change renews the session's concurrency stamp, so when many people take the last
/// seats at once only one save per stamp succeeds; the others reload the fresh count and try again
/// (and are waitlisted when it is full). The same holds on SQLite and SQL Server: the check is the
/// UPDATE ... WHERE ConcurrencyStamp = @read that EF Core issues.
/// </summary>
/// <remarks>
/// Each attempt reads the session and saves the change in one transaction. On SQLite a transaction waits
/// for the app's write turn (<see cref="SqliteWriteTurn"/>), so the seats it reads are the seats it
/// changes and the stamp never races within the app; read outside it, they went stale while the writer
/// waited for its turn and the save was tried again (issue 9: the bench's writes ran 7.5 SQL commands each
/// instead of 4.9). On SQL Server the transaction reads committed data, and the stamp decides as before.
/// </remarks>
public sealed class BookingService(PeerCircleDbContext db, TimeProvider time, SessionEmails emails, Notifier notifier, ILogger<BookingService> logger)
{
    private const int MaxAttempts = 60;

    public Task<BookingStatus> ReserveAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default) =>
        // The execution strategy runs the whole attempt again on a transient SQL Server error; a transaction
        // the app begins itself must run inside it.
        db.Database.CreateExecutionStrategy().ExecuteAsync((sessionId, userId), async (_, args, ct) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                db.ChangeTracker.Clear();
                // The group and the booker's membership do not change with the seats: read before the turn.
                var (group, membership) = await s_groupAndMembership(db, args.sessionId, args.userId, ct)
                    ?? throw new DomainException("That session doesn't exist any more.");
                if (membership is null)
                {
                    throw new DomainException("Join the group to book a seat in its sessions.");
                }

                Booking? booking;
                await using (var transaction = await BeginAsync(ct))
                {
                    var session = await LoadSessionAsync(args.sessionId, args.userId, ct);
                    booking = session.Reserve(group, membership, time.GetUtcNow().UtcDateTime);
                    if (!await TrySaveAsync(transaction, attempt, ct))
                    {
                        booking = null;
                    }
                }

                if (booking is not null)
                {
                    logger.LogInformation(new EventId(4001, "SeatBooked"), "Booking {BookingId} on session {SessionId}: {Status}", booking.Id, args.sessionId, booking.Status);
                    return booking.Status;
                }

                await BackOffAsync(attempt, ct);
            }
        }, null, cancellationToken);

    /// <summary>Cancels a booking; the first person on the waitlist (if any) gets the seat and is told.</summary>
    public Task CancelAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken = default) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync((sessionId, userId), async (_, args, ct) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                db.ChangeTracker.Clear();
                Booking? promoted;
                bool saved;
                await using (var transaction = await BeginAsync(ct))
                {
                    var session = await LoadSessionAsync(args.sessionId, args.userId, ct);
                    promoted = session.CancelBooking(args.userId, time.GetUtcNow().UtcDateTime);
                    saved = await TrySaveAsync(transaction, attempt, ct);
                }

                if (!saved)
                {
                    await BackOffAsync(attempt, ct);
                    continue;
                }

                logger.LogInformation(new EventId(4002, "SeatCancelled"), "Booking on session {SessionId} cancelled", args.sessionId);
                if (promoted is not null)
                {
                    logger.LogInformation(new EventId(4003, "WaitlistPromoted"), "Booking {BookingId} promoted from the waitlist", promoted.Id);
                    // In-app as well as by email; the email already went out, so the notifier sends none.
                    notifier.Notify(promoted.UserId, Notifier.Promoted, $"/Sessions/Details/{args.sessionId}", email: false);
                    await db.SaveChangesAsync(ct);
                    await emails.SendPromotedAsync(promoted.UserId, args.sessionId, ct);
                }

                return true;
            }
        }, null, cancellationToken);

    // The booking's queries, compiled once (EF.CompileAsyncQuery): EF Core otherwise builds, hashes and looks up
    // each query's expression tree on every booking and on every retry (issue 9, docs/performance.md). Two
    // commands, not four: the session with the bookings a seat change reads in one, the session's group with the
    // booker's membership in another (a left join on the membership's unique key), untracked: a booking only
    // reads them.
    // Of the session's bookings only the member's own (whatever its status: booking again reuses a cancelled one)
    // and the waitlist (a freed seat goes to its first) are read: all that Session.Reserve and
    // Session.CancelBooking look at; the seats taken are the session's own count. The others (a dozen or more) were
    // read, tracked and checked for changes inside the write turn, where every other writer waits (issue 9).
    private static readonly Func<PeerCircleDbContext, Guid, Guid, CancellationToken, Task<Session?>> s_session = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, Guid id, Guid userId, CancellationToken cancellationToken) =>
            db.Sessions
                .Include(s => s.Bookings.Where(b => b.UserId == userId || b.Status == BookingStatus.Waitlisted))
                .AsSingleQuery().SingleOrDefault(s => s.Id == id));

    private static readonly Func<PeerCircleDbContext, Guid, Guid, CancellationToken, Task<GroupAndMembership?>> s_groupAndMembership = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
            (from s in db.Sessions
             where s.Id == sessionId
             join g in db.Groups on s.GroupId equals g.Id
             from m in db.Memberships.Where(m => m.GroupId == g.Id && m.UserId == userId).DefaultIfEmpty()
             select new GroupAndMembership(g, m)).AsNoTracking().SingleOrDefault());

    private sealed record GroupAndMembership(Group Group, Membership? Membership);

    private async Task<Session> LoadSessionAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken) =>
        await s_session(db, sessionId, userId, cancellationToken) ?? throw new DomainException("That session doesn't exist any more.");

    private async Task<bool> TrySaveAsync(IDbContextTransaction transaction, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (attempt < MaxAttempts)
        {
            // Someone else changed the seats first (stale stamp: another instance of the app, on SQL Server), or
            // the same person's second click hit the unique booking index: reload and decide again on fresh data.
            logger.LogDebug(new EventId(4009, "SeatRetry"), "Seat change raced ({Kind}); retrying, attempt {Attempt}",
                ex is DbUpdateConcurrencyException ? "stale seats" : "duplicate booking", attempt);
            return false;
        }
    }

    // A failed save ends its attempt's transaction, so EF Core's savepoint around each save in a transaction (two
    // more statements within the turn) would never be rolled back to.
    private Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        db.Database.AutoSavepointsEnabled = false;
        return db.Database.BeginTransactionAsync(cancellationToken);
    }

    // Outside the transaction: a writer waiting here must not hold the write turn.
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(Random.Shared.Next(2, 15) * Math.Min(attempt, 5), cancellationToken);
}
