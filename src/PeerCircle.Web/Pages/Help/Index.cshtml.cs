using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Domain.Help;
using PeerCircle.Web.Help;

namespace PeerCircle.Web.Pages.Help;

/// <summary>"Get help now": public, no script, at most three urgent options for the viewer's region first, then other services.</summary>
public sealed class IndexModel(HelpDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "region")]
    public string? RequestedRegion { get; set; }

    public HelpOptions Options { get; private set; } = HelpOptions.Fallback(HelpRegions.Find(null));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var region = await directory.RegionForAsync(RequestedRegion, User, Request.Headers.AcceptLanguage);
        Options = await directory.ForRegionAsync(region, cancellationToken);
    }

    public static string KindName(HelpKind kind) => kind switch
    {
        HelpKind.Emergency => "Emergency",
        HelpKind.CrisisLine => "Crisis lines",
        HelpKind.TextLine => "Text lines",
        HelpKind.Counselling => "Counselling",
        HelpKind.EmployeeAssistance => "Employee assistance",
        _ => "Information",
    };
}
