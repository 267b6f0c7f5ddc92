using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PeerCircle.Domain.Administration;
using PeerCircle.Web.Administration;

namespace PeerCircle.Web.Tests.Infrastructure;

/// <summary>Settings, people and invitations for the administration tests.</summary>
public static class AdminTestData
{
    public const string SettingsPage = "/Admin/Settings";
    public const string RegisterPage = "/Identity/Account/Register";

    public static string Person(Guid id) => $"/Admin/Users/Details/{id}";

    /// <summary>The settings form as a browser posts it: every field, from <paramref name="settings"/>.</summary>
    public static List<KeyValuePair<string, string>> SettingsForm(ServiceSettings settings, params (string Field, string Value)[] overrides)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Input.BoardRetentionDays"] = Text(settings.BoardRetentionDays),
            ["Input.SessionMessageRetentionDays"] = Text(settings.SessionMessageRetentionDays),
            ["Input.DayBeforeReminderHours"] = Text(settings.DayBeforeReminderHours),
            ["Input.ShortReminderMinutes"] = Text(settings.ShortReminderMinutes),
            ["Input.MinimumAge"] = Text(settings.MinimumAge),
            ["Input.SignUp"] = settings.SignUp.ToString(),
            ["Input.RequireTwoFactorForStaff"] = settings.RequireTwoFactorForStaff ? "true" : "false",
            ["Input.IdleTimeoutMinutes"] = Text(settings.IdleTimeoutMinutes),
            ["Input.AbsoluteLifetimeHours"] = Text(settings.AbsoluteLifetimeHours),
        };
        foreach (var (field, value) in overrides)
        {
            form["Input." + field] = value;
        }

        return form.ToList();
    }

    /// <summary>An admin saves the settings page with these changes on top of the configured defaults.</summary>
    public static Task<HttpResponseMessage> SaveSettingsAsync(this HttpClient admin, params (string Field, string Value)[] changes) =>
        admin.SubmitFormAsync(SettingsPage, SettingsForm(new ServiceSettings(), changes));

    /// <summary>Changes settings straight through the editor (as an admin would), e.g. to put them back.</summary>
    public static async Task SetSettingsAsync(this PeerCircleAppFactory app, Func<ServiceSettings, ServiceSettings> change)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(change);
        await using var scope = app.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider.GetRequiredService<ServiceSettingsProvider>();
        await scope.ServiceProvider.GetRequiredService<SettingsEditor>().SaveAsync(change(await provider.GetAsync()), Guid.NewGuid());
    }

    public static async Task<ServiceSettings> SettingsAsync(this PeerCircleAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return await app.Services.GetRequiredService<ServiceSettingsProvider>().GetAsync();
    }

    public static KeyValuePair<string, string>[] SignUpForm(string email, string pseudonym, string password = "a long passphrase") =>
    [
        new("Input.Email", email),
        new("Input.Pseudonym", pseudonym),
        new("Input.Password", password),
        new("Input.ConfirmPassword", password),
        new("Input.ConfirmAge", "true"),
    ];

    public static string NewEmail() => $"new-{Guid.NewGuid():N}@example.test";

    public static string NewPseudonym() => $"Wren {Guid.NewGuid().ToString("N")[..8]}";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
