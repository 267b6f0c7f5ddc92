using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using PeerCircle.Web.Infrastructure;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

/// <summary>Token encoding and absolute links for the account emails.</summary>
internal static class AccountLinks
{
    public static string EncodeToken(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>Decodes a token from a link; null when the link was mangled.</summary>
    public static string? DecodeToken(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string ConfirmEmail(PublicLinks links, Guid userId, string token) =>
        links.Page("/Account/ConfirmEmail", new { area = "Identity", userId, code = EncodeToken(token) });

    public static string ConfirmEmailChange(PublicLinks links, Guid userId, string email, string token) =>
        links.Page("/Account/ConfirmEmailChange", new { area = "Identity", userId, email, code = EncodeToken(token) });

    public static string ResetPassword(PublicLinks links, string token) =>
        links.Page("/Account/ResetPassword", new { area = "Identity", code = EncodeToken(token) });

    public static string SignIn(PublicLinks links) => links.Page("/Account/Login", new { area = "Identity" });

    public static string ForgotPassword(PublicLinks links) => links.Page("/Account/ForgotPassword", new { area = "Identity" });

    /// <summary>Only local return URLs are followed, so a link can never send someone to another site.</summary>
    public static string SafeReturnUrl(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : url.Content("~/");
}
