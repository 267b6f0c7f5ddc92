using Microsoft.AspNetCore.Authentication;
using System.Globalization;

namespace PeerCircle.Web.Accounts;

/// <summary>
/// Moments kept in the sign-in cookie's authentication properties (not in the claims, which are
/// rebuilt whenever the cookie is refreshed): when the person signed in, for the absolute session
/// limit, and when they last typed their password, for the re-authentication rule.
/// </summary>
public static class SessionMarkers
{
    public const string SignedInKey = "pc.signedin";
    public const string ReauthenticatedKey = "pc.reauth";

    /// <summary>How long a password typed at sign-in or on the re-authentication page lets someone change security settings.</summary>
    public static readonly TimeSpan ReauthenticationWindow = TimeSpan.FromMinutes(5);

    public static DateTimeOffset? Get(AuthenticationProperties? properties, string key) =>
        properties?.Items.TryGetValue(key, out var value) == true
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment)
            ? moment
            : null;

    public static void Set(AuthenticationProperties properties, string key, DateTimeOffset moment)
    {
        ArgumentNullException.ThrowIfNull(properties);
        properties.Items[key] = moment.ToString("O", CultureInfo.InvariantCulture);
    }
}
