using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

public sealed class ForgotPasswordConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}
