using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

public sealed class RegisterConfirmationModel : PageModel
{
    public void OnGet()
    {
    }
}
