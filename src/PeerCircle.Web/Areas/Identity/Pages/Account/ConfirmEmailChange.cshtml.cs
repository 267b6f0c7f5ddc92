using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Accounts;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

/// <summary>The link emailed to a new address: opening it makes that address the one to sign in with.</summary>
public sealed class ConfirmEmailChangeModel(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn,
    AccountActivityLog activity, ILogger<ConfirmEmailChangeModel> logger) : PageModel
{
    public bool Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? userId, string? email, string? code)
    {
        var token = AccountLinks.DecodeToken(code);
        if (userId is null || token is null || string.IsNullOrWhiteSpace(email) || email.Length > 256)
        {
            return Page();
        }

        var user = await users.FindByIdAsync(userId.Value.ToString());
        if (user is null)
        {
            return Page();
        }

        // The token is bound to this user, this address and the security stamp: it works once.
        var result = await users.ChangeEmailAsync(user, email, token);
        if (result.Succeeded)
        {
            // People sign in with their email: the user name follows it.
            result = await users.SetUserNameAsync(user, email);
        }

        Changed = result.Succeeded;
        if (Changed)
        {
            logger.LogInformation(new EventId(1114, "EmailChanged"), "User {UserId} changed their email address", user.Id);
            await activity.RecordAsync(user.Id, Domain.Accounts.AccountActivityKind.EmailChanged);
            if (signIn.IsSignedIn(User) && string.Equals(users.GetUserId(User), user.Id.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                await signIn.RefreshSignInAsync(user);
            }
        }

        return Page();
    }
}
