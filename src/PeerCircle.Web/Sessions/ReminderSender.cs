using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Administration;
using PeerCircle.Web.Notifications;

namespace PeerCircle.Web.Sessions;

/// <summary>
/// Sends the reminders that are due: the early one (by default 24 hours to 1 hour ahead) and the late
/// one (by default within the hour; both times are admin settings),
/// to people with a seat who have that reminder switched on. Each reminder is first claimed by
/// inserting a <see cref="ReminderDispatch"/> whose (session, person, kind) key is unique, so running
/// this twice, or on several instances at once, sends each reminder once.
/// </summary>
public sealed class ReminderSender(PeerCircleDbContext db, SessionEmails emails, ServiceSettingsProvider settings, TimeProvider time, ILogger<ReminderSender> logger)
{
    private const int BatchSize = 200;

    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var times = await settings.GetAsync(cancellationToken);
        var late = now.AddMinutes(times.ShortReminderMinutes);
        var sent = 0;
        sent += await SendAsync(ReminderKind.HourBefore, now, late, cancellationToken);
        sent += await SendAsync(ReminderKind.DayBefore, late, now.AddHours(times.DayBeforeReminderHours), cancellationToken);
        return sent;
    }

    private async Task<int> SendAsync(ReminderKind kind, DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var due = await (
                from booking in db.Bookings
                join session in db.Sessions on booking.SessionId equals session.Id
                join user in db.Users on booking.UserId equals user.Id
                where booking.Status == BookingStatus.Going
                    && session.Status == SessionStatus.Scheduled
                    && session.StartUtc > fromUtc && session.StartUtc <= toUtc
                    && (kind == ReminderKind.DayBefore ? user.RemindDayBefore : user.RemindHourBefore)
                    && !db.ReminderDispatches.Any(r => r.SessionId == session.Id && r.UserId == user.Id && r.Kind == kind)
                orderby session.StartUtc
                select new { SessionId = session.Id, UserId = user.Id })
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var item in due)
        {
            var claim = new ReminderDispatch(item.SessionId, item.UserId, kind, time.GetUtcNow().UtcDateTime);
            if (!await TryClaimAsync(claim, cancellationToken))
            {
                continue;
            }

            try
            {
                await emails.SendReminderAsync(item.UserId, item.SessionId, kind, cancellationToken);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Give the claim back so the next run tries again.
                logger.LogWarning(new EventId(4102, "ReminderFailed"), ex, "Reminder {Kind} for session {SessionId} could not be sent", kind, item.SessionId);
                db.ReminderDispatches.Remove(claim);
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        if (sent > 0)
        {
            logger.LogInformation(new EventId(4101, "RemindersSent"), "{Count} {Kind} reminders sent", sent, kind);
        }

        return sent;
    }

    private async Task<bool> TryClaimAsync(ReminderDispatch claim, CancellationToken cancellationToken)
    {
        db.ReminderDispatches.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another run (or instance) claimed it first.
            db.Entry(claim).State = EntityState.Detached;
            return false;
        }
    }
}
