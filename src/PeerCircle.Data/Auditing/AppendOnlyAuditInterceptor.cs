using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PeerCircle.Domain.Auditing;

namespace PeerCircle.Data.Auditing;

/// <summary>
/// The audit log is append-only: a save that would change or delete an <see cref="AuditEntry"/> is
/// refused before anything reaches the database. The app has no code that does either.
/// </summary>
public sealed class AppendOnlyAuditInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // Only the audit entries are looked at for changes: ChangeTracker.Entries() would first compare every tracked
        // entity with its snapshot, which SaveChanges does again straight after this (issue 9: a tenth of a booking's
        // EF Core time went to that second look).
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries<AuditEntry>())
            {
                if (detect)
                {
                    entry.DetectChanges();
                }

                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException("Audit entries are append-only: they can't be changed or deleted.");
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
