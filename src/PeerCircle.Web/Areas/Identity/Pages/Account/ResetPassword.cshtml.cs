using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

public sealed class ResetPasswordModel(UserManager<ApplicationUser> users, AccountActivityLog activity, ILogger<ResetPasswordModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IActionResult OnGet(string? code)
    {
        if (AccountLinks.DecodeToken(code) is null)
        {
            return BadRequest();
        }

        Input.Code = code!;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var token = AccountLinks.DecodeToken(Input.Code);
        var user = await users.FindByEmailAsync(Input.Email);
        var result = user is null || token is null
            ? IdentityResult.Failed(new IdentityError { Code = nameof(IdentityErrorDescriber.InvalidToken) })
            : await users.ResetPasswordAsync(user, token, Input.Password);
        if (result.Succeeded)
        {
            logger.LogInformation(new EventId(1104, "PasswordReset"), "User {UserId} reset their password", user!.Id);
            await activity.RecordAsync(user.Id, Domain.Accounts.AccountActivityKind.PasswordReset);
            return RedirectToPage("./ResetPasswordConfirmation");
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(
                error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty,
                error.Code == nameof(IdentityErrorDescriber.InvalidToken)
                    // The same words for an unknown address, so the page never tells whether it has an account.
                    ? "This reset link has expired, was already used, or is for another email address. Please ask for a new one."
                    : error.Description);
        }

        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [StringLength(256, ErrorMessage = "That email address is too long.")]
        [Display(Name = "Email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(IdentitySetup.PasswordMaxLength, MinimumLength = IdentitySetup.PasswordMinLength,
            ErrorMessage = "Your password must be at least {2} and at most {1} characters long.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Type your new password again.")]
        [DataType(DataType.Password)]
        [Display(Name = "Confirm new password")]
        [Compare(nameof(Password), ErrorMessage = "The two passwords don't match.")]
        public string ConfirmPassword { get; set; } = string.Empty;

        [Required]
        [StringLength(2048)]
        public string Code { get; set; } = string.Empty;
    }
}
