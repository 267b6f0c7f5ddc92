namespace PeerCircle.Domain.Auditing;

/// <summary>
/// One line of the append-only audit log: who did what, when, to which record, and why. It holds ids
/// and the moderator's reason, never what anyone shared. Once written it is never changed or deleted
/// (the DbContext refuses to save either).
/// </summary>
public sealed class AuditEntry
{
    public const int ActionMaxLength = 64;
    public const int RecordTypeMaxLength = 64;
    public const int ReasonMaxLength = 500;

    private AuditEntry()
    {
        Action = string.Empty;
        RecordType = string.Empty;
    }

    public AuditEntry(DateTime atUtc, Guid actorId, string action, string recordType, Guid recordId, Guid? groupId, string? reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(recordType);
        if (action.Length > ActionMaxLength || recordType.Length > RecordTypeMaxLength)
        {
            throw new ArgumentException("Audit action and record type are short names.");
        }

        Id = Guid.CreateVersion7();
        AtUtc = atUtc;
        ActorId = actorId;
        Action = action;
        RecordType = recordType;
        RecordId = recordId;
        GroupId = groupId;
        var clean = reason?.Trim();
        Reason = string.IsNullOrEmpty(clean) ? null : clean.Length > ReasonMaxLength ? clean[..ReasonMaxLength] : clean;
    }

    public Guid Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public Guid ActorId { get; private set; }
    public string Action { get; private set; }
    public string RecordType { get; private set; }
    public Guid RecordId { get; private set; }
    public Guid? GroupId { get; private set; }
    public string? Reason { get; private set; }
}

/// <summary>The actions written to the audit log.</summary>
public static class AuditActions
{
    public const string ShareHidden = "share.hidden";
    public const string ShareUnhidden = "share.unhidden";
    public const string ThreadPinned = "thread.pinned";
    public const string ThreadUnpinned = "thread.unpinned";
    public const string PromptPosted = "prompt.posted";
    public const string ShareReported = "share.reported";
    public const string ReportClosed = "report.closed";
    public const string MemberWarned = "member.warned";
    public const string MemberMuted = "member.muted";
    public const string MemberRemoved = "member.removed";
    public const string AgreementPublished = "agreement.published";
    public const string FacilitatorAssigned = "group.facilitator-assigned";
    public const string FacilitatorRemoved = "group.facilitator-removed";
    public const string RoomPaused = "room.paused";
    public const string RoomResumed = "room.resumed";
    public const string RoomSlowMode = "room.slow-mode";
    public const string RoomParticipantMuted = "room.participant-muted";
    public const string RoomParticipantRemoved = "room.participant-removed";
}

/// <summary>The safeguarding actions written to the audit log (the detector acts as <see cref="System"/>).</summary>
public static class SafeguardingAuditActions
{
    /// <summary>The actor id of the risk detector: no person.</summary>
    public static readonly Guid System = Guid.Empty;

    public const string ConcernDrafted = "concern.drafted";
    public const string ConcernRaised = "concern.raised";
    public const string ConcernDismissed = "concern.dismissed";
    public const string ConcernAcknowledged = "concern.acknowledged";
    public const string ConcernNoted = "concern.noted";
    public const string ConcernEscalated = "concern.escalated";
    public const string ConcernClosed = "concern.closed";
    public const string SnapshotRead = "concern.snapshot-read";
    public const string SnapshotPurged = "concern.snapshot-purged";
    public const string MemberSignposted = "member.signposted";
    public const string RiskPhraseAdded = "risk-phrase.added";
    public const string RiskPhraseRemoved = "risk-phrase.removed";
    public const string HelpEntrySaved = "help-entry.saved";
    public const string HelpEntryVerified = "help-entry.verified";
    public const string HelpEntryDeleted = "help-entry.deleted";
}
