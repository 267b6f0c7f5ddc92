using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

/// <summary>Always answers the same way, so the page never tells whether an address has an account.</summary>
public sealed class ForgotPasswordModel(UserManager<ApplicationUser> users, AccountEmails emails, PublicLinks links) : PageModel
{
    [BindProperty]
    public EmailInputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email);
        if (user is not null && await users.IsEmailConfirmedAsync(user))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            await emails.SendPasswordResetAsync(user.Email!, AccountLinks.ResetPassword(links, token), cancellationToken);
        }

        return RedirectToPage("./ForgotPasswordConfirmation");
    }
}
