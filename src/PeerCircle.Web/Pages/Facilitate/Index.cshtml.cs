using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Facilitation;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Domain.Time;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Notifications;

namespace PeerCircle.Web.Pages.Facilitate;

/// <summary>
/// The facilitator's dashboard: my upcoming sessions, join requests waiting in the groups I
/// facilitate (decided here), sessions that need attendance, and my training that expires soon.
/// </summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time, SessionEmails emails, ILogger<IndexModel> logger) : PageModel
{
    public const int ExpiryWarningDays = 30;
    public const int AttendanceDays = 14;

    public const string AlreadyDecided = "This request has already been decided.";

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<SessionRow> Upcoming { get; private set; } = [];

    public IReadOnlyList<SessionRow> NeedAttendance { get; private set; } = [];

    public IReadOnlyList<RequestRow> Requests { get; private set; } = [];

    public IReadOnlyList<TrainingRow> ExpiringTraining { get; private set; } = [];

    public bool HasValidTraining { get; private set; }

    /// <summary>Draft safeguarding concerns waiting for review in the groups I facilitate.</summary>
    public int DraftConcerns { get; private set; }

    public async Task OnGetAsync() => await ShowAsync();

    public Task<IActionResult> OnPostApproveAsync(Guid membershipId) => DecideAsync(membershipId, approve: true);

    public Task<IActionResult> OnPostDeclineAsync(Guid membershipId) => DecideAsync(membershipId, approve: false);

    private async Task<IActionResult> DecideAsync(Guid membershipId, bool approve)
    {
        var me = User.GetUserId();
        // Only requests to groups this facilitator looks after: anything else is "not found".
        var membership = await db.Memberships
            .Where(m => m.Id == membershipId && db.Groups.Any(g => g.Id == m.GroupId && g.Facilitators.Any(f => f.UserId == me)))
            .SingleOrDefaultAsync();
        if (membership is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!ModelState.TryDomain(() =>
            {
                if (approve)
                {
                    membership.Approve(me, now);
                }
                else
                {
                    membership.Decline(me, now);
                }
            }))
        {
            await ShowAsync();
            return Page();
        }

        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another facilitator (or a second click) decided this request first: theirs stands, and only they tell the member.
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, AlreadyDecided);
            await ShowAsync();
            return Page();
        }

        logger.LogInformation(new EventId(5401, "JoinRequestDecided"), "Membership {MembershipId} {Outcome}", membership.Id, approve ? "approved" : "declined");
        var told = true;
        try
        {
            await emails.SendJoinDecisionAsync(membership.UserId, membership.GroupId, approve);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The decision is saved; only the email failed.
            told = false;
            logger.LogWarning(new EventId(5409, "JoinDecisionEmailFailed"), ex, "Join decision email for membership {MembershipId} could not be sent", membership.Id);
        }

        var who = await db.Users.Where(u => u.Id == membership.UserId).Select(u => u.Pseudonym).SingleAsync();
        StatusMessage = (approve ? $"{who} is now a member." : $"{who}'s request was declined.")
            + (told ? " They have been told by email." : " The email to tell them could not be sent.");
        return RedirectToPage();
    }

    private async Task ShowAsync()
    {
        var me = User.GetUserId();
        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddMinutes(-Session.MaxDurationMinutes);
        var mine = db.Sessions.AsNoTracking().Where(s => s.Facilitators.Any(f => f.UserId == me));

        var upcoming = await mine
            .Where(s => (s.Status == SessionStatus.Scheduled || s.Status == SessionStatus.Live) && s.StartUtc >= since)
            .OrderBy(s => s.StartUtc).Take(50)
            .Join(db.Groups, s => s.GroupId, g => g.Id, (s, g) => new SessionRow(s.Id, g.Name, s.StartUtc, s.DurationMinutes, s.Topic, s.SeatsTaken, s.Capacity, s.Status))
            .ToListAsync();
        Upcoming = upcoming.Where(s => s.Status == SessionStatus.Live || s.StartUtc.AddMinutes(s.DurationMinutes) > now).ToList();

        var endedSince = now.AddDays(-AttendanceDays);
        NeedAttendance = await mine
            .Where(s => s.Status == SessionStatus.Ended && s.EndedUtc >= endedSince
                && s.Bookings.Any(b => b.Status == BookingStatus.Going && b.Attendance == Attendance.Unknown))
            .OrderByDescending(s => s.StartUtc)
            .Join(db.Groups, s => s.GroupId, g => g.Id, (s, g) => new SessionRow(s.Id, g.Name, s.StartUtc, s.DurationMinutes, s.Topic, s.SeatsTaken, s.Capacity, s.Status))
            .ToListAsync();

        Requests = await (
                from m in db.Memberships.AsNoTracking()
                where m.Status == MembershipStatus.Pending
                join g in db.Groups on m.GroupId equals g.Id
                where g.Facilitators.Any(f => f.UserId == me)
                join u in db.Users on m.UserId equals u.Id
                orderby m.RequestedUtc
                select new RequestRow(m.Id, g.Name, u.Pseudonym, m.RequestedUtc))
            .ToListAsync();

        DraftConcerns = await db.Concerns.CountAsync(c => c.Status == Domain.Safeguarding.ConcernStatus.Draft
            && db.Groups.Any(g => g.Id == c.GroupId && g.Facilitators.Any(f => f.UserId == me)));

        var myTraining = await db.TrainingRecords.AsNoTracking().Where(t => t.UserId == me).ToListAsync();
        var today = DateOnly.FromDateTime(Zones.ToLocal(now, User.GetTimeZoneId()));
        HasValidTraining = TrainingRecord.AnyValidOn(myTraining, today);
        ExpiringTraining = myTraining
            .Where(t => t.ExpiresOn >= today && t.ExpiresOn <= today.AddDays(ExpiryWarningDays))
            .OrderBy(t => t.ExpiresOn)
            .Select(t => new TrainingRow(t.Course, t.Provider, t.ExpiresOn, t.IsVerified, t.ExpiresOn.DayNumber - today.DayNumber))
            .ToList();
    }

    public sealed record SessionRow(Guid Id, string GroupName, DateTime StartUtc, int DurationMinutes, string Topic, int SeatsTaken, int Capacity, SessionStatus Status);

    public sealed record RequestRow(Guid MembershipId, string GroupName, string Pseudonym, DateTime RequestedUtc);

    public sealed record TrainingRow(string Course, string Provider, DateOnly ExpiresOn, bool Verified, int DaysLeft);
}
