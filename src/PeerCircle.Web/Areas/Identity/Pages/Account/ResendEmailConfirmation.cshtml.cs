using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

/// <summary>Like the forgotten-password page, it never tells whether an address has an account.</summary>
public sealed class ResendEmailConfirmationModel(UserManager<ApplicationUser> users, AccountEmails emails, PublicLinks links) : PageModel
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
        if (user is not null && !user.EmailConfirmed)
        {
            var token = await users.GenerateEmailConfirmationTokenAsync(user);
            await emails.SendConfirmationAsync(user.Email!, AccountLinks.ConfirmEmail(links, user.Id, token), cancellationToken);
        }

        return RedirectToPage("./RegisterConfirmation");
    }
}
