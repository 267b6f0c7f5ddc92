using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.SignalR;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Administration;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Accounts;

/// <summary>
/// With the admin setting "require two-factor for staff" on (default <c>Accounts:RequireTwoFactorForStaff</c>), a facilitator, safeguarding lead or admin without
/// two-factor is sent to set up an authenticator app from any page but that one, the password check it
/// may need, signing out and "Get help now". Runs after authentication, before authorization.
/// </summary>
internal static class StaffTwoFactorRequirement
{
    public const string SetUpPage = "/Identity/Account/Manage/EnableAuthenticator";

    private static readonly HashSet<string> s_allowedAccountPages = new(StringComparer.OrdinalIgnoreCase)
    {
        "/Account/Manage/EnableAuthenticator", "/Account/Manage/ShowRecoveryCodes", "/Account/Manage/Reauthenticate",
        "/Account/Logout",
    };

    private static readonly HashSet<string> s_allowedPages = new(StringComparer.OrdinalIgnoreCase) { "/Help/Index", "/Error" };

    public static bool IsStaff(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Facilitator) || user.IsInRole(Roles.SafeguardingLead) || user.IsInRole(Roles.Admin);

    public static WebApplication UseStaffTwoFactorRequirement(this WebApplication app)
    {
        app.Use(static async (context, next) =>
        {
            // The cheap questions first: the (cached) setting is read only for staff without two-factor.
            if (context.User.Identity?.IsAuthenticated == true && IsStaff(context.User)
                && context.User.FindFirstValue(PeerCircleClaims.TwoFactor) != "true")
            {
                var metadata = context.GetEndpoint()?.Metadata;
                var page = metadata?.GetMetadata<PageActionDescriptor>();
                var hub = metadata?.GetMetadata<HubMetadata>() is not null;
                if (((page is not null && !IsAllowed(page)) || hub)
                    && (await context.RequestServices.GetRequiredService<ServiceSettingsProvider>().GetAsync(context.RequestAborted)).RequireTwoFactorForStaff)
                {
                    if (hub)
                    {
                        // The live room's hub: no page to redirect to, so refused outright (its page already sent them to set up 2FA).
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return;
                    }

                    context.Response.Redirect(SetUpPage);
                    return;
                }
            }

            await next(context);
        });
        return app;
    }

    private static bool IsAllowed(PageActionDescriptor page) =>
        string.Equals(page.AreaName, "Identity", StringComparison.Ordinal)
            ? s_allowedAccountPages.Contains(page.ViewEnginePath)
            : s_allowedPages.Contains(page.ViewEnginePath);
}
