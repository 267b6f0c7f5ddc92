using PeerCircle.Domain.Administration;

namespace PeerCircle.Domain.Tests.Administration;

public sealed class ServiceSettingsTests
{
    [Fact]
    public void The_defaults_are_valid_and_round_trip_through_their_stored_form()
    {
        var settings = new ServiceSettings { MinimumAge = 21, SignUp = SignUpMode.InvitationOnly, RequireTwoFactorForStaff = true, IdleTimeoutMinutes = 30 };

        settings.Validate();

        Assert.Equal(settings, new ServiceSettings().With(settings.ToValues()));
    }

    [Theory]
    [InlineData(nameof(ServiceSettings.BoardRetentionDays), 0)]
    [InlineData(nameof(ServiceSettings.BoardRetentionDays), 366)]
    [InlineData(nameof(ServiceSettings.SessionMessageRetentionDays), 0)]
    [InlineData(nameof(ServiceSettings.DayBeforeReminderHours), 1)]
    [InlineData(nameof(ServiceSettings.ShortReminderMinutes), 5)]
    [InlineData(nameof(ServiceSettings.MinimumAge), 15)]
    [InlineData(nameof(ServiceSettings.MinimumAge), 26)]
    [InlineData(nameof(ServiceSettings.IdleTimeoutMinutes), 4)]
    [InlineData(nameof(ServiceSettings.AbsoluteLifetimeHours), 0)]
    [InlineData(nameof(ServiceSettings.AbsoluteLifetimeHours), 721)]
    public void A_value_out_of_its_range_is_refused_with_a_message(string setting, int value)
    {
        var values = new Dictionary<string, string>(new ServiceSettings().ToValues()) { [setting] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var settings = Parse(values);

        var error = Assert.Throws<DomainException>(settings.Validate);

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void The_late_reminder_must_come_after_the_early_one_and_the_idle_timeout_within_the_lifetime()
    {
        Assert.Throws<DomainException>(new ServiceSettings { DayBeforeReminderHours = 2, ShortReminderMinutes = 120 }.Validate);
        Assert.Throws<DomainException>(new ServiceSettings { AbsoluteLifetimeHours = 1, IdleTimeoutMinutes = 90 }.Validate);
    }

    [Fact]
    public void Stored_values_that_do_not_parse_or_break_a_rule_leave_the_defaults_standing()
    {
        var defaults = new ServiceSettings();

        Assert.Equal(defaults, defaults.With(new Dictionary<string, string> { ["MinimumAge"] = "eighteen", ["SignUp"] = "Sometimes" }));
        Assert.Equal(defaults, defaults.With(new Dictionary<string, string> { ["MinimumAge"] = "99" }));
        Assert.Equal(20, defaults.With(new Dictionary<string, string> { ["MinimumAge"] = "20", ["Unknown"] = "x" }).MinimumAge);
    }

    private static ServiceSettings Parse(Dictionary<string, string> values)
    {
        // With() ignores invalid combinations, so build the record directly for the rule under test.
        int Get(string key) => int.Parse(values[key], System.Globalization.CultureInfo.InvariantCulture);
        return new ServiceSettings
        {
            BoardRetentionDays = Get(nameof(ServiceSettings.BoardRetentionDays)),
            SessionMessageRetentionDays = Get(nameof(ServiceSettings.SessionMessageRetentionDays)),
            DayBeforeReminderHours = Get(nameof(ServiceSettings.DayBeforeReminderHours)),
            ShortReminderMinutes = Get(nameof(ServiceSettings.ShortReminderMinutes)),
            MinimumAge = Get(nameof(ServiceSettings.MinimumAge)),
            IdleTimeoutMinutes = Get(nameof(ServiceSettings.IdleTimeoutMinutes)),
            AbsoluteLifetimeHours = Get(nameof(ServiceSettings.AbsoluteLifetimeHours)),
        };
    }
}
