using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Sessions;

namespace PeerCircle.Web.Pages.Sessions;

/// <summary>My sessions: what I am going to or waiting for, in my time zone, and a few I went to.</summary>
public sealed class MineModel(PeerCircleDbContext db, TimeProvider time, BookingService bookings) : PageModel
{
    public const int PastCount = 5;
    public const int UpcomingLimit = 100;

    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<BookingRow> Upcoming { get; private set; } = [];

    public IReadOnlyList<BookingRow> Past { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCancelAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        if (!await ModelState.TryDomainAsync(() => bookings.CancelAsync(sessionId, User.GetUserId(), cancellationToken)))
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        StatusMessage = "Your booking is cancelled. Thank you for letting someone else have the seat.";
        return RedirectToPage();
    }

    // Both queries compiled once (EF.CompileAsyncQuery): EF Core otherwise builds, hashes and looks up each
    // query's expression tree on every request (issue 9, docs/performance.md).
    private static readonly Func<PeerCircleDbContext, Guid, DateTime, IAsyncEnumerable<BookingRow>> s_upcoming = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, Guid me, DateTime now) => db.Bookings.AsNoTracking()
            .Where(b => b.UserId == me && b.Status != BookingStatus.Cancelled)
            .Join(db.Sessions, b => b.SessionId, s => s.Id, (b, s) => new { b, s })
            .Join(db.Groups, x => x.s.GroupId, g => g.Id, (x, g) => new { x.b, x.s, g })
            .Where(x => (x.s.StartUtc > now && x.s.Status != SessionStatus.Ended) || x.s.Status == SessionStatus.Live)
            .OrderBy(x => x.s.StartUtc)
            .Take(UpcomingLimit)
            .Select(x => new BookingRow(x.s.Id, x.g.Id, x.g.Name, x.s.StartUtc, x.s.DurationMinutes, x.s.Topic, x.s.Status, x.b.Status)));

    private static readonly Func<PeerCircleDbContext, Guid, DateTime, IAsyncEnumerable<BookingRow>> s_past = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, Guid me, DateTime now) => db.Bookings.AsNoTracking()
            .Where(b => b.UserId == me && b.Status != BookingStatus.Cancelled)
            .Join(db.Sessions, b => b.SessionId, s => s.Id, (b, s) => new { b, s })
            .Join(db.Groups, x => x.s.GroupId, g => g.Id, (x, g) => new { x.b, x.s, g })
            .Where(x => x.b.Status == BookingStatus.Going
                && (x.s.Status == SessionStatus.Ended || (x.s.Status == SessionStatus.Scheduled && x.s.StartUtc <= now)))
            .OrderByDescending(x => x.s.StartUtc)
            .Take(PastCount)
            .Select(x => new BookingRow(x.s.Id, x.g.Id, x.g.Name, x.s.StartUtc, x.s.DurationMinutes, x.s.Topic, x.s.Status, x.b.Status)));

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var now = time.GetUtcNow().UtcDateTime;
        Upcoming = await s_upcoming(db, me, now).ToListAsync(cancellationToken);
        Past = await s_past(db, me, now).ToListAsync(cancellationToken);
    }

    public sealed record BookingRow(
        Guid SessionId, Guid GroupId, string GroupName, DateTime StartUtc, int DurationMinutes, string Topic,
        SessionStatus SessionStatus, BookingStatus Booking);
}
