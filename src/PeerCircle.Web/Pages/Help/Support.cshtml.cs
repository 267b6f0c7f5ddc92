using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Web.Help;

namespace PeerCircle.Web.Pages.Help;

/// <summary>
/// The caring page shown at once to someone whose post contained a risk phrase (the board redirects here;
/// the live room opens it). Public, no script, the urgent options for the viewer's region. It says
/// nothing about what was posted: the address carries only where to go back to.
/// </summary>
public sealed class SupportModel(HelpDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "region")]
    public string? RequestedRegion { get; set; }

    /// <summary>Where "go back" leads: a local address only.</summary>
    [BindProperty(SupportsGet = true, Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "posted")]
    public bool Posted { get; set; }

    public HelpOptions Options { get; private set; } = HelpOptions.Fallback(HelpRegions.Find(null));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (ReturnUrl is not null && !Url.IsLocalUrl(ReturnUrl))
        {
            ReturnUrl = null;
        }

        var region = await directory.RegionForAsync(RequestedRegion, User, Request.Headers.AcceptLanguage);
        Options = await directory.ForRegionAsync(region, cancellationToken);
    }
}
