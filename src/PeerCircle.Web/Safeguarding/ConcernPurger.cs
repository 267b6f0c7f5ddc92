using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Safeguarding;

/// <summary>
/// Deletes the snapshot text of concerns closed (or dismissed) longer ago than the retention period.
/// The concern's record (status, outcome, dates, audit trail) stays. The concurrency stamp makes a second
/// instance doing the same concern at the same moment fail harmlessly; the next run finds nothing left.
/// </summary>
public sealed class ConcernPurger(PeerCircleDbContext db, TimeProvider time, AuditLog audit, ILogger<ConcernPurger> logger)
{
    public async Task<int> PurgeDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Concerns.Include(c => c.Snapshots)
            .Where(c => c.PurgeAfterUtc != null && c.PurgeAfterUtc <= now && c.SnapshotsPurgedUtc == null)
            .OrderBy(c => c.PurgeAfterUtc).ThenBy(c => c.Id)
            .Take(100)
            .ToListAsync(cancellationToken);
        var purged = 0;
        foreach (var concern in due)
        {
            if (concern.PurgeSnapshotsIfDue(now))
            {
                audit.Record(SafeguardingAuditActions.System, SafeguardingAuditActions.SnapshotPurged, nameof(Concern), concern.Id, concern.GroupId);
                purged++;
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another instance purged the same concerns: nothing is lost, the next run checks again.
            return 0;
        }

        if (purged > 0)
        {
            logger.LogInformation(new EventId(7101, "ConcernSnapshotsPurged"), "Purged the snapshots of {Count} finished concerns", purged);
        }

        return purged;
    }
}

/// <summary>Runs <see cref="ConcernPurger"/> on the purge job's schedule (Jobs:Purge).</summary>
internal sealed class ConcernPurgeJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ConcernPurgeJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(configuration.GetValue("Jobs:Purge:IntervalSeconds", 300));
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ConcernPurger>().PurgeDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(new EventId(7190, "ConcernPurgeJobFailed"), ex, "The concern purge run failed; it will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
