using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace PeerCircle.Web.Accounts;

/// <summary>
/// Changing the email, the password or two-factor needs the password typed within the last
/// <see cref="SessionMarkers.ReauthenticationWindow"/> (at sign-in or on the Reauthenticate page), so
/// someone who finds a device left signed in cannot take the account over.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequireRecentPasswordAttribute : Attribute, IAsyncPageFilter
{
    /// <summary>Only form posts need it; viewing the page does not.</summary>
    public bool PostsOnly { get; set; }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (PostsOnly && !HttpMethods.IsPost(http.Request.Method))
        {
            await next();
            return;
        }

        var auth = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var reauthenticated = SessionMarkers.Get(auth.Properties, SessionMarkers.ReauthenticatedKey);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (reauthenticated is null || now - reauthenticated.Value > SessionMarkers.ReauthenticationWindow)
        {
            // After a post, come back to the page itself (the form is shown again, empty).
            context.Result = new RedirectToPageResult("/Account/Manage/Reauthenticate",
                new { area = "Identity", returnUrl = http.Request.PathBase + http.Request.Path + (HttpMethods.IsGet(http.Request.Method) ? http.Request.QueryString : default) });
            return;
        }

        await next();
    }
}
