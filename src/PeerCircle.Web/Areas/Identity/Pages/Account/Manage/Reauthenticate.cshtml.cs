using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Type my password again before changing my email, password or two-factor sign-in.</summary>
public sealed class ReauthenticateModel(SignInManager<ApplicationUser> signIn, TimeProvider time, ILogger<ReauthenticateModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning(new EventId(1102, "LockedOut"), "User {UserId} is locked out", user.Id);
            await signIn.SignOutAsync();
            return RedirectToPage("../Lockout");
        }

        if (!result.Succeeded)
        {
            ModelState.AddModelError("Input.Password", "That is not your password. Please try again.");
            return Page();
        }

        // Re-issue the same sign-in with the moment recorded; nothing else about the session changes.
        var auth = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (auth.Principal is null || auth.Properties is null)
        {
            return Challenge();
        }

        SessionMarkers.Set(auth.Properties, SessionMarkers.ReauthenticatedKey, time.GetUtcNow());
        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, auth.Principal, auth.Properties);
        logger.LogInformation(new EventId(1108, "Reauthenticated"), "User {UserId} confirmed their password", user.Id);
        return LocalRedirect(AccountLinks.SafeReturnUrl(Url, ReturnUrl ?? Url.Page("./Index")));
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(IdentitySetup.PasswordMaxLength, ErrorMessage = "That password is too long.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = string.Empty;
    }
}
