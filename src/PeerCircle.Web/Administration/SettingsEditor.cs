using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data;
using PeerCircle.Domain;
using PeerCircle.Domain.Administration;
using PeerCircle.Domain.Auditing;
using PeerCircle.Web.Sharing;

namespace PeerCircle.Web.Administration;

/// <summary>
/// Saves an admin's settings: a row for each setting whose value changes, one audit entry per change
/// ("MinimumAge: 18 → 21"), all in one save; then drops the cached settings. The form carries the
/// <see cref="Version"/> of the values it showed, so an admin never silently undoes another admin's
/// change made while they were editing.
/// </summary>
public sealed class SettingsEditor(PeerCircleDbContext db, ServiceSettingsProvider provider, AuditLog audit, TimeProvider time, ILogger<SettingsEditor> logger)
{
    public const string ConflictMessage = "Another admin changed the settings while you were editing. Nothing was saved: check the values and save again.";

    /// <summary>A short fingerprint of the values, for the form to send back.</summary>
    public static string Version(ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var text = string.Join(";", settings.ToValues().OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>
    /// Returns the names of the settings that changed. Throws <see cref="DomainException"/> for a value out of
    /// range, or when <paramref name="expectedVersion"/> is given and the settings have changed since.
    /// </summary>
    public async Task<IReadOnlyList<string>> SaveAsync(ServiceSettings wanted, Guid adminId, string? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        wanted.Validate();
        provider.Invalidate();
        var currentSettings = await provider.GetAsync(cancellationToken);
        if (expectedVersion is not null && expectedVersion != Version(currentSettings))
        {
            throw new DomainException(ConflictMessage);
        }

        var current = currentSettings.ToValues();
        var rows = await db.Settings.ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var changed = new List<string>();
        foreach (var (key, value) in wanted.ToValues())
        {
            if (current.TryGetValue(key, out var old) && old == value)
            {
                continue;
            }

            if (rows.TryGetValue(key, out var row))
            {
                row.Change(value, adminId, now);
            }
            else
            {
                row = new Setting(key, value, adminId, now);
                db.Settings.Add(row);
            }

            audit.Record(adminId, AuditActions.SettingChanged, "Setting", row.Id, null, $"{key}: {old} → {value}");
            changed.Add(key);
        }

        if (changed.Count == 0)
        {
            return changed;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another admin saved a new setting of the same name at the same moment (unique key).
            throw new DomainException(ConflictMessage, ex);
        }
        finally
        {
            provider.Invalidate();
        }

        logger.LogInformation(new EventId(8101, "SettingsChanged"), "Settings {Settings} changed by {ActorId}", string.Join(",", changed), adminId);
        return changed;
    }
}
