using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Administration;

namespace PeerCircle.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Set up an authenticator app: scan the QR code (or type the key), prove it with a code, get recovery codes.</summary>
[RequireRecentPassword]
public sealed class EnableAuthenticatorModel(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, ServiceSettingsProvider settings, AccountActivityLog activity,
    ILogger<EnableAuthenticatorModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string SharedKey { get; private set; } = string.Empty;

    public string QrCodeDataUri { get; private set; } = string.Empty;

    public bool IsRequired { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            await LoadKeyAsync(user);
            return Page();
        }

        var valid = await users.VerifyTwoFactorTokenAsync(
            user, users.Options.Tokens.AuthenticatorTokenProvider, TwoFactorCodes.Normalize(Input.Code));
        if (!valid)
        {
            ModelState.AddModelError("Input.Code", "That code didn't work. Check the time on your phone and type the newest code.");
            await LoadKeyAsync(user);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorCodes.RecoveryCodeCount);
        await signIn.RefreshSignInAsync(user);
        logger.LogInformation(new EventId(1110, "TwoFactorEnabled"), "User {UserId} turned two-factor sign-in on", user.Id);
        await activity.RecordAsync(user.Id, Domain.Accounts.AccountActivityKind.TwoFactorEnabled);
        TempData[ShowRecoveryCodesModel.TempDataKey] = codes?.ToArray() ?? [];
        return RedirectToPage("./ShowRecoveryCodes");
    }

    private async Task LoadKeyAsync(ApplicationUser user)
    {
        // The key lives in AspNetUserTokens; a new one is made only when there is none yet.
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
            // A new key changes the security stamp: refresh this session's cookie, or the stamp check would end it.
            await signIn.RefreshSignInAsync(user);
        }

        SharedKey = TwoFactorCodes.FormatKey(key);
        QrCodeDataUri = TwoFactorCodes.QrCodeDataUri(TwoFactorCodes.AuthenticatorUri(user.Email ?? user.Id.ToString(), key));
        IsRequired = !user.TwoFactorEnabled && StaffTwoFactorRequirement.IsStaff(User)
            && (await settings.GetAsync(HttpContext.RequestAborted)).RequireTwoFactorForStaff;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code your authenticator app shows.")]
        [StringLength(9, ErrorMessage = "The code has 6 digits.")]
        [RegularExpression(@"^\s*\d{3}[\s-]?\d{3}\s*$", ErrorMessage = "The code has 6 digits.")]
        [Display(Name = "Code from your authenticator app")]
        public string Code { get; set; } = string.Empty;
    }
}
