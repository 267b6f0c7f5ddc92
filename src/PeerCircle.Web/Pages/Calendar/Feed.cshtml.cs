using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.OneToOne;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Calendar;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Pages.Calendar;

/// <summary>
/// A person's private calendar feed: anonymous on purpose (calendar apps send no cookie), opened by the
/// secret token in its address (PagesSetup.PublicPages). An unknown or revoked token is "not found".
/// </summary>
public sealed class FeedModel(PeerCircleDbContext db, TimeProvider time, PublicLinks links) : PageModel
{
    /// <summary>Recent sessions stay in the feed for a while, so calendar apps don't drop them the moment they start.</summary>
    public static readonly TimeSpan KeepPast = TimeSpan.FromDays(30);

    public const int MaxEntries = 200;

    public async Task<IActionResult> OnGetAsync(string? token, CancellationToken cancellationToken)
    {
        if (!CalendarFeedTokens.LooksValid(token))
        {
            return NotFound();
        }

        var owner = await db.Users.AsNoTracking()
            .Where(u => u.CalendarFeedToken == token)
            .Select(u => new { u.Id, u.CalendarFeedToken, u.DiscreetMode })
            .SingleOrDefaultAsync(cancellationToken);
        // Compared exactly (and in constant time) here too: SQL Server compares text case-insensitively.
        if (owner?.CalendarFeedToken is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(owner.CalendarFeedToken), Encoding.UTF8.GetBytes(token)))
        {
            return NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var from = now - KeepPast;
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.UserId == owner.Id && (b.Status == BookingStatus.Going || b.Status == BookingStatus.Waitlisted))
            .Join(db.Sessions.Where(s => s.StartUtc > from && s.Status != SessionStatus.Cancelled), b => b.SessionId, s => s.Id, (b, s) => new { b, s })
            .Join(db.Groups, x => x.s.GroupId, g => g.Id, (x, g) => new { x.b, x.s, g })
            .Where(x => x.b.Status == BookingStatus.Going || x.s.StartUtc > now)
            .OrderBy(x => x.s.StartUtc)
            .Take(MaxEntries)
            .Select(x => new { x.s.Id, x.s.StartUtc, x.s.DurationMinutes, GroupName = x.g.Name, x.s.Topic, x.g.Location, x.b.Status })
            .ToListAsync(cancellationToken);

        var entries = rows.Select(r => new CalendarEntry(r.Id, r.StartUtc, r.DurationMinutes, r.GroupName, r.Topic, r.Location,
            r.Status == BookingStatus.Waitlisted, links.Page("/Sessions/Details", new { id = r.Id })));
        // Booked one-to-one check-ins of the owner's pairings (either side), while the pairing is active.
        var checkIns = await db.PairCheckIns.AsNoTracking()
            .Where(c => c.Status == PairCheckInStatus.Accepted && c.StartUtc > from)
            .Join(db.Pairings.Where(p => p.Status == PairingStatus.Active && (p.MemberId == owner.Id || p.SupporterId == owner.Id)),
                c => c.PairingId, p => p.Id, (c, p) => new { c, p })
            .OrderBy(x => x.c.StartUtc)
            .Take(MaxEntries)
            .Select(x => new
            {
                x.c.Id, x.c.StartUtc, x.c.DurationMinutes, PairingId = x.p.Id,
                Other = db.Users.Where(u => u.Id == (x.p.MemberId == owner.Id ? x.p.SupporterId : x.p.MemberId)).Select(u => u.Pseudonym).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var checkInEntries = checkIns.Select(c => new CheckInCalendarEntry(c.Id, c.StartUtc, c.DurationMinutes, c.Other ?? "your peer",
            links.Page("/OneToOne/Pairing", new { id = c.PairingId })));
        Response.Headers.CacheControl = "no-store";
        return File(SessionCalendar.Write(entries, checkInEntries, owner.DiscreetMode, now), SessionCalendar.ContentType);
    }
}
