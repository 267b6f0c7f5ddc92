using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PeerCircle.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>The recovery codes, shown once right after they are made (TempData is read once).</summary>
public sealed class ShowRecoveryCodesModel : PageModel
{
    public const string TempDataKey = "RecoveryCodes";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (TempData[TempDataKey] is not string[] { Length: > 0 } codes)
        {
            return RedirectToPage("./TwoFactor");
        }

        RecoveryCodes = codes;
        return Page();
    }
}
