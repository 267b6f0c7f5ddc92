using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Accounts;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

public sealed class LoginModel(SignInManager<ApplicationUser> signIn, AccountActivityLog activity, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public bool ShowResendConfirmation { get; private set; }

    public async Task OnGetAsync()
    {
        // Start from a clean slate: an old external cookie must not linger.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signIn.UserManager.FindByEmailAsync(Input.Email);
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, "That email and password don't match an account. Please try again.");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation(new EventId(1101, "SignedIn"), "User {UserId} signed in", user.Id);
            await activity.RecordAsync(user.Id, AccountActivityKind.SignedIn);
            return LocalRedirect(AccountLinks.SafeReturnUrl(Url, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl, RememberMe = Input.RememberMe });
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning(new EventId(1102, "LockedOut"), "User {UserId} is locked out", user.Id);
            await activity.RecordAsync(user.Id, AccountActivityKind.LockedOut);
            return RedirectToPage("./Lockout");
        }

        if (result.IsNotAllowed && await signIn.UserManager.CheckPasswordAsync(user, Input.Password))
        {
            // Said only to someone who knows the password, so it never tells a stranger that the account exists.
            ShowResendConfirmation = true;
            ModelState.AddModelError(string.Empty, "Please confirm your email address first: we sent you a link when you signed up.");
            return Page();
        }

        if (result.IsNotAllowed)
        {
            // A wrong password on a not-yet-confirmed account still counts towards the lockout.
            await signIn.UserManager.AccessFailedAsync(user);
        }

        logger.LogInformation(new EventId(1103, "SignInFailed"), "Sign-in failed for user {UserId}", user.Id);
        await activity.RecordAsync(user.Id, AccountActivityKind.SignInFailed);
        ModelState.AddModelError(string.Empty, "That email and password don't match an account. Please try again.");
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [StringLength(256, ErrorMessage = "That email address is too long.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(128, ErrorMessage = "That password is too long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }
    }
}
