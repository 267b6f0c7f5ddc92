using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Accounts;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>My data: download everything about me as JSON, or delete my account.</summary>
public sealed class MyDataModel(MyData myData, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn) : PageModel
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public const string ConflictMessage =
        "Something in your account was changed by someone else just now (for example a group you belong to), so nothing was deleted. Please check and confirm again.";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancellationToken)
    {
        var export = await myData.ExportAsync(User.GetUserId(), cancellationToken);
        return export is null
            ? NotFound()
            : File(JsonSerializer.SerializeToUtf8Bytes(export, s_json), "application/json", "peercircle-my-data.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!Input.Confirm)
        {
            ModelState.AddModelError("Input.Confirm", "Tick the box to confirm that you want to delete your account.");
        }

        if (!await users.CheckPasswordAsync(user, Input.Password))
        {
            ModelState.AddModelError("Input.Password", "That password is not right.");
        }

        if (Input.Shares is not ("withdraw" or "anonymise"))
        {
            ModelState.AddModelError("Input.Shares", "Choose what happens to what you shared.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!await myData.DeleteAccountAsync(user.Id, Input.Shares == "withdraw", cancellationToken))
        {
            // A group membership (or a pairing, or a post) changed at the same moment: nothing was deleted.
            ModelState.AddModelError(string.Empty, ConflictMessage);
            return Page();
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Your password")]
        public string Password { get; set; } = string.Empty;

        public string Shares { get; set; } = "withdraw";

        [Display(Name = "I understand that my account and personal data will be deleted and this can't be undone")]
        public bool Confirm { get; set; }
    }
}
