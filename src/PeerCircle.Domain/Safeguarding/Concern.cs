using PeerCircle.Domain.Sharing;

namespace PeerCircle.Domain.Safeguarding;

/// <summary>Who raised a concern.</summary>
public enum ConcernSource
{
    /// <summary>The risk detector found a risk phrase in a share; a facilitator reviews the draft.</summary>
    Detector,

    /// <summary>A facilitator of the group.</summary>
    Facilitator,

    /// <summary>A member ("I'm worried about someone"); never revealed to the person it is about.</summary>
    Member,

    /// <summary>A one-to-one supporter, about the member they support.</summary>
    Supporter,
}

/// <summary>Draft → Open → Acknowledged → Escalated → Closed; a draft can also be dismissed.</summary>
public enum ConcernStatus
{
    Draft,
    Open,
    Acknowledged,
    Escalated,
    Closed,
    Dismissed,
}

/// <summary>
/// A safeguarding concern: the one exception to confidentiality (PRODUCT.md section 2, rule 4). It keeps
/// a snapshot of the shares it is about, so the safeguarding leads can read them even after the author
/// withdraws them or they expire, until the concern is closed plus a retention period. Who may read a
/// snapshot, and that every read is audited, is decided by the pages; the rules of the workflow are here.
/// </summary>
public sealed class Concern
{
    public const int DescriptionMaxLength = 2000;
    public const int NoteMaxLength = 2000;
    public const int OutcomeMaxLength = 1000;
    public const int EscalatedToMaxLength = 200;
    public const int ReasonMaxLength = 500;

    private readonly List<ConcernSnapshot> _snapshots = [];
    private readonly List<ConcernNote> _notes = [];
    private readonly List<ConcernEscalation> _escalations = [];

    private Concern()
    {
    }

