using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

public sealed class LockoutModel : PageModel
{
    public void OnGet()
    {
    }
}
