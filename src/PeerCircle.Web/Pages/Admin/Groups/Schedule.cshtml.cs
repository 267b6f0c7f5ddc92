using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Time;
using PeerCircle.Web.Facilitation;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Pages.Admin.Groups;

/// <summary>
/// A group's upcoming sessions, and scheduling new ones: once, or as a weekly, fortnightly or monthly
/// series planned in the group's own time zone. Chosen facilitators are assigned to every new
/// session; if one of them has no valid training on any of the dates, nothing is scheduled.
/// </summary>
public sealed class ScheduleModel(PeerCircleDbContext db, TimeProvider time, ILogger<ScheduleModel> logger) : PageModel
{
    /// <summary>How far ahead a session can be planned.</summary>
    public const int MaxYearsAhead = 2;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public GroupInfo Info { get; private set; } = null!;

    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    public IReadOnlyList<FacilitatorChoice> Facilitators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        Input = new InputModel { Capacity = Info.Capacity };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(Zones.ToLocal(now, Info.TimeZoneId));
        if (Input.Date is { } date && (date < today || date > today.AddYears(MaxYearsAhead)))
        {
            ModelState.AddModelError("Input.Date", date < today
                ? "A session must start in the future: choose today or a later date."
                : $"Sessions can be planned up to {MaxYearsAhead} years ahead.");
        }

        var facilitatorIds = Input.FacilitatorIds.Distinct().ToList();
        if (facilitatorIds.Any(f => Facilitators.All(c => c.Id != f)))
        {
            ModelState.AddModelError("Input.FacilitatorIds", "Choose facilitators of this group from the list.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var group = await db.Groups.AsNoTracking().SingleAsync(g => g.Id == id);
        var training = await db.TrainingByPersonAsync(facilitatorIds);
        SessionSeries? series = null;
        IReadOnlyList<Session> sessions = [];
        var scheduled = ModelState.TryDomain(() =>
        {
            var localDate = Input.Date!.Value;
            var localTime = Input.Time!.Value;
            if (Input.Frequency is { } frequency)
            {
                series = new SessionSeries(group, frequency, localDate, localTime, Input.DurationMinutes, Input.Topic, Input.Capacity, Input.Occurrences, now);
                sessions = series.CreateSessions(group, now);
            }
            else
            {
                var startUtc = Zones.ToUtc(localDate.ToDateTime(localTime), group.TimeZoneId);
                sessions = [new Session(group, startUtc, Input.DurationMinutes, Input.Topic, Input.Capacity, now)];
            }

            foreach (var facilitatorId in facilitatorIds)
            {
                var name = Facilitators.Single(c => c.Id == facilitatorId).Pseudonym;
                foreach (var session in sessions)
                {
                    try
                    {
                        session.AssignFacilitator(group, facilitatorId, training[facilitatorId], now);
                    }
                    catch (DomainException ex)
                    {
                        throw new DomainException($"{name}: {ex.Message} Nothing was scheduled.", ex);
                    }
                }
            }
        });
        if (!scheduled)
        {
            return Page();
        }

        if (series is not null)
        {
            db.SessionSeries.Add(series);
        }

        db.Sessions.AddRange(sessions);
        await db.SaveChangesAsync();
        logger.LogInformation(new EventId(5201, "SessionsScheduled"), "{Count} sessions scheduled for group {GroupId}", sessions.Count, id);
        StatusMessage = sessions.Count == 1
            ? $"The session on {LocalTimes.Format(sessions[0].StartUtc, group.TimeZoneId)} is scheduled."
            : $"{sessions.Count} sessions are scheduled, from {LocalTimes.Format(sessions[0].StartUtc, group.TimeZoneId, "date")} to {LocalTimes.Format(sessions[^1].StartUtc, group.TimeZoneId, "date")}.";
        return RedirectToPage(new { id });
    }

    private async Task<bool> ShowAsync(Guid id)
    {
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == id)
            .Select(g => new GroupInfo(g.Id, g.Name, g.TimeZoneId, g.Capacity, g.Status == GroupStatus.Archived, g.RequiresCoFacilitation))
            .SingleOrDefaultAsync();
        if (group is null)
        {
            return false;
        }

        Info = group;
        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddMinutes(-Session.MaxDurationMinutes);
        var rows = await db.Sessions.AsNoTracking()
            .Where(s => s.GroupId == id && s.StartUtc >= since)
            .OrderBy(s => s.StartUtc).Take(200)
            .Select(s => new
            {
                s.Id, s.StartUtc, s.DurationMinutes, s.Topic, s.Capacity, s.SeatsTaken, s.Status, InSeries = s.SeriesId != null, s.IsSeriesException,
                Facilitators = s.Facilitators.Select(f => f.UserId).ToList(),
            })
            .ToListAsync();
        var groupFacilitators = await db.Groups.Where(g => g.Id == id).SelectMany(g => g.Facilitators).Select(f => f.UserId).ToListAsync();
        var names = await db.PseudonymsAsync(rows.SelectMany(r => r.Facilitators).Concat(groupFacilitators));
        Sessions = rows
            .Where(r => r.StartUtc.AddMinutes(r.DurationMinutes) > now)
            .Select(r => new SessionRow(r.Id, r.StartUtc, r.DurationMinutes, r.Topic, r.Capacity, r.SeatsTaken, r.Status, r.InSeries, r.IsSeriesException,
                r.Facilitators.Select(f => names.GetValueOrDefault(f, "?")).Order(StringComparer.CurrentCulture).ToList()))
            .ToList();

        var training = await db.TrainingByPersonAsync(groupFacilitators);
        var today = DateOnly.FromDateTime(Zones.ToLocal(now, group.TimeZoneId));
        Facilitators = groupFacilitators
            .Select(f => new FacilitatorChoice(f, names.GetValueOrDefault(f, "?"),
                training[f].Where(t => t.IsVerified && t.ExpiresOn >= today).Select(t => (DateOnly?)t.ExpiresOn).Max()))
            .OrderBy(f => f.Pseudonym, StringComparer.CurrentCulture)
            .ToList();
        return true;
    }

    public sealed record GroupInfo(Guid Id, string Name, string TimeZoneId, int Capacity, bool IsArchived, bool RequiresCoFacilitation);

    public sealed record SessionRow(
        Guid Id, DateTime StartUtc, int DurationMinutes, string Topic, int Capacity, int SeatsTaken, SessionStatus Status,
        bool InSeries, bool IsSeriesException, IReadOnlyList<string> Facilitators);

    /// <summary>A facilitator of the group and the last day their verified training is valid (null: none valid now).</summary>
    public sealed record FacilitatorChoice(Guid Id, string Pseudonym, DateOnly? TrainedUntil);

    public sealed class InputModel
    {
        [Display(Name = "Repeats")]
        public RecurrenceFrequency? Frequency { get; set; }

        [Required(ErrorMessage = "Enter the date of the (first) session.")]
        [Display(Name = "Date (the first one, for a series)")]
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

        [Display(Name = "Number of sessions (for a series)")]
        public int Occurrences { get; set; } = 6;

        [Display(Name = "Facilitators")]
        public List<Guid> FacilitatorIds { get; set; } = [];
    }
}
