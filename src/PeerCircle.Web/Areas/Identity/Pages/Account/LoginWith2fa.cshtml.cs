using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Accounts;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

/// <summary>The second step of signing in: the 6-digit code from the authenticator app.</summary>
public sealed class LoginWith2faModel(SignInManager<ApplicationUser> signIn, AccountActivityLog activity, ILogger<LoginWith2faModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // Only someone who has just typed the right password has the two-factor cookie.
        return await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login", new { ReturnUrl }) : Page();
    }

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

        var code = TwoFactorCodes.Normalize(Input.Code);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false);
        if (result.Succeeded)
        {
            logger.LogInformation(new EventId(1101, "SignedIn"), "User {UserId} signed in with an authenticator app", user.Id);
            await activity.RecordAsync(user.Id, AccountActivityKind.SignedIn, "with an authenticator app");
            return LocalRedirect(AccountLinks.SafeReturnUrl(Url, ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning(new EventId(1102, "LockedOut"), "User {UserId} is locked out", user.Id);
            await activity.RecordAsync(user.Id, AccountActivityKind.LockedOut);
            return RedirectToPage("./Lockout");
        }

        logger.LogInformation(new EventId(1106, "TwoFactorCodeRejected"), "A two-factor code was rejected for user {UserId}", user.Id);
        await activity.RecordAsync(user.Id, AccountActivityKind.SignInFailed, "wrong authenticator code");
        ModelState.AddModelError("Input.Code", "That code didn't work. Check the time on your phone and type the newest code.");
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit code from your authenticator app.")]
        [StringLength(9, ErrorMessage = "The code has 6 digits.")]
        [RegularExpression(@"^\s*\d{3}[\s-]?\d{3}\s*$", ErrorMessage = "The code has 6 digits.")]
        [Display(Name = "Code from your authenticator app")]
        public string Code { get; set; } = string.Empty;
    }
}
