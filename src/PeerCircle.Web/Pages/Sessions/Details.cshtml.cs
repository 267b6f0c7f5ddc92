using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Calendar;
using PeerCircle.Web.Groups;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Sessions;

namespace PeerCircle.Web.Pages.Sessions;

/// <summary>
/// One session: when (in my time zone), how long, what about, where, seats and waitlist, my booking;
/// book, cancel, or download it for my calendar. Who may see it is <see cref="GroupAccess"/>'s rule;
/// who may book is the domain's (<see cref="Session.Reserve"/>), made safe under concurrency by
/// <see cref="BookingService"/>.
/// </summary>
public sealed class DetailsModel(PeerCircleDbContext db, TimeProvider time, BookingService bookings, PublicLinks links) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public SessionView Session { get; private set; } = null!;

    public IReadOnlyList<string> Facilitators { get; private set; } = [];

    public int? WaitlistPosition { get; private set; }

    public DateTime NowUtc { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The session as an .ics file. In discreet mode it says "PeerCircle session" and nothing more.</summary>
    public async Task<IActionResult> OnGetCalendarAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var me = User.GetUserId();
        var discreet = await db.Users.Where(u => u.Id == me).Select(u => u.DiscreetMode).SingleAsync(cancellationToken);
        var s = Session;
        var entry = new CalendarEntry(s.Id, s.StartUtc, s.DurationMinutes, s.GroupName, s.Topic, s.Location,
            s.MyBooking == BookingStatus.Waitlisted, links.Page("/Sessions/Details", new { id = s.Id }));
        Response.Headers.CacheControl = "no-store";
        return File(SessionCalendar.Write([entry], discreet, NowUtc), SessionCalendar.ContentType, SessionCalendar.FileName);
    }

    public async Task<IActionResult> OnPostBookAsync(Guid id, CancellationToken cancellationToken)
    {
        // The access check is the page's own query; the rest of the page (facilitators, waitlist place) is read
        // only if the page is shown again, with the reason (issue 9: a booking is a write on SQLite's one writer).
        if (!await LoadAsync(id, cancellationToken, withDetails: false))
        {
            return NotFound();
        }

        var status = BookingStatus.Cancelled;
        if (!await ModelState.TryDomainAsync(async () => status = await bookings.ReserveAsync(id, User.GetUserId(), cancellationToken)))
        {
            return await PageAgainAsync(id, cancellationToken);
        }

        StatusMessage = status == BookingStatus.Going
            ? "You have a seat in this session. See you there!"
            : "This session is full, so you are on the waitlist. If a seat opens up it's yours, and we'll email you.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken, withDetails: false))
        {
            return NotFound();
        }

        var wasWaitlisted = Session.MyBooking == BookingStatus.Waitlisted;
        if (!await ModelState.TryDomainAsync(() => bookings.CancelAsync(id, User.GetUserId(), cancellationToken)))
        {
            return await PageAgainAsync(id, cancellationToken);
        }

        StatusMessage = wasWaitlisted
            ? "You are off the waitlist for this session."
            : "Your booking is cancelled. Thank you for letting someone else have the seat.";
        return RedirectToPage(new { id });
    }

    // The session with the viewer's booking, membership and role in one query, compiled once
    // (EF.CompileAsyncQuery): EF Core otherwise builds, hashes and looks up the expression tree on every
    // request (issue 9, docs/performance.md).
    private static readonly Func<PeerCircleDbContext, Guid, Guid, CancellationToken, Task<SessionView?>> s_session = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, Guid id, Guid me, CancellationToken cancellationToken) => db.Sessions.AsNoTracking()
            .Where(s => s.Id == id)
            .Join(db.Groups, s => s.GroupId, g => g.Id, (s, g) => new SessionView(
                s.Id, g.Id, g.Name, g.Format, g.Location, g.TimeZoneId, g.Listed, g.Status, g.CurrentAgreementVersion,
                s.StartUtc, s.DurationMinutes, s.Topic, s.Capacity, s.SeatsTaken, s.Status,
                db.Bookings.Count(b => b.SessionId == s.Id && b.Status == BookingStatus.Waitlisted),
                db.Bookings.Where(b => b.SessionId == s.Id && b.UserId == me && b.Status != BookingStatus.Cancelled)
                    .Select(b => (BookingStatus?)b.Status).FirstOrDefault(),
                db.Bookings.Where(b => b.SessionId == s.Id && b.UserId == me && b.Status != BookingStatus.Cancelled)
                    .Select(b => (DateTime?)b.BookedUtc).FirstOrDefault(),
                db.Memberships.Where(m => m.GroupId == g.Id && m.UserId == me).Select(m => (MembershipStatus?)m.Status).FirstOrDefault(),
                db.Memberships.Where(m => m.GroupId == g.Id && m.UserId == me).Select(m => (int?)m.AcceptedAgreementVersion).FirstOrDefault(),
                g.Facilitators.Any(f => f.UserId == me) || s.Facilitators.Any(f => f.UserId == me)))
            .SingleOrDefault());

    /// <summary>The page once more after a refused booking or cancellation, read fresh, with the reason.</summary>
    private async Task<IActionResult> PageAgainAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>
    /// Reads the session and checks the viewer may see it (<see cref="GroupAccess"/>); with details, also what
    /// only the page shows: its facilitators and the viewer's place on the waitlist.
    /// </summary>
    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken, bool withDetails = true)
    {
        var me = User.GetUserId();
        NowUtc = time.GetUtcNow().UtcDateTime;
        var session = await s_session(db, id, me, cancellationToken);
        if (session is null)
        {
            return false;
        }

        var viewer = new GroupAccess.Viewer(session.MembershipStatus == MembershipStatus.Active, session.IAmFacilitator, User.IsInRole(Roles.Admin));
        if (!GroupAccess.CanSeeSessions(viewer, session.GroupStatus, session.Listed))
        {
            return false;
        }

        Session = session;
        if (!withDetails)
        {
            return true;
        }

        Facilitators = await db.Sessions.Where(s => s.Id == id)
            .SelectMany(s => s.Facilitators)
            .Join(db.Users, f => f.UserId, u => u.Id, (f, u) => u.Pseudonym)
            .OrderBy(p => p)
            .ToListAsync(cancellationToken);
        if (session is { MyBooking: BookingStatus.Waitlisted, MyBookedUtc: { } booked })
        {
            // The waitlist is served in booking order (Session.CancelBooking).
            WaitlistPosition = 1 + await db.Bookings.CountAsync(
                b => b.SessionId == id && b.Status == BookingStatus.Waitlisted && b.BookedUtc < booked, cancellationToken);
        }

        return true;
    }

    public sealed record SessionView(
        Guid Id, Guid GroupId, string GroupName, GroupFormat Format, string Location, string GroupTimeZoneId, bool Listed,
        GroupStatus GroupStatus, int AgreementVersion, DateTime StartUtc, int DurationMinutes, string Topic, int Capacity,
        int SeatsTaken, SessionStatus Status, int WaitlistLength, BookingStatus? MyBooking, DateTime? MyBookedUtc,
        MembershipStatus? MembershipStatus, int? AcceptedAgreementVersion, bool IAmFacilitator)
    {
        public int SeatsLeft => Math.Max(0, Capacity - SeatsTaken);

        public bool IsMember => MembershipStatus == Domain.Groups.MembershipStatus.Active;

        public bool NeedsNewAgreement => IsMember && AcceptedAgreementVersion != AgreementVersion;
    }
}
