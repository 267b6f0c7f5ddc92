using System.Globalization;
using PeerCircle.Domain.Accounts;

namespace PeerCircle.Domain.Administration;

/// <summary>Whether anyone may sign up, or only people holding an admin's invitation link.</summary>
public enum SignUpMode
{
    Open,
    InvitationOnly,
}

/// <summary>
/// The settings an admin changes in the app (stored in the database, one row per changed setting;
/// configuration gives the value of every setting without a row). The ranges are the rules.
/// </summary>
public sealed record ServiceSettings
{
    public const int MinRetentionDays = 1;
    public const int MaxRetentionDays = 365;
    public const int MinDayBeforeHours = 2;
    public const int MaxDayBeforeHours = 72;
    public const int MinShortReminderMinutes = 10;
    public const int MaxShortReminderMinutes = 120;
    public const int MinIdleMinutes = 5;
    public const int MaxIdleMinutes = 24 * 60;
    public const int MinAbsoluteHours = 1;
    public const int MaxAbsoluteHours = 24 * 30;

    /// <summary>How long a new group keeps its board posts after it is archived.</summary>
    public int BoardRetentionDays { get; init; } = 30;

    /// <summary>How long messages and check-ins of a live session are kept after it ends.</summary>
    public int SessionMessageRetentionDays { get; init; } = 30;

    /// <summary>The early reminder goes out this many hours before a booked session.</summary>
    public int DayBeforeReminderHours { get; init; } = 24;

    /// <summary>The late reminder goes out this many minutes before a booked session.</summary>
    public int ShortReminderMinutes { get; init; } = 60;

    public int MinimumAge { get; init; } = AgeRequirement.Default;

    public SignUpMode SignUp { get; init; } = SignUpMode.Open;

    /// <summary>Facilitators, safeguarding leads and admins must set up an authenticator app before anything else.</summary>
    public bool RequireTwoFactorForStaff { get; init; }

    /// <summary>A session with no request for this long ends (sliding).</summary>
    public int IdleTimeoutMinutes { get; init; } = 60;

    /// <summary>A session ends this long after signing in, however active it is.</summary>
    public int AbsoluteLifetimeHours { get; init; } = 12;

    /// <summary>Throws a <see cref="DomainException"/> naming the first value out of its range.</summary>
    public void Validate()
    {
        Range(BoardRetentionDays, MinRetentionDays, MaxRetentionDays, "Board posts are kept between {0} and {1} days after a group is archived.");
        Range(SessionMessageRetentionDays, MinRetentionDays, MaxRetentionDays, "Session messages are kept between {0} and {1} days after the session.");
        Range(DayBeforeReminderHours, MinDayBeforeHours, MaxDayBeforeHours, "The early reminder goes out between {0} and {1} hours before.");
        Range(ShortReminderMinutes, MinShortReminderMinutes, MaxShortReminderMinutes, "The late reminder goes out between {0} and {1} minutes before.");
        if (ShortReminderMinutes >= DayBeforeReminderHours * 60)
        {
            throw new DomainException("The late reminder must go out after the early one.");
        }

        Range(MinimumAge, AgeRequirement.Lowest, AgeRequirement.Highest, "The minimum age must be between {0} and {1}.");
        if (!Enum.IsDefined(SignUp))
        {
            throw new DomainException("Choose whether sign-up is open or by invitation.");
        }

        Range(IdleTimeoutMinutes, MinIdleMinutes, MaxIdleMinutes, "The idle timeout must be between {0} and {1} minutes.");
        Range(AbsoluteLifetimeHours, MinAbsoluteHours, MaxAbsoluteHours, "A session's longest life must be between {0} and {1} hours.");
        if (IdleTimeoutMinutes > AbsoluteLifetimeHours * 60)
        {
            throw new DomainException("The idle timeout can't be longer than a session's longest life.");
        }
    }

    /// <summary>The settings as stored: one invariant string per setting, keyed by name.</summary>
    public IReadOnlyDictionary<string, string> ToValues() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(BoardRetentionDays)] = Text(BoardRetentionDays),
        [nameof(SessionMessageRetentionDays)] = Text(SessionMessageRetentionDays),
        [nameof(DayBeforeReminderHours)] = Text(DayBeforeReminderHours),
        [nameof(ShortReminderMinutes)] = Text(ShortReminderMinutes),
        [nameof(MinimumAge)] = Text(MinimumAge),
        [nameof(SignUp)] = SignUp.ToString(),
        [nameof(RequireTwoFactorForStaff)] = RequireTwoFactorForStaff ? "true" : "false",
        [nameof(IdleTimeoutMinutes)] = Text(IdleTimeoutMinutes),
        [nameof(AbsoluteLifetimeHours)] = Text(AbsoluteLifetimeHours),
    };

    /// <summary>
    /// These settings with the stored values laid over them. A stored value that no longer parses or is
    /// out of range is ignored (the default stands), so a bad row can never stop the service.
    /// </summary>
    public ServiceSettings With(IReadOnlyDictionary<string, string> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var result = this with
        {
            BoardRetentionDays = Int(stored, nameof(BoardRetentionDays), BoardRetentionDays),
            SessionMessageRetentionDays = Int(stored, nameof(SessionMessageRetentionDays), SessionMessageRetentionDays),
            DayBeforeReminderHours = Int(stored, nameof(DayBeforeReminderHours), DayBeforeReminderHours),
            ShortReminderMinutes = Int(stored, nameof(ShortReminderMinutes), ShortReminderMinutes),
            MinimumAge = Int(stored, nameof(MinimumAge), MinimumAge),
            SignUp = stored.TryGetValue(nameof(SignUp), out var mode) && Enum.TryParse<SignUpMode>(mode, out var parsed) && Enum.IsDefined(parsed) ? parsed : SignUp,
            RequireTwoFactorForStaff = stored.TryGetValue(nameof(RequireTwoFactorForStaff), out var flag) && bool.TryParse(flag, out var on) ? on : RequireTwoFactorForStaff,
            IdleTimeoutMinutes = Int(stored, nameof(IdleTimeoutMinutes), IdleTimeoutMinutes),
            AbsoluteLifetimeHours = Int(stored, nameof(AbsoluteLifetimeHours), AbsoluteLifetimeHours),
        };
        try
        {
            result.Validate();
            return result;
        }
        catch (DomainException)
        {
            return this;
        }
    }

    private static int Int(IReadOnlyDictionary<string, string> stored, string key, int fallback) =>
        stored.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Range(int value, int min, int max, string message)
    {
        if (value < min || value > max)
        {
            throw new DomainException(string.Format(CultureInfo.InvariantCulture, message, min, max));
        }
    }
}
