using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

/// <summary>Signing out is a POST (a link or an image cannot sign someone out); GET asks first.</summary>
public sealed class LogoutModel(SignInManager<ApplicationUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData["StatusMessage"] = "You have signed out. Take care.";
        return RedirectToPage("./Login");
    }
}
