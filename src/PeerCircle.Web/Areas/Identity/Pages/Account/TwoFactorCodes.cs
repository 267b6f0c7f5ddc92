using System.Globalization;
using System.Text;
using QRCoder;

namespace PeerCircle.Web.Areas.Identity.Pages.Account;

/// <summary>Formatting for authenticator keys, QR codes and typed codes.</summary>
internal static class TwoFactorCodes
{
    public const string Issuer = "PeerCircle";
    public const int RecoveryCodeCount = 10;

    /// <summary>What people type, without the spaces and hyphens they add to read it.</summary>
    public static string Normalize(string code) =>
        code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    /// <summary>A recovery code as stored (XXXXX-XXXXX, upper case), however it was typed.</summary>
    public static string NormalizeRecoveryCode(string code)
    {
        var clean = Normalize(code).ToUpperInvariant();
        return clean.Length == 10 ? $"{clean[..5]}-{clean[5..]}" : clean;
    }

    /// <summary>The shared key in groups of four, lower case, as authenticator apps accept it typed.</summary>
    public static string FormatKey(string unformattedKey)
    {
        var result = new StringBuilder();
        for (var i = 0; i < unformattedKey.Length; i += 4)
        {
            if (i > 0)
            {
                result.Append(' ');
            }

            result.Append(unformattedKey.AsSpan(i, Math.Min(4, unformattedKey.Length - i)));
        }

        return result.ToString().ToLowerInvariant();
    }

    /// <summary>The otpauth:// address authenticator apps read from the QR code.</summary>
    public static string AuthenticatorUri(string email, string unformattedKey) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={unformattedKey}&issuer={Uri.EscapeDataString(Issuer)}&digits=6");

    /// <summary>
    /// The QR code as a PNG data: URI, made on the server: no script and no inline style (the CSP
    /// allows data: images), and the key never leaves the page for a third-party QR service.
    /// </summary>
    public static string QrCodeDataUri(string authenticatorUri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(authenticatorUri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
