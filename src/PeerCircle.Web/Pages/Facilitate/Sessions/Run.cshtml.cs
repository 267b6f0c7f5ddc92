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
using PeerCircle.Web.Rooms;

namespace PeerCircle.Web.Pages.Facilitate.Sessions;

/// <summary>
/// Runs one session for a facilitator assigned to it: start it (training of every assigned
/// facilitator checked), end it, then record who came. Anyone else gets "not found".
/// </summary>
public sealed class RunModel(PeerCircleDbContext db, TimeProvider time, RoomService rooms, ILogger<RunModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public SessionInfo Info { get; private set; } = null!;

    public IReadOnlyList<FacilitatorRow> Facilitators { get; private set; } = [];

    public IReadOnlyList<SeatRow> Seats { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        FillAttendance();
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        ModelState.Clear();
        FillAttendance();
        if (!await ModelState.TryDomainAsync(() => rooms.StartAsync(id, User.GetUserId(), cancellationToken)))
        {
            return Page();
        }

        StatusMessage = Info.IsInPerson ? "The session is live." : "The session is live and its room is open.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        ModelState.Clear();
        FillAttendance();
        if (!await ModelState.TryDomainAsync(() => rooms.EndAsync(id, User.GetUserId(), cancellationToken)))
        {
            return Page();
        }

        StatusMessage = Info.IsInPerson
            ? "The session has ended. You can record attendance below."
            : "The session has ended and its room is closed. Attendance is recorded from who came into the room; you can correct it below.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id)
    {
        if (!await ShowAsync(id))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var me = User.GetUserId();
        var session = await db.Sessions.Include(s => s.Facilitators).Include(s => s.Bookings).AsSplitQuery().SingleAsync(s => s.Id == id);
        var answered = Input.Attendance.Where(a => a.Attendance != Attendance.Unknown).ToList();
        // All or nothing: a row that is refused (e.g. someone who had no seat) saves none of them.
        if (!ModelState.TryDomain(() => answered.ForEach(a => session.RecordAttendance(me, a.UserId, a.Attendance))) || !await TrySaveAsync(id))
        {
            return Page();
        }

        logger.LogInformation(new EventId(5503, "AttendanceRecorded"), "Attendance recorded for {Count} people in session {SessionId}", answered.Count, id);
        StatusMessage = answered.Count == 1 ? "Attendance is saved for 1 person." : $"Attendance is saved for {answered.Count} people.";
        return RedirectToPage(new { id });
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
            await ShowAsync(id);
            ModelState.AddModelError(string.Empty, "The session changed at the same moment (for example a booking or the other facilitator). Nothing was saved; please check and try again.");
            return false;
        }
    }

    private void FillAttendance() =>
        Input = new InputModel { Attendance = Seats.Select(s => new AttendanceInput { UserId = s.UserId, Attendance = s.Attendance }).ToList() };

    /// <summary>Loads the session for the signed-in facilitator; false when it doesn't exist or they are not assigned to it.</summary>
    private async Task<bool> ShowAsync(Guid id)
    {
        var me = User.GetUserId();
        var info = await db.Sessions.AsNoTracking()
            .Where(s => s.Id == id && s.Facilitators.Any(f => f.UserId == me))
            .Join(db.Groups, s => s.GroupId, g => g.Id, (s, g) => new SessionInfo(
                s.Id, g.Name, g.TimeZoneId, g.RequiresCoFacilitation, g.Format == GroupFormat.InPerson, s.StartUtc, s.DurationMinutes, s.Topic, s.Capacity, s.SeatsTaken, s.Status, s.StartedUtc, s.EndedUtc))
            .SingleOrDefaultAsync();
        if (info is null)
        {
            return false;
        }

        Info = info;
        var facilitatorIds = await db.Sessions.Where(s => s.Id == id).SelectMany(s => s.Facilitators).Select(f => f.UserId).ToListAsync();
        var training = await db.TrainingByPersonAsync(facilitatorIds);
        var names = await db.PseudonymsAsync(facilitatorIds);
        var today = DateOnly.FromDateTime(Zones.ToLocal(time.GetUtcNow().UtcDateTime, info.TimeZoneId));
        Facilitators = facilitatorIds
            .Select(f => new FacilitatorRow(names.GetValueOrDefault(f, "?"), f == me, TrainingRecord.AnyValidOn(training[f], today)))
            .OrderByDescending(f => f.IsMe).ThenBy(f => f.Pseudonym, StringComparer.CurrentCulture)
            .ToList();
        Seats = await (
                from b in db.Bookings.AsNoTracking()
                where b.SessionId == id && b.Status == BookingStatus.Going
                join u in db.Users on b.UserId equals u.Id
                orderby u.Pseudonym
                select new SeatRow(b.UserId, u.Pseudonym, b.Attendance))
            .ToListAsync();
        return true;
    }

    public sealed record SessionInfo(
        Guid Id, string GroupName, string TimeZoneId, bool RequiresCoFacilitation, bool IsInPerson, DateTime StartUtc, int DurationMinutes, string Topic,
        int Capacity, int SeatsTaken, SessionStatus Status, DateTime? StartedUtc, DateTime? EndedUtc)
    {
        public DateTime OpensUtc => StartUtc - Session.OpensBeforeStart;

        public DateTime EndUtc => StartUtc.AddMinutes(DurationMinutes);
    }

    public sealed record FacilitatorRow(string Pseudonym, bool IsMe, bool TrainedToday);

    public sealed record SeatRow(Guid UserId, string Pseudonym, Attendance Attendance);

    public sealed class InputModel
    {
        public List<AttendanceInput> Attendance { get; set; } = [];
    }

    public sealed class AttendanceInput
    {
        public Guid UserId { get; set; }

        public Attendance Attendance { get; set; }
    }
}
