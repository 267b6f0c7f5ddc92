using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Help;

namespace PeerCircle.Web.Pages.Help;

/// <summary>"Get help now": public, no script, urgent options for the viewer's region first.</summary>
public sealed class IndexModel(UserManager<ApplicationUser> users, ILogger<IndexModel> logger) : PageModel
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
        else if (User.Identity?.IsAuthenticated == true)
        {
            code = await ProfileRegionAsync();
        }

        code ??= HelpLines.FromAcceptLanguage(Request.Headers.AcceptLanguage);
        Region = HelpLines.Find(code);
    }

    /// <summary>This page must work when nothing else does: without the database it uses the browser's language.</summary>
    private async Task<string?> ProfileRegionAsync()
    {
        try
        {
            return (await users.GetUserAsync(User))?.Region;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.LogWarning(new EventId(3001, "HelpRegionUnavailable"), "Profile region unavailable; using the browser language");
            return null;
        }
    }
}
