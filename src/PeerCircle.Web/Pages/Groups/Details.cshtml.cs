using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Accounts;
using PeerCircle.Domain.Groups;
using PeerCircle.Domain.Sessions;
using PeerCircle.Web.Groups;
using PeerCircle.Web.Infrastructure;
using PeerCircle.Web.Sessions;

namespace PeerCircle.Web.Pages.Groups;

/// <summary>
/// One group: what it is, its agreement, its facilitators (by pseudonym), its next sessions in the
/// viewer's time zone, and what I can do (join, leave, accept a new agreement). Three SQL commands
/// whatever the amount of data.
/// </summary>
public sealed class DetailsModel(PeerCircleDbContext db, TimeProvider time, BookingService bookings) : PageModel
{
    public const int UpcomingCount = 10;

    [TempData]
    public string? StatusMessage { get; set; }

    public GroupView Group { get; private set; } = null!;

    public IReadOnlyList<string> Facilitators { get; private set; } = [];

    public IReadOnlyList<SessionRow> Sessions { get; private set; } = [];

    public bool CanSeeSessions { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>Leaves the group (or withdraws a request); seats in its upcoming sessions go to the waitlist.</summary>
    public async Task<IActionResult> OnPostLeaveAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.GroupId == id && m.UserId == me, cancellationToken);
        if (membership is null)
        {
            return await LoadAsync(id, cancellationToken) ? PageWithError("You are not a member of this group.") : NotFound();
        }

        var wasPending = membership.Status == MembershipStatus.Pending;
        if (!ModelState.TryDomain(membership.Leave))
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A facilitator decided the request (or removed the member) at the same moment: show where things stand now.
            db.ChangeTracker.Clear();
            return await LoadAsync(id, cancellationToken)
                ? PageWithError("Your membership of this group changed just now. Please check it below and try again.")
                : NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var booked = await db.Bookings
            .Where(b => b.UserId == me && b.Status != BookingStatus.Cancelled)
            .Join(db.Sessions.Where(s => s.GroupId == id && s.Status == SessionStatus.Scheduled && s.StartUtc > now),
                b => b.SessionId, s => s.Id, (b, s) => s.Id)
            .ToListAsync(cancellationToken);
        foreach (var sessionId in booked)
        {
            // Each cancellation promotes the first person waiting and tells them.
            await ModelState.TryDomainAsync(() => bookings.CancelAsync(sessionId, me, cancellationToken));
        }

