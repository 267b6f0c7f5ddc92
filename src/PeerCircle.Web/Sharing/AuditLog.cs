using PeerCircle.Data;
using PeerCircle.Domain.Auditing;

namespace PeerCircle.Web.Sharing;

/// <summary>
/// Writes the append-only audit log. The entry joins the caller's unit of work, so the action and its
/// audit line are saved together or not at all. Entries hold ids and a moderator's reason, never share text.
/// </summary>
public sealed class AuditLog(PeerCircleDbContext db, TimeProvider time, ILogger<AuditLog> logger)
{
    public AuditEntry Record(Guid actorId, string action, string recordType, Guid recordId, Guid? groupId, string? reason = null)
    {
        var entry = new AuditEntry(time.GetUtcNow().UtcDateTime, actorId, action, recordType, recordId, groupId, reason);
        db.AuditEntries.Add(entry);
        logger.LogInformation(new EventId(6001, "AuditRecorded"), "Audit {AuditAction} by {ActorId} on {RecordType} {RecordId}", action, actorId, recordType, recordId);
        return entry;
    }
}
