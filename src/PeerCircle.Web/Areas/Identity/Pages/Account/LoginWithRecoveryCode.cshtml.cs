using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Accounts;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

/// <summary>The second step of signing in without the phone: one of the recovery codes, each usable once.</summary>
public sealed class LoginWithRecoveryCodeModel(SignInManager<ApplicationUser> signIn, AccountActivityLog activity, ILogger<LoginWithRecoveryCodeModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            TempData["StatusMessage"] = "Error: please sign in again: it has been too long since you typed your password.";
            return RedirectToPage("./Login", new { ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            return RedirectToPage("./Lockout");
        }

        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(TwoFactorCodes.NormalizeRecoveryCode(Input.RecoveryCode));
        if (result.Succeeded)
        {
            logger.LogInformation(new EventId(1107, "SignedInWithRecoveryCode"), "User {UserId} signed in with a recovery code", user.Id);
            await activity.RecordAsync(user.Id, AccountActivityKind.SignedIn, "with a recovery code");
            return LocalRedirect(AccountLinks.SafeReturnUrl(Url, ReturnUrl));
        }

        if (!result.IsLockedOut)
        {
            // Guessing recovery codes counts towards the lockout like a wrong password.
            await signIn.UserManager.AccessFailedAsync(user);
        }

        if (result.IsLockedOut || await signIn.UserManager.IsLockedOutAsync(user))
        {
            logger.LogWarning(new EventId(1102, "LockedOut"), "User {UserId} is locked out", user.Id);
            await activity.RecordAsync(user.Id, AccountActivityKind.LockedOut);
            return RedirectToPage("./Lockout");
        }

        logger.LogInformation(new EventId(1106, "TwoFactorCodeRejected"), "A recovery code was rejected for user {UserId}", user.Id);
        await activity.RecordAsync(user.Id, AccountActivityKind.SignInFailed, "wrong recovery code");
        ModelState.AddModelError("Input.RecoveryCode", "That recovery code didn't work. Each code works only once.");
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter one of your recovery codes.")]
        [StringLength(32, ErrorMessage = "That is longer than a recovery code.")]
        [Display(Name = "Recovery code")]
        public string RecoveryCode { get; set; } = string.Empty;
    }
}
