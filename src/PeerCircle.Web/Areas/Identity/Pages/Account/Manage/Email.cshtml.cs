using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Change my email address: a link goes to the new address, and the change happens when it is opened.</summary>
[RequireRecentPassword]
public sealed class EmailModel(UserManager<ApplicationUser> users, AccountEmails emails, PublicLinks links, ILogger<EmailModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string CurrentEmail { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        CurrentEmail = user.Email ?? string.Empty;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        CurrentEmail = user.Email ?? string.Empty;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var newEmail = Input.NewEmail.Trim();
        if (string.Equals(newEmail, CurrentEmail, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.NewEmail", "That is already your email address.");
            return Page();
        }

        // An address that already has an account gets no email and the same answer, so this page
        // cannot be used to find out who has an account.
        if (await users.FindByEmailAsync(newEmail) is null)
        {
            var token = await users.GenerateChangeEmailTokenAsync(user, newEmail);
            await emails.SendConfirmEmailChangeAsync(newEmail, AccountLinks.ConfirmEmailChange(links, user.Id, newEmail, token), HttpContext.RequestAborted);
        }

        logger.LogInformation(new EventId(1113, "EmailChangeRequested"), "User {UserId} asked to change their email address", user.Id);
        StatusMessage = $"We have sent a link to {newEmail}. Your email address changes when you open it.";
        return RedirectToPage();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your new email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        [StringLength(256, ErrorMessage = "That email address is too long.")]
        [Display(Name = "New email address")]
        public string NewEmail { get; set; } = string.Empty;
    }
}
