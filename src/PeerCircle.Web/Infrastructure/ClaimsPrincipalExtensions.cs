using System.Security.Claims;

namespace PeerCircle.Web.Infrastructure;

public static class PeerCircleClaims
{
    public const string TimeZone = "pc:tz";
    public const string Pseudonym = "pc:pseudonym";
    public const string TwoFactor = "pc:2fa";
    public const string DefaultTimeZone = "Europe/London";

    /// <summary>The signed-in person's id. Pages behind the sign-in policy always have one.</summary>
    public static Guid GetUserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var value = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return Guid.TryParse(value, out var id) ? id : throw new InvalidOperationException("No signed-in user.");
    }

    public static Guid? FindUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The IANA zone to show times in: the profile's, else the service default.</summary>
    public static string GetTimeZoneId(this ClaimsPrincipal user) =>
        user?.FindFirstValue(TimeZone) is { Length: > 0 } zone ? zone : DefaultTimeZone;
}
