using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Calendar;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>My private calendar feed: create its link, see it, replace it with a new one, or turn it off.</summary>
public sealed class CalendarModel(UserManager<ApplicationUser> users, PublicLinks links) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public string? FeedUrl { get; private set; }

    public bool DiscreetMode { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        FeedUrl = user.CalendarFeedToken is { } token ? links.Page("/Calendar/Feed", new { token }) : null;
        DiscreetMode = user.DiscreetMode;
        return Page();
    }

    /// <summary>Creates the link, or replaces it: the old link stops working at once.</summary>
    public async Task<IActionResult> OnPostNewLinkAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var replacing = user.CalendarFeedToken is not null;
        user.CalendarFeedToken = CalendarFeedTokens.Create();
        return await SaveAsync(user, replacing
            ? "You have a new calendar link. The old one no longer works: update any calendar app that used it."
            : "Your calendar link is ready. Add it to your calendar app as a subscription.");
    }

    public async Task<IActionResult> OnPostTurnOffAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        user.CalendarFeedToken = null;
        return await SaveAsync(user, "Your calendar feed is turned off. Its link no longer works.");
    }

    private async Task<IActionResult> SaveAsync(ApplicationUser user, string message)
    {
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, "Your calendar link could not be saved. Please try again.");
            return await OnGetAsync();
        }

        StatusMessage = message;
        return RedirectToPage();
    }
}
