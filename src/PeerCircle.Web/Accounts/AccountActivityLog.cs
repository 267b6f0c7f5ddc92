using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Accounts;

namespace PeerCircle.Web.Accounts;

/// <summary>
/// Records security events on an account (sign-ins, failures, lockouts, two-factor, password and role
/// changes) for its owner's "Recent activity", and logs each with event id 1120. Nothing secret is
/// kept or logged: no password, code, token or address, only the kind and a fixed detail.
/// </summary>
public sealed class AccountActivityLog(PeerCircleDbContext db, TimeProvider time, ILogger<AccountActivityLog> logger)
{
    public const int ShownDays = 30;
    public const int ShownRows = 50;

    /// <summary>Adds the event to the caller's unit of work (saved with it).</summary>
    public void Add(Guid userId, AccountActivityKind kind, string? detail = null)
    {
        db.AccountActivities.Add(new AccountActivity(userId, kind, detail, time.GetUtcNow().UtcDateTime));
        logger.LogInformation(new EventId(1120, "AccountActivity"), "Account activity {ActivityKind} for user {UserId}", kind, userId);
    }

    /// <summary>Records and saves the event on its own (Identity's managers have already saved their change).</summary>
    public async Task RecordAsync(Guid userId, AccountActivityKind kind, string? detail = null, CancellationToken cancellationToken = default)
    {
        Add(userId, kind, detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The owner's view: the last <see cref="ShownDays"/> days, newest first, at most <see cref="ShownRows"/>.</summary>
    public async Task<IReadOnlyList<AccountActivity>> RecentAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var since = time.GetUtcNow().UtcDateTime.AddDays(-ShownDays);
        return await db.AccountActivities.AsNoTracking()
            .Where(a => a.UserId == userId && a.AtUtc >= since)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Take(ShownRows)
            .ToListAsync(cancellationToken);
    }
}

/// <summary>
/// Deletes account activity older than <see cref="AccountActivity.RetentionDays"/> days, and invitations
/// that ended (used, withdrawn or expired) that long ago. One DELETE each, so any number of instances
/// may run it at once.
/// </summary>
public sealed class AccountHousekeeping(PeerCircleDbContext db, TimeProvider time, ILogger<AccountHousekeeping> logger)
{
    public async Task<int> PurgeAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-AccountActivity.RetentionDays);
        var activities = await db.AccountActivities.Where(a => a.AtUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
        var invitations = await db.Invitations.Where(i => i.ExpiresUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (activities + invitations > 0)
        {
            logger.LogInformation(new EventId(1121, "AccountActivityPurged"), "Purged {Activities} account activities and {Invitations} old invitations",
                activities, invitations);
        }

        return activities + invitations;
    }
}

/// <summary>
/// Runs <see cref="AccountHousekeeping"/> every hour (Jobs:AccountHousekeeping). A job of its own rather
/// than a step of the share purge job: different data, different owner, and a failure of one never stops the other.
/// </summary>
internal sealed class AccountHousekeepingJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<AccountHousekeepingJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:AccountHousekeeping:IntervalSeconds", 3600));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AccountHousekeeping>().PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(new EventId(1129, "AccountHousekeepingFailed"), ex, "The account housekeeping run failed; it will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
