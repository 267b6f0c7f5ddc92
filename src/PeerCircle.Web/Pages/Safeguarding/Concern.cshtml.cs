using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeerCircle.Data;
using PeerCircle.Domain.Auditing;
using PeerCircle.Domain.Safeguarding;
using PeerCircle.Domain.Time;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Safeguarding;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Pages.Safeguarding;

/// <summary>
/// One concern, for a safeguarding lead: who raised it and when, its state, notes and escalations, and
/// which shares it is about. The shares' text is shown only in answer to "Read" with a stated reason,
/// which is written to the audit log first, every time: never on a GET, never remembered for the next
/// request. Every other action is audited too.
/// </summary>
public sealed class ConcernModel(PeerCircleDbContext db, TimeProvider time, AuditLog audit, IOptions<SafeguardingOptions> options, ILogger<ConcernModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Concern Concern { get; private set; } = null!;

    public string GroupName { get; private set; } = string.Empty;

    public string? SubjectPseudonym { get; private set; }

    public string? RaisedByPseudonym { get; private set; }

    public IReadOnlyDictionary<Guid, string> LeadNames { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<ReadRow> Reads { get; private set; } = [];

    public DateTime NowUtc { get; private set; }

    /// <summary>True only in the response to a read with a reason: the page then shows the snapshot text.</summary>
    public bool ShowSnapshot { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        string? reason = null;
        if (!ModelState.TryDomain(() => reason = Concern.CheckReadReason(Input.ReadReason), "Input.ReadReason") || reason is null)
        {
            return Page();
        }

        // The audit line is saved before anything is shown: no record, no reading.
        audit.Record(User.GetUserId(), SafeguardingAuditActions.SnapshotRead, nameof(Concern), Concern.Id, Concern.GroupId, reason);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation(new EventId(7201, "ConcernSnapshotRead"), "Snapshot of concern {ConcernId} read by {UserId}", Concern.Id, User.GetUserId());
        await LoadReadsAsync(cancellationToken);
        ShowSnapshot = true;
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, (concern, me, now) => concern.Acknowledge(me, now), SafeguardingAuditActions.ConcernAcknowledged, null,
            "You have acknowledged the concern.", cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, (concern, me, now) => concern.AddNote(me, Input.Note, now), SafeguardingAuditActions.ConcernNoted, null,
            "Your note is added.", cancellationToken);

    public Task<IActionResult> OnPostEscalateAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, (concern, me, now) =>
            {
                if (Input.EscalatedAt is not { } local)
                {
                    throw new Domain.DomainException("Say when it was escalated.");
                }

                concern.Escalate(me, Input.EscalatedTo, Zones.ToUtc(local, User.GetTimeZoneId()), Input.EscalationOutcome, now);
            }, SafeguardingAuditActions.ConcernEscalated, Input.EscalatedTo, "The escalation is recorded.", cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(id, (concern, me, now) => concern.Close(me, Input.Outcome, now, options.Value.RetentionDays), SafeguardingAuditActions.ConcernClosed, null,
            $"The concern is closed. Its snapshot is kept for {options.Value.RetentionDays} days, then deleted.", cancellationToken);

    private async Task<IActionResult> ActAsync(Guid id, Action<Concern, Guid, DateTime> action, string auditAction, string? auditReason, string done,
        CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, tracked: true))
        {
            return NotFound();
        }

        var me = User.GetUserId();
        var now = time.GetUtcNow().UtcDateTime;
        var key = auditAction switch
        {
            SafeguardingAuditActions.ConcernNoted => "Input.Note",
            SafeguardingAuditActions.ConcernClosed => "Input.Outcome",
            SafeguardingAuditActions.ConcernEscalated => "Input.EscalatedTo",
            _ => string.Empty,
        };
        ModelState.Clear();
        if (!ModelState.TryDomain(() => action(Concern, me, now), key))
        {
            return Page();
        }

        audit.Record(me, auditAction, nameof(Concern), Concern.Id, Concern.GroupId, auditReason);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError(string.Empty, "Another lead changed this concern at the same moment, so nothing was changed. Please check it and try again.");
            return Page();
        }

        logger.LogInformation(new EventId(7202, "ConcernChanged"), "Concern {ConcernId}: {AuditAction} by {UserId}", Concern.Id, auditAction, me);
        StatusMessage = done;
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = db.Concerns.Include(c => c.Snapshots).Include(c => c.Notes).Include(c => c.Escalations).AsSplitQuery();
        var concern = await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (concern is null)
        {
            return false;
        }

        Concern = concern;
        NowUtc = time.GetUtcNow().UtcDateTime;
        GroupName = concern.PairingId is not null ? IndexModel.OneToOneName
            : await db.Groups.Where(g => g.Id == concern.GroupId).Select(g => g.Name).SingleOrDefaultAsync(cancellationToken) ?? "(a group no longer there)";
        var people = new[] { concern.SubjectId, concern.RaisedBy }.OfType<Guid>()
            .Concat(concern.Notes.Select(n => n.AuthorId)).Concat(concern.Escalations.Select(e => e.RecordedBy))
            .Append(concern.AcknowledgedBy ?? Guid.Empty).Append(concern.ClosedBy ?? Guid.Empty)
            .Distinct().ToList();
        var names = await db.Users.Where(u => people.Contains(u.Id)).Select(u => new { u.Id, u.Pseudonym }).ToDictionaryAsync(u => u.Id, u => u.Pseudonym, cancellationToken);
        LeadNames = names;
        SubjectPseudonym = concern.SubjectId is { } subject ? names.GetValueOrDefault(subject, "(account deleted)") : null;
        RaisedByPseudonym = concern.RaisedBy is { } raiser ? names.GetValueOrDefault(raiser, "(account deleted)") : null;
        await LoadReadsAsync(cancellationToken);
        return true;
    }

    private async Task LoadReadsAsync(CancellationToken cancellationToken) =>
        Reads = await db.AuditEntries.AsNoTracking()
            .Where(a => a.RecordId == Concern.Id && a.Action == SafeguardingAuditActions.SnapshotRead)
            .OrderByDescending(a => a.AtUtc)
            .Select(a => new ReadRow(a.AtUtc, db.Users.Where(u => u.Id == a.ActorId).Select(u => u.Pseudonym).FirstOrDefault() ?? "(account deleted)", a.Reason))
            .ToListAsync(cancellationToken);

    public string Name(Guid? id) => id is { } value && LeadNames.TryGetValue(value, out var name) ? name : "(unknown)";

    public sealed record ReadRow(DateTime AtUtc, string Reader, string? Reason);

    public sealed class InputModel
    {
        [StringLength(Concern.ReasonMaxLength, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "Why do you need to read what was shared? (recorded in the audit log)")]
        public string? ReadReason { get; set; }

        [StringLength(Concern.NoteMaxLength, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "Note")]
        public string? Note { get; set; }

        [StringLength(Concern.EscalatedToMaxLength, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "Escalated to (service or person)")]
        public string? EscalatedTo { get; set; }

        [Display(Name = "When (your time)")]
        [DataType(DataType.DateTime)]
        public DateTime? EscalatedAt { get; set; }

        [StringLength(Concern.OutcomeMaxLength, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "Outcome of the escalation (if known)")]
        public string? EscalationOutcome { get; set; }

        [StringLength(Concern.OutcomeMaxLength, ErrorMessage = "Keep it to {1} characters.")]
        [Display(Name = "Outcome")]
        public string? Outcome { get; set; }
    }
}
