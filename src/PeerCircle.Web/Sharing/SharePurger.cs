using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Sharing;

namespace PeerCircle.Web.Sharing;

/// <summary>
/// Deletes for good the text of shares whose lifetime is over: withdrawn ones (withdrawal already
/// deletes the text; this catches anything left), session messages past their expiry, and board posts
/// of a group archived longer ago than its retention period. Each step is a single UPDATE whose
/// condition excludes what is already purged, so any number of instances can run it at once: a row is
/// purged by whichever gets there first, and the others change nothing.
/// </summary>
public sealed class SharePurger(PeerCircleDbContext db, TimeProvider time, ILogger<SharePurger> logger)
{
    public async Task<int> PurgeDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var stamp = Guid.NewGuid();

        var withdrawn = await db.Shares
            .Where(s => s.WithdrawnUtc != null && (s.Text != null || s.Title != null))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Text, (string?)null).SetProperty(s => s.Title, (string?)null)
                .SetProperty(s => s.ConcurrencyStamp, stamp), cancellationToken);

        var expired = await db.Shares
            .Where(s => s.ExpiresUtc != null && s.ExpiresUtc <= now && s.PurgedUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Text, (string?)null).SetProperty(s => s.Title, (string?)null)
                .SetProperty(s => s.PurgedUtc, now).SetProperty(s => s.ConcurrencyStamp, stamp), cancellationToken);

        // Few groups are ever archived: the retention arithmetic is done here, not in SQL, so it is the same on both providers.
        var archived = await db.Groups.AsNoTracking()
            .Where(g => g.Status == GroupStatus.Archived && g.ArchivedUtc != null)
            .Select(g => new { g.Id, g.ArchivedUtc, g.RetentionDays })
            .ToListAsync(cancellationToken);
        var due = archived.Where(g => Share.BoardExpiry(g.ArchivedUtc!.Value, g.RetentionDays) <= now).Select(g => g.Id).ToList();
        var board = 0;
        if (due.Count > 0)
        {
            board = await db.Shares
                .Where(s => s.GroupId != null && due.Contains(s.GroupId.Value) && (s.Kind == ShareKind.BoardThread || s.Kind == ShareKind.BoardReply) && s.PurgedUtc == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Text, (string?)null).SetProperty(s => s.Title, (string?)null)
                    .SetProperty(s => s.PurgedUtc, now).SetProperty(s => s.ConcurrencyStamp, stamp), cancellationToken);
        }

        // One-to-one pairings ended longer ago than the retention period: their messages' text, their goals
        // and the request's private note are deleted for good.
        var duePairings = db.Pairings.Where(p => p.PurgeAfterUtc != null && p.PurgeAfterUtc <= now).Select(p => p.Id);
        var pair = await db.Shares
            .Where(s => s.PairingId != null && duePairings.Contains(s.PairingId.Value) && s.PurgedUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Text, (string?)null).SetProperty(s => s.Title, (string?)null)
                .SetProperty(s => s.PurgedUtc, now).SetProperty(s => s.ConcurrencyStamp, stamp), cancellationToken);
        var dueGoals = db.Goals.Where(g => duePairings.Contains(g.PairingId)).Select(g => g.Id);
        await db.Set<GoalStep>().Where(s => dueGoals.Contains(s.GoalId)).ExecuteDeleteAsync(cancellationToken);
        var goals = await db.Goals.Where(g => duePairings.Contains(g.PairingId)).ExecuteDeleteAsync(cancellationToken);
        var dueRequests = db.Pairings.Where(p => p.PurgeAfterUtc != null && p.PurgeAfterUtc <= now).Select(p => p.RequestId);
        await db.SupportRequests.Where(r => r.Note != null && dueRequests.Contains(r.Id))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Note, (string?)null), cancellationToken);

        var total = withdrawn + expired + board + pair + goals;
        if (total > 0)
        {
            logger.LogInformation(new EventId(6201, "SharesPurged"), "Purged the text of {Withdrawn} withdrawn, {Expired} expired, {Board} archived-board and {Pair} one-to-one shares, and {Goals} goals",
                withdrawn, expired, board, pair, goals);
        }

        return total;
    }
}

/// <summary>Runs <see cref="SharePurger"/> every few minutes (Jobs:Purge). Safe on any number of instances.</summary>
internal sealed class SharePurgeJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<SharePurgeJob> logger) : BackgroundService
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
                await scope.ServiceProvider.GetRequiredService<SharePurger>().PurgeDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(new EventId(6290, "PurgeJobFailed"), ex, "The purge run failed; it will try again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
