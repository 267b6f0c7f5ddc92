using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Administration;
using PeerCircle.Web.Notifications;
using PeerCircle.Web.OneToOne;
using PeerCircle.Web.Sessions;

namespace PeerCircle.Web.Accounts;

/// <summary>
/// A member's control over their own data: everything about them as JSON (never anyone else's text),
/// and deleting the account (personal data erased; shares withdrawn or left anonymous, as they choose;
/// bookings cancelled so the people waiting move up).
/// </summary>
public sealed class MyData(PeerCircleDbContext db, BookingService bookings, TimeProvider time, ServiceSettingsProvider settings, Notifier notifier, ILogger<MyData> logger)
{
    public async Task<object?> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var profile = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.Id, u.Email, u.Pseudonym, u.TimeZoneId, u.Region, u.DiscreetMode, u.RemindDayBefore, u.RemindHourBefore, u.EmailNotifications,
                ReplyNotices = !u.ReplyNoticesOff, CalendarFeedEnabled = u.CalendarFeedToken != null, u.CreatedUtc, u.AgeConfirmedUtc, u.AgeConfirmedMinimum,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (profile is null)
        {
            return null;
        }

        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new
            {
                m.GroupId, Group = g.Name, Status = m.Status.ToString(), m.AcceptedAgreementVersion, m.AgreementAcceptedUtc, m.RequestedUtc, m.MutedUntilUtc,
            })
            .ToListAsync(cancellationToken);
        var booked = await db.Bookings.AsNoTracking().Where(b => b.UserId == userId)
            .Join(db.Sessions, b => b.SessionId, s => s.Id, (b, s) => new { b.SessionId, s.GroupId, s.StartUtc, Status = b.Status.ToString() })
            .ToListAsync(cancellationToken);
        // Only shares I wrote: never the replies or titles of other people's conversations.
        var shares = await db.Shares.AsNoTracking().Where(s => s.AuthorId == userId).OrderBy(s => s.CreatedUtc)
            .Select(s => new
            {
                s.Id, s.GroupId, Kind = s.Kind.ToString(), s.ThreadId, Audience = s.Audience.ToString(), Byline = s.Byline.ToString(), s.Title, s.Text,
                s.CreatedUtc, s.WithdrawnUtc, HiddenByModerator = s.HiddenUtc != null, s.PurgedUtc,
            })
            .ToListAsync(cancellationToken);
        var reports = await db.ShareReports.AsNoTracking().Where(r => r.ReporterId == userId)
            .Select(r => new { r.ShareId, r.Reason, r.CreatedUtc }).ToListAsync(cancellationToken);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.UserId == userId)
            .Select(n => new { n.Text, n.CreatedUtc, n.ReadUtc }).ToListAsync(cancellationToken);
        var activity = await db.AccountActivities.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.AtUtc)
            .Select(a => new { Kind = a.Kind.ToString(), a.Detail, a.AtUtc }).ToListAsync(cancellationToken);
        return new
        {
            ExportedUtc = time.GetUtcNow().UtcDateTime,
            Profile = profile,
            Memberships = memberships,
            Bookings = booked,
            Shares = shares,
            ReportsIMade = reports,
            Notifications = notifications,
            AccountActivity = activity,
        };
    }

    /// <summary>
    /// Erases the account's personal data in place. The row stays as an empty tombstone (its id is what
    /// shares, reports and the audit log point to), with no email, pseudonym, password or sign-in.
    /// All of it is one transaction: if a membership, pairing or share changed between reading and saving
    /// (someone else removed the member at that moment), nothing is erased and this returns false.
    /// Upcoming bookings are cancelled once the erasure is saved, so the people waiting move up.
    /// </summary>
    public async Task<bool> DeleteAccountAsync(Guid userId, bool withdrawShares, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var retention = (await settings.GetAsync(cancellationToken)).BoardRetentionDays;
        var strategy = db.Database.CreateExecutionStrategy();
        var erased = await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await EraseAsync(userId, withdrawShares, now, retention, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        });
        if (!erased)
        {
            logger.LogInformation(new EventId(1302, "AccountDeletionConflict"), "Account {UserId} not deleted: something changed while it was being deleted", userId);
            return false;
        }

        var upcoming = await db.Bookings.Where(b => b.UserId == userId && b.Status != BookingStatus.Cancelled)
            .Join(db.Sessions.Where(s => s.Status == SessionStatus.Scheduled && s.StartUtc > now), b => b.SessionId, s => s.Id, (b, s) => s.Id)
            .ToListAsync(cancellationToken);
        foreach (var sessionId in upcoming)
        {
            await bookings.CancelAsync(sessionId, userId, cancellationToken);
        }

        await notifier.SendEmailsAsync(cancellationToken);
        logger.LogInformation(new EventId(1301, "AccountDeleted"), "Account {UserId} deleted (shares {Choice})", userId, withdrawShares ? "withdrawn" : "anonymised");
        return true;
    }

    private async Task EraseAsync(Guid userId, bool withdrawShares, DateTime now, int retention, CancellationToken cancellationToken)
    {
        foreach (var membership in await db.Memberships.Where(m => m.UserId == userId && (m.Status == MembershipStatus.Active || m.Status == MembershipStatus.Pending)).ToListAsync(cancellationToken))
        {
            membership.Leave();
        }

        // One-to-one support: an active pairing ends (the other person is told, as for any ending), an
        // unanswered ask is withdrawn or declined, an open request withdrawn with its note, the supporter profile removed.
        foreach (var pairing in await db.Pairings.Where(p => (p.MemberId == userId || p.SupporterId == userId)
                     && (p.Status == PairingStatus.Active || p.Status == PairingStatus.Asked)).ToListAsync(cancellationToken))
        {
            if (pairing.Status == PairingStatus.Active)
            {
                pairing.End(userId, null, now, retention);
                var other = pairing.Other(userId);
                notifier.Notify(other, other == pairing.MemberId ? PairingNotices.EndedForMember : PairingNotices.EndedForSupporter, null);
            }
            else if (pairing.MemberId == userId)
            {
                pairing.Withdraw(userId, now);
            }
            else
            {
                pairing.Decline(userId, now);
            }
        }

        foreach (var request in await db.SupportRequests.Where(r => r.MemberId == userId && r.Status == SupportRequestStatus.Open).ToListAsync(cancellationToken))
        {
            request.Withdraw(userId);
        }

        await db.SupportRequests.Where(r => r.MemberId == userId && r.Note != null).ExecuteUpdateAsync(u => u.SetProperty(r => r.Note, (string?)null), cancellationToken);
        await db.SupporterProfiles.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);

        foreach (var share in await db.Shares.Where(s => s.AuthorId == userId).ToListAsync(cancellationToken))
        {
            if (withdrawShares)
            {
                if (!share.IsWithdrawn)
                {
                    share.Withdraw(userId, now);
                }
            }
            else
            {
                share.AnonymiseAuthor();
            }
        }

        await db.Notifications.Where(n => n.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.AccountActivities.Where(a => a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.BoardVisits.Where(v => v.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);

        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        Erase(user);
    }

    private static void Erase(ApplicationUser user)
    {
        var placeholder = $"deleted-{user.Id:N}";
        user.Email = null;
        user.NormalizedEmail = null;
        user.UserName = placeholder;
        user.NormalizedUserName = placeholder.ToUpperInvariant();
        user.Pseudonym = "Deleted member";
        user.NormalizedPseudonym = placeholder.ToUpperInvariant();
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.EmailConfirmed = false;
        user.TwoFactorEnabled = false;
        user.CalendarFeedToken = null;
        user.Region = null;
        user.SecurityStamp = Guid.NewGuid().ToString();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
    }
}
