using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Pages.Notifications;

/// <summary>My notifications, newest first; opening the page marks them read.</summary>
public sealed class IndexModel(PeerCircleDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<Row> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.GetUserId();
        Items = await db.Notifications.AsNoTracking().Where(n => n.UserId == me)
            .OrderByDescending(n => n.CreatedUtc).Take(100)
            .Select(n => new Row(n.Text, n.Link, n.CreatedUtc, n.ReadUtc == null))
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == me && n.ReadUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadUtc, now), cancellationToken);
    }

    public sealed record Row(string Text, string? Link, DateTime CreatedUtc, bool IsNew);
}