    private Concern(Guid? groupId, Guid? subjectId, ConcernSource source, Guid? raisedBy, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        GroupId = groupId;
        SubjectId = subjectId;
        Source = source;
        RaisedBy = raisedBy;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    /// <summary>The group it arose in; null when it arose in a one-to-one pairing (<see cref="PairingId"/>).</summary>
    public Guid? GroupId { get; private set; }

    /// <summary>The one-to-one pairing it arose in, if any. A pairing has no facilitator: such concerns go straight to the leads.</summary>
    public Guid? PairingId { get; private set; }

    /// <summary>The person the concern is about, when known. They are never shown the concern.</summary>
    public Guid? SubjectId { get; private set; }

    public ConcernSource Source { get; private set; }

    /// <summary>Who raised it (null for the detector until a facilitator raises the draft).</summary>
    public Guid? RaisedBy { get; private set; }

    public ConcernStatus Status { get; private set; }

    /// <summary>What the person raising it wrote: seen by the safeguarding leads and by whoever raised it.</summary>
    public string? Description { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    /// <summary>When it reached the leads' queue: the waiting time counts from here.</summary>
    public DateTime? OpenedUtc { get; private set; }

    public DateTime? AcknowledgedUtc { get; private set; }
    public Guid? AcknowledgedBy { get; private set; }
    public DateTime? ClosedUtc { get; private set; }
    public Guid? ClosedBy { get; private set; }
    public string? Outcome { get; private set; }

    /// <summary>When the snapshot text is deleted: closed (or dismissed) plus the retention period.</summary>
    public DateTime? PurgeAfterUtc { get; private set; }

    public DateTime? SnapshotsPurgedUtc { get; private set; }

    public Guid ConcurrencyStamp { get; private set; } = Guid.NewGuid();

    public IReadOnlyCollection<ConcernSnapshot> Snapshots => _snapshots;
    public IReadOnlyCollection<ConcernNote> Notes => _notes;
    public IReadOnlyCollection<ConcernEscalation> Escalations => _escalations;

    public bool IsFinished => Status is ConcernStatus.Closed or ConcernStatus.Dismissed;

    /// <summary>The detector found a risk phrase in <paramref name="share"/>: a draft for the group's facilitators to review.</summary>
    public static Concern Detected(Share share, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(share);
        var concern = new Concern(share.GroupId, share.AuthorId, ConcernSource.Detector, null, nowUtc) { Status = ConcernStatus.Draft };
        concern.AddShare(share, nowUtc);
        return concern;
    }

    /// <summary>Fixed wording for a concern the detector opened in a one-to-one pairing (it never quotes the message).</summary>
    public const string DetectedInPairingDescription =
        "The risk detector found a risk phrase in a one-to-one message. The supporter has been alerted too.";

    /// <summary>
    /// The detector found a risk phrase in a one-to-one message. There is no group facilitator to review a
    /// draft, so the concern goes straight to the safeguarding leads (and the supporter is alerted).
    /// </summary>
    public static Concern DetectedInPairing(Share share, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(share);
        if (share.PairingId is not { } pairingId)
        {
            throw new DomainException("This message is not part of a one-to-one pairing.");
        }

        var concern = new Concern(null, share.AuthorId, ConcernSource.Detector, null, nowUtc) { PairingId = pairingId };
        concern.AddShare(share, nowUtc);
        concern.Open(DetectedInPairingDescription, nowUtc);
        return concern;
    }

    /// <summary>
    /// A supporter is worried about the member they support. It goes straight to the leads, with a snapshot of
    /// the member's recent messages in the pairing (the leads read them only with a stated reason).
    /// </summary>
    public static Concern RaisedBySupporter(Guid supporterId, OneToOne.Pairing pairing, IEnumerable<Share> memberMessages, string? description, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(pairing);
        ArgumentNullException.ThrowIfNull(memberMessages);
        if (pairing.SupporterId != supporterId)
        {
            throw new DomainException("Only the supporter of this pairing can raise a concern from it.");
        }

        var text = CheckDescription(description);
        var concern = new Concern(null, pairing.MemberId, ConcernSource.Supporter, supporterId, nowUtc) { PairingId = pairing.Id };
        foreach (var share in memberMessages.Where(m => m.PairingId == pairing.Id && m.AuthorId == pairing.MemberId))
        {
            concern.AddShare(share, nowUtc);
        }

        concern.Open(text, nowUtc);
        return concern;
    }

    /// <summary>A facilitator of the share's group raises a concern about it; it goes straight to the leads.</summary>
    public static Concern RaisedByFacilitator(Guid facilitatorId, bool isGroupFacilitator, Share share, string? description, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(share);
        if (!isGroupFacilitator)
        {
            throw new DomainException("Only the group's facilitators can raise a concern about its posts.");
        }

        var text = CheckDescription(description);
        var concern = new Concern(share.GroupId, share.AuthorId, ConcernSource.Facilitator, facilitatorId, nowUtc);
        concern.AddShare(share, nowUtc);
        concern.Open(text, nowUtc);
        return concern;
    }

    /// <summary>
    /// A member is worried about someone in their group, perhaps about one post they can see. The concern
    /// goes straight to the leads; the person it is about is never told who raised it.
    /// </summary>
    public static Concern RaisedByMember(ShareViewer member, Share? share, string? description, DateTime nowUtc)
    {
        if (!member.IsActiveMember && !member.IsGroupFacilitator)
        {
            throw new DomainException("Only the group's members can raise a concern in it.");
        }

        if (share is not null && (share.GroupId != member.GroupId || !ShareVisibility.CanSee(member, share)))
        {
            throw new DomainException("That post is not one you can see.");
        }

        if (share is not null && share.AuthorId == member.UserId)
        {
            throw new DomainException("This is your own post. If you are struggling, please use Get help now, or talk to a facilitator.");
        }

        var text = CheckDescription(description);
        var concern = new Concern(member.GroupId, share?.AuthorId, ConcernSource.Member, member.UserId, nowUtc);
        if (share is not null)
        {
            concern.AddShare(share, nowUtc);
        }

        concern.Open(text, nowUtc);
        return concern;
    }

    /// <summary>Adds another share to a concern not yet finished (e.g. a second risky post while the draft waits).</summary>
    public void AddShare(Share share, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(share);
        EnsureNotFinished();
        if (share.GroupId != GroupId || share.PairingId != PairingId)
        {
            throw new DomainException("A concern is about shares of one group or one pairing.");
        }

        if (_snapshots.Any(s => s.ShareId == share.Id))
        {
            return;
        }

        _snapshots.Add(new ConcernSnapshot(Id, share.Snapshot(nowUtc)));
        Touch();
    }

    /// <summary>A facilitator of the group reviews the detector's draft and raises it to the leads.</summary>
    public void Raise(Guid facilitatorId, bool isGroupFacilitator, string? description, DateTime nowUtc)
    {
        EnsureGroupFacilitator(isGroupFacilitator);
        if (Status != ConcernStatus.Draft)
        {
            throw new DomainException("This concern has already been raised.");
        }

        var text = CheckDescription(description);
        RaisedBy = facilitatorId;
        Open(text, nowUtc);
    }

    /// <summary>A facilitator of the group decides the detector's draft needs no action.</summary>
    public void Dismiss(Guid facilitatorId, bool isGroupFacilitator, string? reason, DateTime nowUtc, int retentionDays)
    {
        EnsureGroupFacilitator(isGroupFacilitator);
        if (Status != ConcernStatus.Draft)
        {
            throw new DomainException("Only a draft can be dismissed; the safeguarding leads close raised concerns.");
        }

        var why = RequiredText.Check(reason, OutcomeMaxLength, "Say briefly why no concern is needed.", "reason");
        Status = ConcernStatus.Dismissed;
        Outcome = why;
        ClosedUtc = nowUtc;
        ClosedBy = facilitatorId;
        PurgeAfterUtc = nowUtc.AddDays(retentionDays);
        Touch();
    }

    /// <summary>A safeguarding lead has seen the concern and is looking after it.</summary>
    public void Acknowledge(Guid leadId, DateTime nowUtc)
    {
        EnsureNotFinished();
        if (Status != ConcernStatus.Open && Status != ConcernStatus.Draft)
        {
            throw new DomainException("This concern has already been acknowledged.");
        }

        OpenedUtc ??= nowUtc;
        Status = ConcernStatus.Acknowledged;
        AcknowledgedUtc = nowUtc;
        AcknowledgedBy = leadId;
        Touch();
    }

    public ConcernNote AddNote(Guid leadId, string? text, DateTime nowUtc)
    {
        EnsureNotFinished();
        var note = new ConcernNote(Id, leadId, RequiredText.Check(text, NoteMaxLength, "Write the note.", "note"), nowUtc);
        _notes.Add(note);
        Touch();
        return note;
    }

    /// <summary>Records that the concern was passed on: to whom, when, and (once known) with what outcome.</summary>
    public ConcernEscalation Escalate(Guid leadId, string? to, DateTime whenUtc, string? outcome, DateTime nowUtc)
    {
        EnsureNotFinished();
        if (Status == ConcernStatus.Draft)
        {
            throw new DomainException("Acknowledge the concern before escalating it.");
        }

        var who = RequiredText.Check(to, EscalatedToMaxLength, "Say who it was escalated to.", "name of who it was escalated to");
        if (whenUtc > nowUtc.AddMinutes(5))
        {
            throw new DomainException("An escalation is recorded once it has happened: the time can't be in the future.");
        }

        var result = outcome?.Trim();
        if (result is { Length: > OutcomeMaxLength })
        {
            throw new DomainException($"The outcome must be at most {OutcomeMaxLength} characters.");
        }

        var escalation = new ConcernEscalation(Id, leadId, who, whenUtc, string.IsNullOrEmpty(result) ? null : result, nowUtc);
        _escalations.Add(escalation);
        OpenedUtc ??= nowUtc;
        AcknowledgedUtc ??= nowUtc;
        AcknowledgedBy ??= leadId;
        Status = ConcernStatus.Escalated;
        Touch();
        return escalation;
    }

    /// <summary>A lead closes the concern with its outcome; the snapshot is kept for <paramref name="retentionDays"/> more days.</summary>
    public void Close(Guid leadId, string? outcome, DateTime nowUtc, int retentionDays)
    {
        EnsureNotFinished();
        Outcome = RequiredText.Check(outcome, OutcomeMaxLength, "Record the outcome before closing the concern.", "outcome");
        Status = ConcernStatus.Closed;
        ClosedUtc = nowUtc;
        ClosedBy = leadId;
        PurgeAfterUtc = nowUtc.AddDays(retentionDays);
        Touch();
    }

    /// <summary>
    /// Reading the snapshot is allowed only with a stated reason (the page writes it to the audit log),
    /// and only while the snapshot is kept.
    /// </summary>
    public string CheckReadReason(string? reason)
    {
        var why = RequiredText.Check(reason, ReasonMaxLength, "State why you need to read what was shared. Every read is recorded in the audit log.", "reason");
        if (SnapshotsPurgedUtc is not null)
        {
            throw new DomainException("The snapshot was deleted at the end of the retention period.");
        }

        return why;
    }

    /// <summary>Deletes the snapshot text once the concern has been finished for the retention period.</summary>
    public bool PurgeSnapshotsIfDue(DateTime nowUtc)
    {
        if (!IsFinished || PurgeAfterUtc is not { } due || due > nowUtc || SnapshotsPurgedUtc is not null)
        {
            return false;
        }

        foreach (var snapshot in _snapshots)
        {
            snapshot.Purge();
        }

        SnapshotsPurgedUtc = nowUtc;
        Touch();
        return true;
    }

    /// <summary>How long an unfinished concern has waited since it reached the leads (or was drafted).</summary>
    public TimeSpan Waiting(DateTime nowUtc) => (ClosedUtc ?? nowUtc) - (OpenedUtc ?? CreatedUtc);

    private void Open(string description, DateTime nowUtc)
    {
        Description = description;
        Status = ConcernStatus.Open;
        OpenedUtc = nowUtc;
        Touch();
    }

    private static string CheckDescription(string? description) =>
        RequiredText.Check(description, DescriptionMaxLength, "Say briefly what worries you.", "description");

    private static void EnsureGroupFacilitator(bool isGroupFacilitator)
    {
        if (!isGroupFacilitator)
        {
            throw new DomainException("Only the group's facilitators can review this draft.");
        }
    }

    private void EnsureNotFinished()
    {
        if (IsFinished)
        {
            throw new DomainException("This concern is closed.");
        }
    }

    private void Touch() => ConcurrencyStamp = Guid.NewGuid();
}

/// <summary>A copy of one share, kept by a concern (see <see cref="Share.Snapshot"/>). Its text is purged with the concern.</summary>
public sealed class ConcernSnapshot
{
    private ConcernSnapshot()
    {
    }

    internal ConcernSnapshot(Guid concernId, ShareSnapshot snapshot)
    {
        Id = Guid.CreateVersion7();
        ConcernId = concernId;
        ShareId = snapshot.ShareId;
        GroupId = snapshot.GroupId;
        PairingId = snapshot.PairingId;
        AuthorId = snapshot.AuthorId;
        Kind = snapshot.Kind;
        Title = snapshot.Title;
        Text = snapshot.Text;
        SharedUtc = snapshot.CreatedUtc;
        TakenUtc = snapshot.TakenUtc;
    }

    public Guid Id { get; private set; }
    public Guid ConcernId { get; private set; }
    public Guid ShareId { get; private set; }
    public Guid? GroupId { get; private set; }
    public Guid? PairingId { get; private set; }
    public Guid AuthorId { get; private set; }
    public ShareKind Kind { get; private set; }
    public string? Title { get; private set; }
    public string? Text { get; private set; }
    public DateTime SharedUtc { get; private set; }
    public DateTime TakenUtc { get; private set; }

    internal void Purge()
    {
        Title = null;
        Text = null;
    }
}

/// <summary>A safeguarding lead's note on a concern.</summary>
public sealed class ConcernNote
{
    private ConcernNote()
    {
        Text = string.Empty;
    }

    internal ConcernNote(Guid concernId, Guid authorId, string text, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        ConcernId = concernId;
        AuthorId = authorId;
        Text = text;
        CreatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ConcernId { get; private set; }
    public Guid AuthorId { get; private set; }
    public string Text { get; private set; }
    public DateTime CreatedUtc { get; private set; }
}

/// <summary>The concern was passed on: to whom, when, and with what outcome.</summary>
public sealed class ConcernEscalation
{
    private ConcernEscalation()
    {
        To = string.Empty;
    }

    internal ConcernEscalation(Guid concernId, Guid recordedBy, string to, DateTime escalatedUtc, string? outcome, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        ConcernId = concernId;
        RecordedBy = recordedBy;
        To = to;
        EscalatedUtc = escalatedUtc;
        Outcome = outcome;
        RecordedUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ConcernId { get; private set; }
    public Guid RecordedBy { get; private set; }
    public string To { get; private set; }
    public DateTime EscalatedUtc { get; private set; }
    public string? Outcome { get; private set; }
    public DateTime RecordedUtc { get; private set; }
}