        StatusMessage = wasPending
            ? "Your request to join has been withdrawn."
            : booked.Count > 0
                ? "You have left the group, and your places in its upcoming sessions have been given up."
                : "You have left the group.";
        return RedirectToPage(new { id });
    }

    private PageResult PageWithError(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    // The page's three queries, compiled once (EF.CompileAsyncQuery): EF Core otherwise builds, hashes and
    // looks up each query's expression tree and pulls its parameters out again on every request, which was
    // about a sixth of the page's server CPU (issue 9, docs/performance.md).
    private static readonly Func<PeerCircleDbContext, Guid, Guid, CancellationToken, Task<GroupView?>> s_group = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, Guid id, Guid me, CancellationToken cancellationToken) => db.Groups.AsNoTracking()
            .Where(g => g.Id == id)
            .Select(g => new GroupView(
                g.Id, g.Name, g.Description, g.Format, g.Location, g.TimeZoneId, g.Capacity, g.JoinPolicy, g.Listed, g.Status,
                g.CurrentAgreementVersion,
                g.Agreements.Where(a => a.Version == g.CurrentAgreementVersion).Select(a => a.Text).FirstOrDefault() ?? string.Empty,
                // One comma-joined column, as on the group list, not a collection shaped with run-time delegates.
                db.Set<GroupTopic>().Where(x => x.GroupId == g.Id).GroupBy(x => x.GroupId)
                    .Select(x => string.Join(",", x.Select(t => t.Topic.ToString()))).FirstOrDefault(),
                g.Facilitators.Any(f => f.UserId == me),
                db.Memberships.Where(m => m.GroupId == g.Id && m.UserId == me).Select(m => (MembershipStatus?)m.Status).FirstOrDefault(),
                db.Memberships.Where(m => m.GroupId == g.Id && m.UserId == me).Select(m => (int?)m.AcceptedAgreementVersion).FirstOrDefault()))
            .SingleOrDefault());

    private static readonly Func<PeerCircleDbContext, Guid, IAsyncEnumerable<string>> s_facilitators = EF.CompileAsyncQuery<PeerCircleDbContext, Guid, string>(
        (db, id) => db.Groups.Where(g => g.Id == id)
            .SelectMany(g => g.Facilitators)
            .Join(db.Users, f => f.UserId, u => u.Id, (f, u) => u.Pseudonym)
            .OrderBy(p => p));

    private static readonly Func<PeerCircleDbContext, Guid, Guid, DateTime, IAsyncEnumerable<SessionRow>> s_sessions = EF.CompileAsyncQuery(
        (PeerCircleDbContext db, Guid id, Guid me, DateTime now) => db.Sessions.AsNoTracking()
            .Where(s => s.GroupId == id && ((s.Status == SessionStatus.Scheduled && s.StartUtc > now) || s.Status == SessionStatus.Live))
            .OrderBy(s => s.StartUtc)
            .Take(UpcomingCount)
            .Select(s => new SessionRow(
                s.Id, s.StartUtc, s.DurationMinutes, s.Topic, s.Capacity - s.SeatsTaken, s.Status,
                db.Bookings.Where(b => b.SessionId == s.Id && b.UserId == me && b.Status != BookingStatus.Cancelled)
                    .Select(b => (BookingStatus?)b.Status).FirstOrDefault())));

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        var now = time.GetUtcNow().UtcDateTime;
        var group = await s_group(db, id, me, cancellationToken);
        if (group is null)
        {
            return false;
        }

        var viewer = new GroupAccess.Viewer(group.MembershipStatus == MembershipStatus.Active, group.IAmFacilitator, User.IsInRole(Roles.Admin));
        if (!GroupAccess.CanSeeGroup(viewer, group.Status))
        {
            return false;
        }

        Group = group;
        Facilitators = await s_facilitators(db, id).ToListAsync(cancellationToken);

        CanSeeSessions = group.Status == GroupStatus.Active && GroupAccess.CanSeeSessions(viewer, group.Status, group.Listed);
        if (CanSeeSessions)
        {
            Sessions = await s_sessions(db, id, me, now).ToListAsync(cancellationToken);
        }

        return true;
    }

    public enum MemberState
    {
        None,
        Pending,
        Active,
        NeedsNewAgreement,
        Left,
        Declined,
        Removed,
    }

    public sealed record GroupView(
        Guid Id, string Name, string Description, GroupFormat Format, string Location, string TimeZoneId, int Capacity,
        JoinPolicy JoinPolicy, bool Listed, GroupStatus Status, int AgreementVersion, string AgreementText, string? TopicNames,
        bool IAmFacilitator, MembershipStatus? MembershipStatus, int? AcceptedAgreementVersion)
    {
        /// <summary>The group's topics in their enum order.</summary>
        public IEnumerable<Topic> Topics => JoinedTopics.Parse(TopicNames);

        public MemberState State => MembershipStatus switch
        {
            null => MemberState.None,
            Domain.Groups.MembershipStatus.Active or Domain.Groups.MembershipStatus.Pending when AcceptedAgreementVersion != AgreementVersion => MemberState.NeedsNewAgreement,
            Domain.Groups.MembershipStatus.Active => MemberState.Active,
            Domain.Groups.MembershipStatus.Pending => MemberState.Pending,
            Domain.Groups.MembershipStatus.Declined => MemberState.Declined,
            Domain.Groups.MembershipStatus.Removed => MemberState.Removed,
            _ => MemberState.Left,
        };

        public bool IsArchived => Status == GroupStatus.Archived;
    }

    public sealed record SessionRow(
        Guid Id, DateTime StartUtc, int DurationMinutes, string Topic, int SeatsLeft, SessionStatus Status, BookingStatus? MyBooking);
}
