using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Time;
using PeerCircle.Web.Facilitation;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;

namespace PeerCircle.Web.Pages.Admin.Sessions;

/// <summary>Which occurrences a change applies to.</summary>
public enum OccurrenceScope
{
    /// <summary>Only this session; a session of a series is then edited on its own.</summary>
    ThisSession,

    /// <summary>This session and every later one of its series that was not edited on its own.</summary>
    ThisAndFollowing,
}

/// <summary>
/// Changes one session: its time and details (this one, or this and the following ones of its
/// series), its facilitators (training checked), or cancels it (this one or the following ones),
/// telling everyone who was booked.
/// </summary>
public sealed class EditModel(PeerCircleDbContext db, TimeProvider time, SessionEmails emails, Notifier notifier, ILogger<EditModel> logger) : PageModel
{
    public const string ConflictMessage =
        "This session changed while you were editing (someone booked, cancelled or edited it). Nothing was saved; here is the current version.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public SessionInfo Info { get; private set; } = null!;

    public IReadOnlyList<Person> Assigned { get; private set; } = [];

    public IReadOnlyList<Person> Available { get; private set; } = [];

    public bool CanChange => Info.Status == SessionStatus.Scheduled && !Info.GroupArchived;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        FillInput();
        return Page();
    }

    public async Task<IActionResult> OnPostRescheduleAsync(Guid id)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        if (Input.Scope == OccurrenceScope.ThisSession && Input.Date is null)
        {
            ModelState.AddModelError("Input.Date", "Enter the new date.");
        }

        if (Input.Scope == OccurrenceScope.ThisAndFollowing && Info.SeriesId is null)
        {
            ModelState.AddModelError(string.Empty, "This session is not part of a series.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (Input.Date is { } date)
        {
            var today = DateOnly.FromDateTime(Zones.ToLocal(now, Info.TimeZoneId));
            if (date < today || date > today.AddYears(Groups.ScheduleModel.MaxYearsAhead))
            {
                ModelState.AddModelError("Input.Date", date < today
                    ? "A session must start in the future: choose today or a later date."
                    : $"Sessions can be planned up to {Groups.ScheduleModel.MaxYearsAhead} years ahead.");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (session, group) = await LoadAsync(id, includeBookings: false);
        List<Session> changed;
        if (Input.Scope == OccurrenceScope.ThisSession)
        {
            var startUtc = Zones.ToUtc(Input.Date!.Value.ToDateTime(Input.Time!.Value), group.TimeZoneId);
            if (!ModelState.TryDomain(() => session.Reschedule(startUtc, Input.DurationMinutes, Input.Topic, Input.Capacity, now)))
            {
                return Page();
            }

            if (session.SeriesId is not null)
            {
                session.DetachFromSeries();
            }

            changed = [session];
        }
        else
        {
            var series = await db.SessionSeries.SingleAsync(s => s.Id == session.SeriesId);
            var following = await db.Sessions.Include(s => s.Facilitators)
                .Where(s => s.SeriesId == series.Id && s.StartUtc >= session.StartUtc)
                .ToListAsync();
            var before = following.ToDictionary(s => s.Id, s => s.ConcurrencyStamp);
            if (!ModelState.TryDomain(() => series.RescheduleFuture(following, Input.Time!.Value, Input.DurationMinutes, Input.Topic, Input.Capacity, now)))
            {
                return Page();
            }

            changed = following.Where(s => s.ConcurrencyStamp != before[s.Id]).ToList();
        }

        if (!await CheckFacilitatorsStillTrainedAsync(group, changed) || !await TrySaveAsync(id))
        {
            return Page();
        }

        logger.LogInformation(new EventId(5202, "SessionsRescheduled"), "{Count} sessions rescheduled from session {SessionId}", changed.Count, id);
        StatusMessage = changed.Count switch
        {
            0 => "No sessions needed changing: the following sessions of the series were already edited on their own, or are over.",
            1 => $"The session is now on {LocalTimes.Format(changed[0].StartUtc, group.TimeZoneId)} ({group.TimeZoneId}).",
            _ => $"{changed.Count} sessions of the series were changed.",
        };
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, OccurrenceScope cancelScope, bool confirmCancel)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        ModelState.Clear();
        FillInput();
        if (!confirmCancel)
        {
            ModelState.AddModelError("ConfirmCancel", "Tick the box to confirm the cancellation.");
            return Page();
        }

        if (cancelScope == OccurrenceScope.ThisAndFollowing && Info.SeriesId is null)
        {
            ModelState.AddModelError(string.Empty, "This session is not part of a series.");
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (session, _) = await LoadAsync(id, includeBookings: true);
        var toTell = new List<(Guid SessionId, IReadOnlyList<Guid> People)>();
        if (cancelScope == OccurrenceScope.ThisSession)
        {
            if (!ModelState.TryDomain(() => toTell.Add((session.Id, session.Cancel(now)))))
            {
                return Page();
            }
        }
        else
        {
            var series = await db.SessionSeries.SingleAsync(s => s.Id == session.SeriesId);
            var following = await db.Sessions.Include(s => s.Bookings)
                .Where(s => s.SeriesId == series.Id && s.StartUtc >= session.StartUtc)
                .ToListAsync();
            if (!ModelState.TryDomain(() => toTell.AddRange(series.CancelFuture(following, now).Select(c => (c.Session.Id, c.People)))))
            {
                return Page();
            }
        }

        // Saved with the cancellation: an in-app notice for everyone booked (the email follows below).
        foreach (var person in toTell.SelectMany(t => t.People).Distinct())
        {
            notifier.Notify(person, Notifier.SessionCancelled, "/Sessions/Mine", email: false);
        }

        if (!await TrySaveAsync(id))
        {
            return Page();
        }

        // The cancellation is saved: a mail failure must not hide that, only be reported.
        var unsent = false;
        foreach (var (sessionId, people) in toTell.Where(t => t.People.Count > 0))
        {
            try
            {
                await emails.SendSessionCancelledAsync(people, sessionId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                unsent = true;
                logger.LogWarning(new EventId(5209, "CancellationEmailFailed"), ex, "Cancellation emails for session {SessionId} could not be sent", sessionId);
            }
        }

        var told = toTell.Sum(t => t.People.Count);
        logger.LogInformation(new EventId(5203, "SessionsCancelled"), "{Count} sessions cancelled from session {SessionId}; {People} bookings told", toTell.Count, id, told);
        StatusMessage = (toTell.Count == 1 ? "The session is cancelled." : $"{toTell.Count} sessions are cancelled.")
            + (told == 0 ? " Nobody was booked." : $" {told} {(told == 1 ? "person was" : "people were")} told by email.")
            + (unsent ? " Some emails could not be sent: please tell the people booked another way." : "");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAssignFacilitatorAsync(Guid id, Guid? userId)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        ModelState.Clear();
        FillInput();
        var person = Available.SingleOrDefault(p => p.Id == userId);
        if (person is null)
        {
            ModelState.AddModelError("UserId", "Choose a facilitator of this group from the list.");
            return Page();
        }

        var (session, group) = await LoadAsync(id, includeBookings: false);
        var training = await db.TrainingByPersonAsync([person.Id]);
        if (!ModelState.TryDomain(() => session.AssignFacilitator(group, person.Id, training[person.Id], time.GetUtcNow().UtcDateTime), "UserId")
            || !await TrySaveAsync(id))
        {
            return Page();
        }

        logger.LogInformation(new EventId(5204, "SessionFacilitatorAssigned"), "Facilitator {UserId} assigned to session {SessionId}", person.Id, id);
        StatusMessage = $"{person.Pseudonym} is assigned to this session.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveFacilitatorAsync(Guid id, Guid userId)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        ModelState.Clear();
        FillInput();
        var (session, _) = await LoadAsync(id, includeBookings: false);
        if (!ModelState.TryDomain(() => session.RemoveFacilitator(userId)) || !await TrySaveAsync(id))
        {
            return Page();
        }

        logger.LogInformation(new EventId(5205, "SessionFacilitatorRemoved"), "Facilitator {UserId} removed from session {SessionId}", userId, id);
        StatusMessage = $"{Assigned.SingleOrDefault(p => p.Id == userId)?.Pseudonym ?? "The facilitator"} is no longer assigned to this session.";
        return RedirectToPage(new { id });
    }

    /// <summary>A moved session keeps its facilitators only if their training is valid on its new date.</summary>
    private async Task<bool> CheckFacilitatorsStillTrainedAsync(Group group, IReadOnlyList<Session> sessions)
    {
        var training = await db.TrainingByPersonAsync(sessions.SelectMany(s => s.Facilitators).Select(f => f.UserId));
        foreach (var session in sessions)
        {
            var date = session.LocalDate(group);
            foreach (var facilitator in session.Facilitators.Where(f => !TrainingRecord.AnyValidOn(training[f.UserId], date)))
            {
                var name = Assigned.SingleOrDefault(p => p.Id == facilitator.UserId)?.Pseudonym
                    ?? (await db.PseudonymsAsync([facilitator.UserId])).GetValueOrDefault(facilitator.UserId, "A facilitator");
                ModelState.AddModelError(string.Empty,
                    $"{name} has no verified training valid on {date:d MMMM yyyy}. Remove them from that session first, or choose another date. Nothing was saved.");
                return false;
            }
        }

        return true;
    }

    private async Task<bool> TrySaveAsync(Guid id)
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.Clear();
            await ShowAsync(id);
            FillInput();
            ModelState.AddModelError(string.Empty, ConflictMessage);
            return false;
        }
    }

    private async Task<(Session Session, Group Group)> LoadAsync(Guid id, bool includeBookings)
    {
        var query = db.Sessions.Include(s => s.Facilitators).AsQueryable();
        if (includeBookings)
        {
            query = query.Include(s => s.Bookings);
        }

        var session = await query.AsSplitQuery().SingleAsync(s => s.Id == id);
        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == session.GroupId);
        return (session, group);
    }

    private void FillInput()
    {
        var local = Zones.ToLocal(Info.StartUtc, Info.TimeZoneId);
        Input = new InputModel
        {
            Date = DateOnly.FromDateTime(local),
            Time = TimeOnly.FromDateTime(local),
            DurationMinutes = Info.DurationMinutes,
            Topic = Info.Topic,
            Capacity = Info.Capacity,
        };
    }

    private async Task<bool> ShowAsync(Guid id)
    {
        var info = await db.Sessions.AsNoTracking().Where(s => s.Id == id)
            .Join(db.Groups, s => s.GroupId, g => g.Id, (s, g) => new SessionInfo(
                s.Id, g.Id, g.Name, g.TimeZoneId, g.Status == GroupStatus.Archived, g.RequiresCoFacilitation,
                s.StartUtc, s.DurationMinutes, s.Topic, s.Capacity, s.SeatsTaken,
                s.Bookings.Count(b => b.Status == BookingStatus.Waitlisted), s.Status, s.SeriesId, s.IsSeriesException))
            .SingleOrDefaultAsync();
        if (info is null)
        {
            return false;
        }

        Info = info;
        var assignedIds = await db.Sessions.Where(s => s.Id == id).SelectMany(s => s.Facilitators).Select(f => f.UserId).ToListAsync();
        var groupIds = await db.Groups.Where(g => g.Id == info.GroupId).SelectMany(g => g.Facilitators).Select(f => f.UserId).ToListAsync();
        var names = await db.PseudonymsAsync(assignedIds.Concat(groupIds));
        Assigned = assignedIds.Select(f => new Person(f, names.GetValueOrDefault(f, "?"))).OrderBy(p => p.Pseudonym, StringComparer.CurrentCulture).ToList();
        Available = groupIds.Except(assignedIds).Select(f => new Person(f, names.GetValueOrDefault(f, "?"))).OrderBy(p => p.Pseudonym, StringComparer.CurrentCulture).ToList();
        return true;
    }

    public sealed record SessionInfo(
        Guid Id, Guid GroupId, string GroupName, string TimeZoneId, bool GroupArchived, bool RequiresCoFacilitation,
        DateTime StartUtc, int DurationMinutes, string Topic, int Capacity, int SeatsTaken, int Waitlisted,
        SessionStatus Status, Guid? SeriesId, bool IsSeriesException);

    public sealed record Person(Guid Id, string Pseudonym);

    public sealed class InputModel
    {
        [Display(Name = "Apply to")]
        public OccurrenceScope Scope { get; set; } = OccurrenceScope.ThisSession;

        [Display(Name = "Date")]
        public DateOnly? Date { get; set; }

        [Required(ErrorMessage = "Enter the start time.")]
        [Display(Name = "Start time")]
        public TimeOnly? Time { get; set; }

        [Range(Session.MinDurationMinutes, Session.MaxDurationMinutes, ErrorMessage = "A session lasts between {1} minutes and 4 hours.")]
        [Display(Name = "Length in minutes")]
        public int DurationMinutes { get; set; } = 90;

        [StringLength(Session.TopicMaxLength, ErrorMessage = "The topic must be at most {1} characters.")]
        [Display(Name = "Topic or prompt (optional)")]
        public string? Topic { get; set; }

        [Range(Group.MinCapacity, Group.MaxCapacity, ErrorMessage = "Seats per session must be between {1} and {2}.")]
        [Display(Name = "Seats")]
        public int Capacity { get; set; } = 8;
    }
}
