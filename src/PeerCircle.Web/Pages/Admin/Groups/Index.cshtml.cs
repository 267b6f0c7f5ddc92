using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain.Groups;

namespace PeerCircle.Web.Pages.Admin.Groups;

/// <summary>Every group, archived ones included, with its status and links to look after it.</summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        Groups = await db.Groups.AsNoTracking()
            .OrderBy(g => g.Status).ThenBy(g => g.Name)
            .Select(g => new GroupRow(
                g.Id, g.Name, g.Status, g.Format, g.TimeZoneId, g.JoinPolicy, g.Listed, g.RequiresCoFacilitation,
                g.Facilitators.Count,
                db.Sessions.Count(s => s.GroupId == g.Id && s.Status == Domain.Sessions.SessionStatus.Scheduled && s.StartUtc > now)))
            .ToListAsync();
    }

    public sealed record GroupRow(
        Guid Id, string Name, GroupStatus Status, GroupFormat Format, string TimeZoneId, JoinPolicy JoinPolicy,
        bool Listed, bool RequiresCoFacilitation, int Facilitators, int UpcomingSessions);
}
