using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Administration;

namespace PeerCircle.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Two-factor sign-in: whether it is on, turning it off, and new recovery codes.</summary>
[RequireRecentPassword(PostsOnly = true)]
public sealed class TwoFactorModel(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, ServiceSettingsProvider settings, AccountActivityLog activity,
    ILogger<TwoFactorModel> logger) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public bool IsEnabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Staff cannot turn it off while the service requires it of them.</summary>
    public bool IsRequired { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadAsync(user);
        if (IsRequired)
        {
            StatusMessage = "Error: two-factor sign-in is required for your role, so it cannot be turned off.";
            return RedirectToPage();
        }

        if (IsEnabled)
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            // A new key: the old one in the app (or in anyone's copy) never works again.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            logger.LogInformation(new EventId(1111, "TwoFactorDisabled"), "User {UserId} turned two-factor sign-in off", user.Id);
            await activity.RecordAsync(user.Id, AccountActivityKind.TwoFactorDisabled);
        }

        StatusMessage = "Two-factor sign-in is off. You can set it up again at any time.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await users.GetTwoFactorEnabledAsync(user))
        {
            StatusMessage = "Error: set up two-factor sign-in first.";
            return RedirectToPage();
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorCodes.RecoveryCodeCount);
        TempData[ShowRecoveryCodesModel.TempDataKey] = codes?.ToArray() ?? [];
        logger.LogInformation(new EventId(1112, "RecoveryCodesReset"), "User {UserId} made new recovery codes", user.Id);
        await activity.RecordAsync(user.Id, AccountActivityKind.RecoveryCodesRenewed);
        return RedirectToPage("./ShowRecoveryCodes");
    }

    private async Task LoadAsync(ApplicationUser user)
    {
        IsEnabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = IsEnabled ? await users.CountRecoveryCodesAsync(user) : 0;
        IsRequired = (await settings.GetAsync(HttpContext.RequestAborted)).RequireTwoFactorForStaff && StaffTwoFactorRequirement.IsStaff(User);
    }
}
