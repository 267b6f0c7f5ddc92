using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using PeerCircle.Data.Identity;

namespace PeerCircle.Web.Calendar;

/// <summary>The secret in a private calendar feed's address: 32 random bytes, base64url (43 characters).</summary>
public static class CalendarFeedTokens
{
    public const int Bytes = 32;
    public const int Length = 43;

    public static string Create() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>Cheap shape check before touching the database.</summary>
    public static bool LooksValid([NotNullWhen(true)] string? token) =>
        token is { Length: Length and <= ApplicationUser.FeedTokenMaxLength }
        && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
