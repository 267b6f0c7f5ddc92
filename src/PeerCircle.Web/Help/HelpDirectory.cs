using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Help;

namespace PeerCircle.Web.Help;

/// <summary>
/// Reads the help directory for "Get help now", the caring page after a risky post, and signposting.
/// It must work when little else does: if the database cannot be read, the page still says to call the
/// local emergency number (<see cref="HelpOptions.Fallback"/>).
/// </summary>
public sealed class HelpDirectory(PeerCircleDbContext db, UserManager<ApplicationUser> users, HelpDirectoryCache cache, ILogger<HelpDirectory> logger)
{
    /// <summary>
    /// The viewer's region: one picked on the page, else the signed-in person's profile, else the
    /// browser's language, else "Somewhere else".
    /// </summary>
    public async Task<HelpRegion> RegionForAsync(string? requested, ClaimsPrincipal user, string? acceptLanguage)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (HelpRegions.IsKnown(requested))
        {
            return HelpRegions.Find(requested);
        }

        string? code = null;
        if (user.Identity?.IsAuthenticated == true)
        {
            try
            {
                code = (await users.GetUserAsync(user))?.Region;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
            {
                logger.LogWarning(new EventId(3001, "HelpRegionUnavailable"), "Profile region unavailable; using the browser language");
            }
        }

        return HelpRegions.Find(code ?? HelpRegions.FromAcceptLanguage(acceptLanguage));
    }

    /// <summary>At most three urgent options for the region (one of each urgent kind), then the other services by kind.</summary>
    public async Task<HelpOptions> ForRegionAsync(HelpRegion region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        IReadOnlyList<HelpEntry> entries;
        try
        {
            // The directory is small (tens of entries): read it whole (cached) and choose here, the same on both providers.
            entries = await cache.GetAsync(db, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogError(new EventId(3002, "HelpDirectoryUnavailable"), ex, "The help directory could not be read; showing the fallback");
            return HelpOptions.Fallback(region);
        }

        var local = entries.Where(e => e.ServesRegion(region.Code)).OrderBy(e => e.Kind).ThenBy(e => e.SortOrder).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
        var urgent = HelpEntry.UrgentKinds.Select(kind => local.FirstOrDefault(e => e.Kind == kind)).OfType<HelpEntry>().ToList();
        var anywhere = region.Code == HelpRegions.International
            ? []
            : entries.Where(e => e.ServesRegion(HelpRegions.International) && !e.IsUrgent);
        var others = local.Except(urgent).Concat(anywhere)
            .OrderBy(e => e.Kind).ThenBy(e => e.SortOrder).ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        return new HelpOptions(region, urgent, others, false);
    }

    /// <summary>Entries by id, for signposting (in the order given).</summary>
    public async Task<IReadOnlyList<HelpEntry>> FindAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var found = await db.HelpEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken);
        return [.. ids.Select(id => found.FirstOrDefault(e => e.Id == id)).OfType<HelpEntry>()];
    }

    /// <summary>How to reach a service, in one line (for a notification): "call 116 123, text SHOUT to 85258, https://...".</summary>
    public static string Contact(HelpEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var ways = new List<string>();
        if (entry.Phone is not null)
        {
            ways.Add($"call {entry.Phone}");
        }

        if (entry.TextNumber is not null)
        {
            ways.Add(entry.TextKeyword is null ? $"text {entry.TextNumber}" : $"text {entry.TextKeyword} to {entry.TextNumber}");
        }

        if (entry.Url is not null)
        {
            ways.Add(entry.Url);
        }

        return string.Join(", ", ways);
    }
}

/// <summary>What "Get help now" shows for a region.</summary>
public sealed record HelpOptions(HelpRegion Region, IReadOnlyList<HelpEntry> Urgent, IReadOnlyList<HelpEntry> Others, bool IsFallback)
{
    /// <summary>With the database down: the local emergency number, and nothing that could be out of date.</summary>
    public static HelpOptions Fallback(HelpRegion region) => new(region, [], [], true);
}
