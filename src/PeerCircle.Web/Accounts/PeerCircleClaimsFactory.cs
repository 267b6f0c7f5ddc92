using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PeerCircle.Data.Identity;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Accounts;

/// <summary>
/// Puts the time zone and pseudonym in the sign-in cookie, so pages can show times in the viewer's
/// zone without a query. Profile changes refresh the cookie.
/// </summary>
internal sealed class PeerCircleClaimsFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PeerCircleClaims.TimeZone, user.TimeZoneId));
        identity.AddClaim(new Claim(PeerCircleClaims.Pseudonym, user.Pseudonym));
        // Lets the staff two-factor rule decide without a query on every request; enabling or disabling
        // two-factor refreshes the cookie (and changes the security stamp, which refreshes other sessions).
        identity.AddClaim(new Claim(PeerCircleClaims.TwoFactor, user.TwoFactorEnabled ? "true" : "false"));
        return identity;
    }
}
