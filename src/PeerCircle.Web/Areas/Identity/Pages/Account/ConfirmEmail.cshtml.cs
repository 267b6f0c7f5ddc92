using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

public sealed class ConfirmEmailModel(UserManager<ApplicationUser> users, ILogger<ConfirmEmailModel> logger) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? userId, string? code)
    {
        var token = AccountLinks.DecodeToken(code);
        if (userId is null || token is null)
        {
            return Page();
        }

        var user = await users.FindByIdAsync(userId.Value.ToString());
        if (user is not null)
        {
            Confirmed = user.EmailConfirmed || (await users.ConfirmEmailAsync(user, token)).Succeeded;
            if (Confirmed)
            {
                logger.LogInformation(new EventId(1002, "EmailConfirmed"), "Account {UserId} confirmed its email", user.Id);
            }
        }

        return Page();
    }
}
