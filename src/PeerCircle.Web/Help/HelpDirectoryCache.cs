using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeerCircle.Data;
using PeerCircle.Domain.Help;
using PeerCircle.Web.Safeguarding;

namespace PeerCircle.Web.Help;

/// <summary>
/// The help directory (tens of entries), shared by every request of this instance, so "Get help now"
/// answers without reading the whole table each time (issue 9). An edit on this instance takes effect at
/// once (<see cref="Invalidate"/>); other instances read it again within
/// <see cref="SafeguardingOptions.HelpCacheSeconds"/>. The entries are read-only once cached.
/// </summary>
public sealed class HelpDirectoryCache(TimeProvider time, IOptions<SafeguardingOptions> options)
{
    private volatile Loaded? _loaded;

    public async Task<IReadOnlyList<HelpEntry>> GetAsync(PeerCircleDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        if (_loaded is { } loaded && loaded.Until > now)
        {
            return loaded.Entries;
        }

        var entries = await db.HelpEntries.AsNoTracking().ToListAsync(cancellationToken);
        _loaded = new Loaded(entries, now.AddSeconds(options.Value.HelpCacheSeconds));
        return entries;
    }

    public void Invalidate() => _loaded = null;

    private sealed record Loaded(IReadOnlyList<HelpEntry> Entries, DateTime Until);
}
