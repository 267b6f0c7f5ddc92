using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PeerCircle.Web.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
