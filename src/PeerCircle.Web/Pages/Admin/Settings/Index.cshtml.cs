using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Domain.Administration;
using PeerCircle.Web.Administration;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Pages.Admin.Settings;

/// <summary>
/// The service's settings: retention, reminder times, minimum age, sign-up by invitation, two-factor
/// for staff and session limits. Saved in the database (each change audited); configuration gives
/// the value of anything never changed here.
/// </summary>
public sealed class IndexModel(ServiceSettingsProvider settings, SettingsEditor editor) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public ServiceSettings Defaults => settings.Defaults;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Input = InputModel.From(await settings.GetAsync(cancellationToken));

    /// <summary>The version of the settings as they are now, so the next save is checked against them.</summary>
    private async Task RefreshVersionAsync(CancellationToken cancellationToken)
    {
        Input.Version = SettingsEditor.Version(await settings.GetAsync(cancellationToken));
        ModelState.Remove("Input.Version");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        IReadOnlyList<string> changed = [];
        if (!await ModelState.TryDomainAsync(async () => changed = await editor.SaveAsync(Input.ToSettings(), User.GetUserId(), Input.Version, cancellationToken)))
        {
            await RefreshVersionAsync(cancellationToken);
            return Page();
        }

        StatusMessage = changed.Count == 0 ? "Nothing changed." : $"Saved. Changed: {string.Join(", ", changed)}.";
        return RedirectToPage();
    }

    public sealed class InputModel
    {
        /// <summary>Which values the form was showing (see <see cref="SettingsEditor.Version"/>).</summary>
        [StringLength(64)]
        public string? Version { get; set; }

        [Range(1, 365, ErrorMessage = "Enter a number of days from 1 to 365.")]
        [Display(Name = "Keep board posts after a group is archived (days)")]
        public int BoardRetentionDays { get; set; }

        [Range(1, 365, ErrorMessage = "Enter a number of days from 1 to 365.")]
        [Display(Name = "Keep live-session messages and check-ins after the session for at most (days; a group's shorter period wins)")]
        public int SessionMessageRetentionDays { get; set; }

        [Range(2, 72, ErrorMessage = "Enter a number of hours from 2 to 72.")]
        [Display(Name = "Early reminder: hours before a session")]
        public int DayBeforeReminderHours { get; set; }

        [Range(10, 120, ErrorMessage = "Enter a number of minutes from 10 to 120.")]
        [Display(Name = "Late reminder: minutes before a session")]
        public int ShortReminderMinutes { get; set; }

        [Range(16, 25, ErrorMessage = "The minimum age must be between 16 and 25.")]
        [Display(Name = "Minimum age people confirm at sign-up")]
        public int MinimumAge { get; set; }

        [Display(Name = "Who can sign up")]
        public SignUpMode SignUp { get; set; }

        [Display(Name = "Facilitators, safeguarding leads and admins must use two-factor sign-in")]
        public bool RequireTwoFactorForStaff { get; set; }

        [Range(5, 1440, ErrorMessage = "Enter a number of minutes from 5 to 1440.")]
        [Display(Name = "Sign out after this many minutes without activity")]
        public int IdleTimeoutMinutes { get; set; }

        [Range(1, 720, ErrorMessage = "Enter a number of hours from 1 to 720.")]
        [Display(Name = "Sign out this many hours after signing in, however active")]
        public int AbsoluteLifetimeHours { get; set; }

        public static InputModel From(ServiceSettings s) => new()
        {
            BoardRetentionDays = s.BoardRetentionDays,
            SessionMessageRetentionDays = s.SessionMessageRetentionDays,
            DayBeforeReminderHours = s.DayBeforeReminderHours,
            ShortReminderMinutes = s.ShortReminderMinutes,
            MinimumAge = s.MinimumAge,
            SignUp = s.SignUp,
            RequireTwoFactorForStaff = s.RequireTwoFactorForStaff,
            IdleTimeoutMinutes = s.IdleTimeoutMinutes,
            AbsoluteLifetimeHours = s.AbsoluteLifetimeHours,
            Version = SettingsEditor.Version(s),
        };

        public ServiceSettings ToSettings() => new()
        {
            BoardRetentionDays = BoardRetentionDays,
            SessionMessageRetentionDays = SessionMessageRetentionDays,
            DayBeforeReminderHours = DayBeforeReminderHours,
            ShortReminderMinutes = ShortReminderMinutes,
            MinimumAge = MinimumAge,
            SignUp = SignUp,
            RequireTwoFactorForStaff = RequireTwoFactorForStaff,
            IdleTimeoutMinutes = IdleTimeoutMinutes,
            AbsoluteLifetimeHours = AbsoluteLifetimeHours,
        };
    }
}
