using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace PeerCircle.Web.Accounts;

/// <summary>The absolute session limit and the moments kept in the sign-in cookie.</summary>
internal static class SessionLimits
{
    /// <summary>
    /// A new sign-in (password or two-factor) records when it happened; refreshing the cookie after a
    /// profile change keeps the original moment, so refreshing never extends the absolute limit.
    /// </summary>
    public static Task OnSigningIn(CookieSigningInContext context)
    {
        if (SessionMarkers.Get(context.Properties, SessionMarkers.SignedInKey) is null)
        {
            var now = context.Options.TimeProvider!.GetUtcNow();
            SessionMarkers.Set(context.Properties, SessionMarkers.SignedInKey, now);
            // Typing the password to sign in counts as a fresh re-authentication.
            SessionMarkers.Set(context.Properties, SessionMarkers.ReauthenticatedKey, now);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Ends a session that began more than <paramref name="absoluteLifetime"/> ago, however active. The
    /// cookie's own issued time moves on every sliding renewal, so the sign-in moment is kept apart.
    /// </summary>
    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context, TimeSpan absoluteLifetime)
    {
        var signedIn = SessionMarkers.Get(context.Properties, SessionMarkers.SignedInKey) ?? context.Properties.IssuedUtc;
        var now = context.Options.TimeProvider!.GetUtcNow();
        if (signedIn is null || now - signedIn.Value >= absoluteLifetime)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
