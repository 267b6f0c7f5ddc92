using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PeerCircle.Data;
using PeerCircle.Domain.Administration;
using PeerCircle.Web.Accounts;

namespace PeerCircle.Web.Administration;

/// <summary>
/// The one way the app reads the admin settings: configuration gives every default, rows in the
/// Settings table override them. The result is cached in memory and dropped when an admin saves on
/// this instance. With several instances another one sees a change once its copy is older than
/// <see cref="CacheLifetime"/>: that short delay is accepted rather than adding a shared cache
/// (see docs/adr/0009-settings-in-the-database.md).
/// </summary>
public sealed class ServiceSettingsProvider
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private Cached? _cached;

    public ServiceSettingsProvider(IServiceScopeFactory scopes, TimeProvider time, IOptions<AccountOptions> accounts, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(configuration);
        _scopes = scopes;
        _time = time;
        var a = accounts.Value;
        Defaults = new ServiceSettings
        {
            BoardRetentionDays = configuration.GetValue("Retention:BoardDays", Domain.Groups.Group.DefaultRetentionDays),
            SessionMessageRetentionDays = configuration.GetValue("Retention:SessionMessageDays", 30),
            DayBeforeReminderHours = configuration.GetValue("Reminders:DayBeforeHours", 24),
            ShortReminderMinutes = configuration.GetValue("Reminders:ShortMinutes", 60),
            MinimumAge = a.MinimumAge,
            SignUp = a.SignUp,
            RequireTwoFactorForStaff = a.RequireTwoFactorForStaff,
            IdleTimeoutMinutes = a.IdleTimeoutMinutes,
            AbsoluteLifetimeHours = a.AbsoluteLifetimeHours,
        };
        Defaults.Validate();
    }

    /// <summary>The values from configuration: what each setting is without a row.</summary>
    public ServiceSettings Defaults { get; }

    public async ValueTask<ServiceSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var cached = _cached;
        if (cached is not null && cached.ExpiresAt > now)
        {
            return cached.Settings;
        }

        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PeerCircleDbContext>();
        var stored = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, StringComparer.Ordinal, cancellationToken);
        var settings = Defaults.With(stored);
        _cached = new Cached(settings, now + CacheLifetime);
        return settings;
    }

    /// <summary>Called after a save on this instance, so the change applies at the next request.</summary>
    public void Invalidate() => _cached = null;

    private sealed record Cached(ServiceSettings Settings, DateTimeOffset ExpiresAt);
}
