using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using PeerCircle.Domain.Accounts;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Accounts;

/// <summary>
/// With <c>Accounts:RequireTwoFactorForStaff</c> on, a facilitator, safeguarding lead or admin without
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
        app.Use(static (context, next) =>
        {
            var required = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.RequireTwoFactorForStaff;
            if (required && context.User.Identity?.IsAuthenticated == true && IsStaff(context.User)
                && context.User.FindFirstValue(PeerCircleClaims.TwoFactor) != "true")
            {
                var metadata = context.GetEndpoint()?.Metadata;
                if (metadata?.GetMetadata<PageActionDescriptor>() is { } page && !IsAllowed(page))
                {
                    context.Response.Redirect(SetUpPage);
                    return Task.CompletedTask;
                }

                // The live room's hub: no page to redirect to, so refused outright (its page already sent them to set up 2FA).
                if (metadata?.GetMetadata<HubMetadata>() is not null)
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                }
            }

            return next(context);
        });
        return app;
    }

    private static bool IsAllowed(PageActionDescriptor page) =>
        string.Equals(page.AreaName, "Identity", StringComparison.Ordinal)
            ? s_allowedAccountPages.Contains(page.ViewEnginePath)
            : s_allowedPages.Contains(page.ViewEnginePath);
}
