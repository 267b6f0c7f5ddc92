using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeerCircle.Data;
using PeerCircle.Domain.Safeguarding;

namespace PeerCircle.Web.Safeguarding;

/// <summary>
/// The risk detector built from the admin-edited phrase list, shared by every request of this instance.
/// An edit on this instance takes effect at once (<see cref="Invalidate"/>); other instances read the
/// list again within <see cref="SafeguardingOptions.PhraseCacheSeconds"/>.
/// </summary>
public sealed class RiskPhraseCache(TimeProvider time, IOptions<SafeguardingOptions> options)
{
    private volatile Loaded? _loaded;

    public async Task<RiskPhraseDetector> GetAsync(PeerCircleDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow().UtcDateTime;
        if (_loaded is { } loaded && loaded.Until > now)
        {
            return loaded.Detector;
        }

        var phrases = await db.RiskPhrases.AsNoTracking().Select(p => p.Phrase).ToListAsync(cancellationToken);
        var detector = new RiskPhraseDetector(phrases);
        _loaded = new Loaded(detector, now.AddSeconds(options.Value.PhraseCacheSeconds));
        return detector;
    }

    public void Invalidate() => _loaded = null;

    private sealed record Loaded(RiskPhraseDetector Detector, DateTime Until);
}
