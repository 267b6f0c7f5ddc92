using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PeerCircle.Web.Administration;

namespace PeerCircle.Web.Accounts;

/// <summary>The absolute session limit and the moments kept in the sign-in cookie.</summary>
internal static class SessionLimits
{
    /// <summary>
    /// A new sign-in (password or two-factor) records when it happened; refreshing the cookie after a
    /// profile change keeps the original moment, so refreshing never extends the absolute limit.
    /// A new sign-in also takes the idle timeout from the admin settings: the cookie's lifetime
    /// (expiry minus issue) is what every sliding renewal keeps, so a changed idle timeout applies
    /// to sessions that begin after the change.
    /// </summary>
    public static async Task OnSigningIn(CookieSigningInContext context)
    {
        if (SessionMarkers.Get(context.Properties, SessionMarkers.SignedInKey) is null)
        {
            var now = context.Options.TimeProvider!.GetUtcNow();
            SessionMarkers.Set(context.Properties, SessionMarkers.SignedInKey, now);
            // Typing the password to sign in counts as a fresh re-authentication.
            SessionMarkers.Set(context.Properties, SessionMarkers.ReauthenticatedKey, now);
            var settings = await context.HttpContext.RequestServices.GetRequiredService<ServiceSettingsProvider>().GetAsync(context.HttpContext.RequestAborted);
            context.Properties.ExpiresUtc = (context.Properties.IssuedUtc ?? now) + TimeSpan.FromMinutes(settings.IdleTimeoutMinutes);
        }
    }

    /// <summary>
    /// Ends a session that began longer ago than the admin settings' absolute lifetime, however active
    /// (checked on every request, so a shorter lifetime applies at once). The cookie's own issued time
    /// moves on every sliding renewal, so the sign-in moment is kept apart.
    /// </summary>
    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var settings = await context.HttpContext.RequestServices.GetRequiredService<ServiceSettingsProvider>().GetAsync(context.HttpContext.RequestAborted);
        var absoluteLifetime = TimeSpan.FromHours(settings.AbsoluteLifetimeHours);
        var signedIn = SessionMarkers.Get(context.Properties, SessionMarkers.SignedInKey) ?? context.Properties.IssuedUtc;
        var now = context.Options.TimeProvider!.GetUtcNow();
        if (signedIn is null || now - signedIn.Value >= absoluteLifetime)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        // Identity's validator re-checks the security stamp only once the cookie is older than the interval
        // (SecurityStampValidator<TUser>.ValidateAsync). Resolving it builds SignInManager, UserManager and their
        // stores for every request (about 5 % of a page's CPU, issue 9), so the same test of the cookie's age is
        // made here first, with the validator's own options and clock; an older cookie goes to the validator.
        var stamp = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        if (context.Properties.IssuedUtc is { } issued && (stamp.TimeProvider ?? TimeProvider.System).GetUtcNow() - issued <= stamp.ValidationInterval)
        {
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
