using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

public sealed class ResetPasswordConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}
