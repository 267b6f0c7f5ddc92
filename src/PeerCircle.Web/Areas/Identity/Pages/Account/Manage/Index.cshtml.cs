using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Help;

namespace PeerCircle.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>My profile: the name peers see, my time zone, my region for help lines, discreet mode, reminders.</summary>
public sealed class IndexModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string Email { get; private set; } = string.Empty;

    public bool TwoFactorEnabled { get; private set; }

    public static IReadOnlyList<string> TimeZones { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal))
        .Append("UTC").Order(StringComparer.Ordinal).ToArray();

    public IReadOnlyList<HelpRegion> Regions => HelpRegions.All;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Email = user.Email ?? string.Empty;
        TwoFactorEnabled = user.TwoFactorEnabled;
        Input = new InputModel
        {
            Pseudonym = user.Pseudonym,
            TimeZoneId = user.TimeZoneId,
            Region = user.Region ?? HelpRegions.International,
            DiscreetMode = user.DiscreetMode,
            RemindDayBefore = user.RemindDayBefore,
            RemindHourBefore = user.RemindHourBefore,
            EmailNotifications = user.EmailNotifications,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Email = user.Email ?? string.Empty;
        TwoFactorEnabled = user.TwoFactorEnabled;
        if (!Pseudonym.TryParse(Input.Pseudonym, out var pseudonym, out var pseudonymError))
        {
            ModelState.AddModelError("Input.Pseudonym", pseudonymError);
        }

        if (!TimeZones.Contains(Input.TimeZoneId, StringComparer.Ordinal))
        {
            ModelState.AddModelError("Input.TimeZoneId", "Choose a time zone from the list.");
        }

        if (!HelpRegions.IsKnown(Input.Region))
        {
            ModelState.AddModelError("Input.Region", "Choose a region from the list.");
        }

        if (!ModelState.IsValid || pseudonym is null)
        {
            return Page();
        }

        user.Pseudonym = pseudonym.Value;
        user.NormalizedPseudonym = pseudonym.Normalized;
        user.TimeZoneId = Input.TimeZoneId;
        user.Region = Input.Region == HelpRegions.International ? null : Input.Region;
        user.DiscreetMode = Input.DiscreetMode;
        user.RemindDayBefore = Input.RemindDayBefore;
        user.RemindHourBefore = Input.RemindHourBefore;
        user.EmailNotifications = Input.EmailNotifications;

        IdentityResult result;
        try
        {
            result = await users.UpdateAsync(user);
        }
        catch (DbUpdateException)
        {
            result = IdentityResult.Failed(new IdentityError { Description = "That pseudonym is already taken. Please choose another." });
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.Pseudonym", error.Description);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Your profile has been saved.";
        return RedirectToPage();
    }

    /// <summary>Ends every session of mine, on every device, this one included.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // Other cookies carry the old stamp: the security stamp check rejects them at its next look.
        await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        logger.LogInformation(new EventId(1109, "SignedOutEverywhere"), "User {UserId} signed out everywhere", user.Id);
        TempData["StatusMessage"] = "You have been signed out on every device.";
        return RedirectToPage("../Login");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a pseudonym: the name other members will see instead of your real name.")]
        [StringLength(200, ErrorMessage = "Your pseudonym must be between 3 and 32 characters long.")]
        [Display(Name = "Pseudonym")]
        public string Pseudonym { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose your time zone.")]
        [StringLength(ApplicationUser.TimeZoneIdMaxLength)]
        [Display(Name = "Time zone")]
        public string TimeZoneId { get; set; } = "Europe/London";

        [Required(ErrorMessage = "Choose your region.")]
        [StringLength(ApplicationUser.RegionMaxLength)]
        [Display(Name = "Region for help lines")]
        public string Region { get; set; } = HelpRegions.International;

        [Display(Name = "Discreet mode")]
        public bool DiscreetMode { get; set; } = true;

        [Display(Name = "Email me the day before a session I've booked (24 hours before)")]
        public bool RemindDayBefore { get; set; } = true;

        [Display(Name = "Email me an hour before a session I've booked")]
        public bool RemindHourBefore { get; set; } = true;

        [Display(Name = "Email me when I have a new notification (the email never says what it is about)")]
        public bool EmailNotifications { get; set; }
    }
}
