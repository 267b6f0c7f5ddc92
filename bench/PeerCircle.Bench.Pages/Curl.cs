using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace PeerCircle.Bench.Pages;

/// <summary>
/// Signs in with curl through the real form (GET the page for the antiforgery cookie and token, POST
/// email and password) and keeps the sign-in cookie for wrk to replay. The cookies are read from the
/// response headers, not from a curl cookie jar: the app's cookies are Secure (<c>__Host-</c>) and curl
/// will not store a Secure cookie that arrives over plain http.
/// </summary>
internal static partial class Curl
{
    public const string AuthCookie = "__Host-PeerCircle";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    /// <summary>Status, response headers and body of one request.</summary>
    public static async Task<(int Status, IReadOnlyList<string> Headers, string Body)> RunAsync(Uri url, string? cookie = null, string? form = null)
    {
        var headerFile = Path.GetTempFileName();
        try
        {
            var info = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in (string[])["-s", "-D", headerFile, "--max-time", "30", url.ToString()])
            {
                info.ArgumentList.Add(arg);
            }

            if (cookie is not null)
            {
                info.ArgumentList.Add("-H");
                info.ArgumentList.Add("Cookie: " + cookie);
            }

            if (form is not null)
            {
                info.ArgumentList.Add("--data-raw");
                info.ArgumentList.Add(form);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not run curl.");
            var body = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"curl {url} failed ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()}");
            }

            var headers = await File.ReadAllLinesAsync(headerFile);
            var status = int.Parse(headers[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            return (status, headers, body);
        }
        finally
        {
            File.Delete(headerFile);
        }
    }

    /// <summary>Returns the Cookie header value that carries the sign-in.</summary>
    public static async Task<string> SignInAsync(Uri baseAddress, string email, string password)
    {
        var login = new Uri(baseAddress, "/Identity/Account/Login");
        var (token, antiforgery) = await FormTokenAsync(login, null);
        var form = $"Input.Email={Uri.EscapeDataString(email)}&Input.Password={Uri.EscapeDataString(password)}&Input.RememberMe=false"
            + $"&__RequestVerificationToken={Uri.EscapeDataString(token)}";
        var (status, headers, _) = await RunAsync(login, antiforgery, form);
        if (status != 302)
        {
            throw new InvalidOperationException($"Sign-in of {email} answered {status}, not a redirect.");
        }

        return Cookies(headers).SingleOrDefault(c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Sign-in of {email} set no {AuthCookie} cookie.");
    }

    /// <summary>The antiforgery form token of a page (URL-escaped for a form body) and the cookie it goes with.</summary>
    public static async Task<(string Token, string Cookie)> FormTokenAsync(Uri page, string? cookie)
    {
        var (status, headers, body) = await RunAsync(page, cookie);
        if (status != 200)
        {
            throw new InvalidOperationException($"GET {page} answered {status}.");
        }

        var token = TokenInput().Match(body) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{page} has no antiforgery token.");
        var antiforgery = Cookies(headers).Single(c => c.StartsWith("__Host-PeerCircle.Af=", StringComparison.Ordinal));
        return (token, cookie is null ? antiforgery : cookie + "; " + antiforgery);
    }

    /// <summary>
    /// The cookie header a browser would send next: <paramref name="cookie"/> plus the antiforgery cookie the
    /// response set, if any (a page with a form sets one the first time; a browser keeps it, so later
    /// requests do not make and encrypt a new one each time).
    /// </summary>
    public static string? KeepAntiforgeryCookie(string? cookie, IEnumerable<string> headers)
    {
        var antiforgery = Cookies(headers).FirstOrDefault(c => c.StartsWith("__Host-PeerCircle.Af=", StringComparison.Ordinal));
        return antiforgery is null ? cookie : cookie is null ? antiforgery : cookie + "; " + antiforgery;
    }

    /// <summary>"name=value" of each Set-Cookie header.</summary>
    private static IEnumerable<string> Cookies(IEnumerable<string> headers) =>
        headers.Where(h => h.StartsWith("Set-Cookie:", StringComparison.OrdinalIgnoreCase))
            .Select(h => h["Set-Cookie:".Length..].Trim().Split(';', 2)[0]);
}
