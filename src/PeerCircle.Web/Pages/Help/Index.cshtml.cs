using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Help;

namespace PeerCircle.Web.Pages.Help;

/// <summary>"Get help now": public, no script, urgent options for the viewer's region first.</summary>
public sealed class IndexModel(UserManager<ApplicationUser> users) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "region")]
    public string? RequestedRegion { get; set; }

    public HelpRegion Region { get; private set; } = HelpLines.Find(null);

    public IReadOnlyList<HelpRegion> AllRegions => HelpLines.Regions;

    public async Task OnGetAsync()
    {
        string? code = null;
        if (HelpLines.IsKnown(RequestedRegion))
        {
            code = RequestedRegion;
        }
        else if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { Region: { } profileRegion })
        {
            code = profileRegion;
        }

        code ??= HelpLines.FromAcceptLanguage(Request.Headers.AcceptLanguage);
        Region = HelpLines.Find(code);
    }
}
